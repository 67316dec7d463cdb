package csc.lakehouse.bench;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The headline measures' inputs read straight from a drop's files, without the pipeline: the CIN census XML by a
 * StAX walk of its own (element names from the DfE's CIN census specification, not the pipeline's reader or its
 * bronze spec) flattened to CSV, and the SSDA903 {@code episodes.csv} files read by DuckDB's {@code read_csv} by
 * column name. Each file's rows are its return's (collection year from the census header, or from the
 * {@code ssda903/<YYYY>/} folder); the LA from the header's LEA, an {@code la=<code>/} folder, or else the one LA
 * the drop's census names. The look-back history is every return's referrals, de-duplicated. No pseudonymising,
 * no validation rules: a benchmark of clean synthetic drops.
 */
public final class DropInDuckDb extends DuckDbHeadlineMeasures {
    private static final Pattern LA_FOLDER = Pattern.compile("(?:^|/)la=([0-9A-Za-z]+)/");
    private final Path drop;

    public DropInDuckDb(Connection db, Path drop, Path flat) {
        super(db, flat);
        this.drop = drop.toAbsolutePath();
    }

    private static String laHint(Path file, Path root) {
        Matcher m = LA_FOLDER.matcher(root.relativize(file).toString().replace('\\', '/'));
        return m.find() ? m.group(1) : null;
    }

    private List<Path> files(String glob) throws IOException {
        java.nio.file.PathMatcher pm = drop.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(drop)) {
            return s.filter(Files::isRegularFile).filter(p -> pm.matches(drop.relativize(p))).sorted().toList();
        }
    }

    /** The census files to CSVs DuckDB reads: one line per return, referral, assessment, CIN plan and CP plan. */
    public void flatten() throws IOException {
        Files.createDirectories(flat);
        List<Path> xml = new ArrayList<>(files("cin_census/*.xml"));
        xml.addAll(files("la=*/cin_census/*.xml"));
        try (CensusCsvs out = new CensusCsvs(flat)) {
            for (Path f : xml) {
                try (InputStream in = Files.newInputStream(f)) {
                    new CensusWalk(out, laHint(f, drop)).walk(in);
                } catch (XMLStreamException e) {
                    throw new IOException("CIN census " + f + " is not well-formed XML: " + e.getMessage(), e);
                }
            }
        }
    }

    /** The five CSVs a census is flattened to. */
    private static final class CensusCsvs implements AutoCloseable {
        final BufferedWriter years, referral, assessment, plan, cpp;

        CensusCsvs(Path dir) throws IOException {
            years = csv(dir, "cin_years", "la,year");
            referral = csv(dir, "cin_referral", "la,year,child,referral_date");
            assessment = csv(dir, "cin_assessment", "la,year,child,start_date,end_date");
            plan = csv(dir, "cin_plan", "la,year,child,start_date,end_date");
            cpp = csv(dir, "cin_cpp", "la,year,child,start_date,end_date");
        }

        private static BufferedWriter csv(Path dir, String name, String header) throws IOException {
            BufferedWriter w = Files.newBufferedWriter(dir.resolve(name + ".csv"), StandardCharsets.UTF_8);
            w.write(header);
            w.write('\n');
            return w;
        }

        static void line(BufferedWriter w, String... v) throws IOException {
            for (int i = 0; i < v.length; i++) {
                if (i > 0) w.write(',');
                if (v[i] != null && !v[i].isEmpty()) {
                    w.write('"');
                    w.write(v[i].replace("\"", "\"\""));
                    w.write('"');
                }
            }
            w.write('\n');
        }

        @Override
        public void close() throws IOException {
            for (BufferedWriter w : List.of(years, referral, assessment, plan, cpp)) w.close();
        }
    }

    /**
     * One pass over a census: Header/Source/LEA and Header/CollectionDetails/Year, then per Child its LAchildID and,
     * per CINdetails, its CINreferralDate and the dates of its Assessments, CINPlanDates and ChildProtectionPlans
     * (written when the element closes, so the order of the children inside it does not matter).
     */
    private static final class CensusWalk {
        private final CensusCsvs out;
        private String la, year, child, referralDate;
        private final Map<String, String> leaf = new HashMap<>();
        private final List<String[]> pending = new ArrayList<>();   // kind, start, end: written once the child is known

        CensusWalk(CensusCsvs out, String laFromFolder) {
            this.out = out;
            this.la = laFromFolder;
        }

        void walk(InputStream in) throws XMLStreamException, IOException {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader r = f.createXMLStreamReader(in);
            StringBuilder text = new StringBuilder();
            String headerLa = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    text.setLength(0);
                    switch (r.getLocalName()) {
                        case "Child" -> { child = null; pending.clear(); }
                        case "CINdetails" -> { referralDate = null; leaf.clear(); }
                        case "Assessments", "CINPlanDates", "ChildProtectionPlans" -> {
                            leaf.remove("start");
                            leaf.remove("end");
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String v = text.toString().trim();
                    text.setLength(0);
                    switch (r.getLocalName()) {
                        case "LEA" -> headerLa = v;
                        case "Year" -> year = v;
                        case "Header" -> {
                            if (headerLa != null && !headerLa.isEmpty()) la = headerLa;
                            CensusCsvs.line(out.years, la, year);
                        }
                        case "LAchildID" -> child = v;
                        case "CINreferralDate" -> referralDate = v;
                        case "AssessmentActualStartDate", "CINPlanStartDate", "CPPstartDate" -> leaf.put("start", v);
                        case "AssessmentAuthorisationDate", "CINPlanEndDate", "CPPendDate" -> leaf.put("end", v);
                        case "Assessments" -> pending.add(new String[]{"a", leaf.get("start"), leaf.get("end")});
                        case "CINPlanDates" -> pending.add(new String[]{"p", leaf.get("start"), leaf.get("end")});
                        case "ChildProtectionPlans" -> pending.add(new String[]{"c", leaf.get("start"), leaf.get("end")});
                        case "CINdetails" -> pending.add(new String[]{"r", referralDate, null});
                        case "Child" -> {
                            for (String[] p : pending) {
                                BufferedWriter w = switch (p[0]) {
                                    case "a" -> out.assessment;
                                    case "p" -> out.plan;
                                    case "c" -> out.cpp;
                                    default -> out.referral;
                                };
                                if (w == out.referral) CensusCsvs.line(w, la, year, child, p[1]);
                                else CensusCsvs.line(w, la, year, child, p[1], p[2]);
                            }
                            pending.clear();
                        }
                        default -> { }
                    }
                }
            }
            r.close();
        }
    }

    private String readFlat(String name, String columns) {
        return "read_csv(" + q(flat.resolve(name + ".csv")) + ", header=true, quote='\"', columns={" + columns + "})";
    }

    @Override
    public void load() throws IOException, SQLException {
        exec("CREATE TABLE cin_years AS SELECT DISTINCT la, year FROM " + readFlat("cin_years", "'la':'VARCHAR','year':'INTEGER'")
                + " WHERE la IS NOT NULL AND year IS NOT NULL");
        exec("CREATE TABLE referral AS SELECT DISTINCT la, year, child, try_cast(referral_date AS DATE) AS referral_date FROM "
                + readFlat("cin_referral", "'la':'VARCHAR','year':'INTEGER','child':'VARCHAR','referral_date':'VARCHAR'")
                + " WHERE child IS NOT NULL AND try_cast(referral_date AS DATE) IS NOT NULL");
        exec("CREATE TABLE referral_history AS SELECT DISTINCT la, child, referral_date FROM referral");
        String dates = "'la':'VARCHAR','year':'INTEGER','child':'VARCHAR','start_date':'VARCHAR','end_date':'VARCHAR'";
        for (String[] t : new String[][]{{"assessment", "cin_assessment"}, {"cin_plan", "cin_plan"}, {"cp_plan", "cin_cpp"}}) {
            // one row per item (child, start) and return
            exec("CREATE TABLE " + t[0] + " AS SELECT la, year, child, start_date, any_value(end_date) AS end_date FROM ("
                    + " SELECT la, year, child, try_cast(start_date AS DATE) AS start_date, try_cast(end_date AS DATE) AS end_date FROM "
                    + readFlat(t[1], dates) + ") WHERE child IS NOT NULL AND start_date IS NOT NULL GROUP BY la, year, child, start_date");
        }
        List<Path> eps = new ArrayList<>(files("ssda903/*/episodes.csv"));
        eps.addAll(files("la=*/ssda903/*/episodes.csv"));
        String dropLa = null;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT la FROM cin_years")) {
            List<String> las = new ArrayList<>();
            while (rs.next()) las.add(rs.getString(1));
            if (las.size() == 1) dropLa = las.get(0);
        }
        exec("CREATE TABLE episode (la VARCHAR, year INTEGER, child VARCHAR, decom DATE, rne VARCHAR, ls VARCHAR)");
        exec("CREATE TABLE cla_years (la VARCHAR, year INTEGER)");
        for (Path f : eps) {
            String la = laHint(f, drop);
            if (la == null) la = dropLa;
            if (la == null) throw new IllegalStateException("cannot tell the LA of " + f);
            int year = Integer.parseInt(f.getParent().getFileName().toString());
            String lit = "'" + la.replace("'", "''") + "'";
            exec("INSERT INTO cla_years VALUES (" + lit + ", " + year + ")");
            exec("INSERT INTO episode SELECT DISTINCT " + lit + ", " + year + ", trim(CHILD),"
                    + " try_strptime(trim(DECOM), '%d/%m/%Y')::DATE, nullif(trim(RNE), ''), nullif(upper(trim(LS)), '')"
                    + " FROM read_csv(" + q(f) + ", header=true, all_varchar=true)"
                    + " WHERE try_strptime(trim(DECOM), '%d/%m/%Y') IS NOT NULL AND nullif(trim(CHILD), '') IS NOT NULL");
        }
    }
}
