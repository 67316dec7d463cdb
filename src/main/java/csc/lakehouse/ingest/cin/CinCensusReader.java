package csc.lakehouse.ingest.cin;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.SourceReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DfE CIN census XML ({@code cin_census/*.xml}, also under {@code la=<code>/}) streamed with StAX
 * into flat bronze tables: every value a string exactly as received (absent element = null, empty
 * element = ""), plus {@code _row_number} (1-based ordinal of the element among elements of its kind in
 * the file) and the ordinals of its parents ({@code _child_row}, {@code _cin_details_row},
 * {@code _cpp_row}). Child-level tables also repeat {@code LAchildID} and {@code CINreferralDate} of their
 * parents so silver needs no joins. Lists are joined with ';' (Disabilities, AssessmentFactors); CPP
 * review dates are a table of their own.
 *
 * <p>Tables: {@code cin_census_header} (one row per file), {@code cin_census_child},
 * {@code cin_census_cin_details}, {@code cin_census_assessment}, {@code cin_census_cin_plan},
 * {@code cin_census_s47}, {@code cin_census_cpp}, {@code cin_census_cpp_review},
 * {@code cin_census_pre_proceedings}. Schemas: {@code data-schemas/tables/bronze/<table>.yaml}.
 */
public final class CinCensusReader implements SourceReader {
    public static final String SOURCE = "cin_census";


    /** A flat record kind: its element, bronze table, leaf fields in order, and parent/carry columns. */
    record Kind(String element, String table, List<String> fields, List<String> carried, List<String> parents) {
        List<String> columns() {
            List<String> c = new ArrayList<>(carried);
            c.addAll(fields);
            c.addAll(parents);
            c.add("_row_number");
            return c;
        }

        StructType schema() {
            StructType s = new StructType();
            for (String c : columns()) {
                s = s.add(c, c.equals("_row_number") ? DataTypes.LongType : DataTypes.StringType, true);
            }
            return s;
        }
    }

    static final Kind K_HEADER = new Kind("Header", BronzeSpec.CIN_HEADER,
            List.of("Collection", "Year", "ReferenceDate", "SourceLevel", "LEA", "SoftwareCode", "Release",
                    "SerialNo", "DateTime"), List.of(), List.of());
    static final Kind K_CHILD = new Kind("Child", BronzeSpec.CIN_CHILD,
            List.of("LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate",
                    "GenderCurrent", "Sex", "PersonDeathDate", "Ethnicity", "Disabilities"),
            List.of(), List.of());
    static final Kind K_DETAILS = new Kind("CINdetails", BronzeSpec.CIN_DETAILS,
            List.of("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure",
                    "DateOfInitialCPC", "ReferralNFA"),
            List.of("LAchildID"), List.of("_child_row"));
    static final Kind K_ASSESSMENT = new Kind("Assessments", BronzeSpec.CIN_ASSESSMENT,
            List.of("AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate",
                    "AssessmentFactors"),
            List.of("LAchildID", "CINreferralDate"), List.of("_child_row", "_cin_details_row"));
    static final Kind K_PLAN = new Kind("CINPlanDates", BronzeSpec.CIN_PLAN,
            List.of("CINPlanStartDate", "CINPlanEndDate"),
            List.of("LAchildID", "CINreferralDate"), List.of("_child_row", "_cin_details_row"));
    static final Kind K_S47 = new Kind("Section47", BronzeSpec.CIN_S47,
            List.of("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"),
            List.of("LAchildID", "CINreferralDate"), List.of("_child_row", "_cin_details_row"));
    static final Kind K_CPP = new Kind("ChildProtectionPlans", BronzeSpec.CIN_CPP,
            List.of("CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse",
                    "NumberOfPreviousCPP"),
            List.of("LAchildID", "CINreferralDate"), List.of("_child_row", "_cin_details_row"));
    static final Kind K_REVIEW = new Kind("CPPreviewDate", BronzeSpec.CIN_CPP_REVIEW,
            List.of("CPPreviewDate"),
            List.of("LAchildID", "CINreferralDate", "CPPstartDate"), List.of("_child_row", "_cin_details_row", "_cpp_row"));
    static final Kind K_PP = new Kind("PreProceedingsandFGDM", BronzeSpec.CIN_PRE_PROCEEDINGS,
            List.of("PPStartDate", "LBPSentDate", "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate",
                    "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate", "LetterInitCPDate"),
            List.of("LAchildID", "CINreferralDate"), List.of("_child_row", "_cin_details_row"));

    static final List<Kind> KINDS = List.of(K_HEADER, K_CHILD, K_DETAILS, K_ASSESSMENT, K_PLAN, K_S47, K_CPP,
            K_REVIEW, K_PP);

    /** Containers that are walked through without a record of their own. */
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of(
            "CollectionDetails", "Source", "ChildIdentifiers", "ChildCharacteristics", "Reviews");

    @Override
    public String source() { return SOURCE; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        return inSourceFolder(dropFiles, SourceReader.withExtension(".xml"));
    }

    @Override
    public List<String> bronzeTables() {
        List<String> t = new ArrayList<>();
        for (Kind k : KINDS) t.add(k.table());
        return t;
    }

    /** What a parse produced, before it becomes Spark frames (kept for tests and the benchmark). */
    public record Parsed(int collectionYear, String laCode, String referenceDate, Map<String, List<Row>> rows,
                         List<String> warnings) {
        public long childCount() { return rows.get(BronzeSpec.CIN_CHILD).size(); }
    }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        Parsed p;
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path path = new Path(file.uri());
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                p = parse(in);
            }
        } catch (IOException e) {
            throw new FileRejected("could not be opened: " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>(p.warnings());
        if (file.laHint() != null && p.laCode() != null && !file.laHint().equals(p.laCode())) {
            warnings.add("Header/Source/LEA " + p.laCode() + " differs from the folder la=" + file.laHint()
                    + "; the file's LEA is used");
        }
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        long held = 0;
        for (Kind k : KINDS) {
            tables.put(k.table(), spark.createDataFrame(p.rows().get(k.table()), k.schema()));
            held += p.rows().get(k.table()).size();
        }
        return new ParsedFile(p.collectionYear(), p.laCode(), tables, p.childCount(), warnings, held);
    }

    /** Streams one file. Rejects it as a whole (one-line reason) when it is not a readable CIN census. */
    public static Parsed parse(InputStream raw) throws FileRejected {
        InputStream in;
        try {
            in = skipBom(raw);
        } catch (IOException e) {
            throw new FileRejected("could not be read: " + e.getMessage(), e);
        }
        if (in == null) throw new FileRejected("empty file");
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        Walker w = new Walker();
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(in);
            w.walk(r);
        } catch (XMLStreamException e) {
            throw new FileRejected(w.describe(e), e);
        } catch (RuntimeException e) {
            // the JDK parser reports some encoding problems as unchecked exceptions
            throw new FileRejected("unreadable encoding or not XML: " + oneLine(e.getMessage()), e);
        } finally {
            if (r != null) {
                try { r.close(); } catch (XMLStreamException ignored) { }
            }
        }
        if (w.rootName == null) throw new FileRejected("empty file: no XML element");
        if (!"Message".equals(w.rootName)) {
            throw new FileRejected("not a CIN census: root element is <" + w.rootName + ">, expected <Message>");
        }
        if (!w.sawChildren) throw new FileRejected("not a CIN census: no <Children> element");
        Map<String, String> header = w.headerValues;
        String ref = header.get("ReferenceDate");
        String yearText = header.get("Year");
        Integer year = collectionYear(ref, yearText);
        if (year == null) {
            throw new FileRejected("no collection year: Header/CollectionDetails/ReferenceDate and Year are both missing or unreadable");
        }
        if (ref != null && parseDate(ref) == null) {
            w.warnings.add("Header ReferenceDate '" + ref + "' is not a date; collection year taken from Year " + yearText);
        }
        String lea = header.get("LEA");
        lea = lea == null || lea.isBlank() ? null : lea.trim();
        for (Map.Entry<String, Integer> e : w.unknown.entrySet()) {
            w.warnings.add("unknown element " + e.getKey() + " ignored (" + e.getValue() + "x)");
        }
        return new Parsed(year, lea, ref, w.rows, w.warnings);
    }

    /**
     * The collection year of a return: the reporting year (1 April Y-1 to 31 March Y) containing the
     * ReferenceDate; failing that, Header Year itself ({@code Year} 2023 is the census of 31 March 2023, the
     * 2022-23 collection); null when neither can be read.
     */
    public static Integer collectionYear(String referenceDate, String headerYear) {
        LocalDate d = parseDate(referenceDate);
        if (d != null) return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
        if (headerYear != null) {
            try {
                return Integer.parseInt(headerYear.trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    static LocalDate parseDate(String s) {
        if (s == null) return null;
        String t = s.trim();
        if (t.length() < 10) return null;
        try {
            return LocalDate.parse(t.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Skips a UTF-8 BOM; null when the stream is empty (or only whitespace would follow is left to StAX). */
    private static InputStream skipBom(InputStream raw) throws IOException {
        PushbackInputStream p = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 3);
        byte[] b = new byte[3];
        int n = p.readNBytes(b, 0, 3);
        if (n == 0) return null;
        if (n == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) return p;
        p.unread(b, 0, n);
        return p;
    }

    static String oneLine(String m) {
        return m == null ? "" : m.replaceAll("\\s+", " ").trim();
    }

    /** The streaming state machine. */
    private static final class Walker {
        final Map<String, List<Row>> rows = new HashMap<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, Integer> unknown = new TreeMap<>();
        final Map<String, String> headerValues = new HashMap<>();
        final Map<String, Long> ordinals = new HashMap<>();
        String rootName;
        boolean sawChildren;
        boolean sawContent;
        final ArrayList<String> path = new ArrayList<>();
        int depth = 0;

        // open records (at most one per kind is open at a time)
        Map<String, String> child, details, assessment, plan, s47, cpp, pp, header;
        long childRow, detailsRow, cppRow;
        StringBuilder disabilities, factors;
        StringBuilder text = new StringBuilder();
        boolean inLeaf;

        Walker() {
            for (Kind k : KINDS) rows.put(k.table(), new ArrayList<>());
        }

        String describe(XMLStreamException e) {
            String msg = oneLine(e.getMessage());
            int cut = msg.indexOf("Message: ");
            String core = cut >= 0 ? msg.substring(cut + 9) : msg;
            int at = core.indexOf(" at [row,col");
            if (at > 0) core = core.substring(0, at);
            boolean eof = core.contains("EOF") || core.contains("end of file") || core.contains("end of input") || core.contains("Premature end")
                    || core.contains("must start and end within the same entity");
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            if (rootName == null) {
                if (eof && !sawContent) return "empty file: no XML content";
                if (core.toLowerCase(Locale.ROOT).contains("encoding") || core.contains("byte")) {
                    return "unreadable encoding or not XML" + where + ": " + core;
                }
                return "not XML" + where + ": " + core;
            }
            if (core.contains("UTF-8") || core.toLowerCase(Locale.ROOT).contains("encoding") || core.contains("byte")) {
                return "unreadable encoding" + where + ": " + core;
            }
            if (eof) {
                return "truncated XML: the file ends inside <" + (path.isEmpty() ? rootName : path.get(path.size() - 1))
                        + ">" + where;
            }
            return "malformed XML" + where + ": " + core;
        }

        private long next(String table) {
            return ordinals.merge(table, 1L, Long::sum);
        }

        void walk(XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev != XMLStreamConstants.SPACE && !(ev == XMLStreamConstants.CHARACTERS && r.isWhiteSpace())) {
                    sawContent = true;
                }
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> start(r.getLocalName());
                    case XMLStreamConstants.END_ELEMENT -> end(r.getLocalName());
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        // stray text between elements (mixed content) is ignored: only leaf text counts
                        if (inLeaf) text.append(r.getText());
                    }
                    default -> { }
                }
            }
        }

        private String parent() {
            return path.isEmpty() ? null : path.get(path.size() - 1);
        }

        private void start(String name) {
            if (rootName == null) {
                rootName = name;
                path.add(name);
                return;
            }
            String parent = parent();
            path.add(name);
            inLeaf = false;
            text.setLength(0);
            if (!"Message".equals(rootName)) return;   // rejected after the walk; skip the work
            switch (name) {
                case "Header" -> header = new HashMap<>();
                case "Children" -> sawChildren = true;
                case "Child" -> {
                    child = new HashMap<>();
                    childRow = next(BronzeSpec.CIN_CHILD);
                }
                case "CINdetails" -> {
                    details = new HashMap<>();
                    detailsRow = next(BronzeSpec.CIN_DETAILS);
                }
                case "Assessments" -> assessment = new HashMap<>();
                case "CINPlanDates" -> plan = new HashMap<>();
                case "Section47" -> s47 = new HashMap<>();
                case "ChildProtectionPlans" -> {
                    cpp = new HashMap<>();
                    cppRow = next(BronzeSpec.CIN_CPP);
                }
                case "PreProceedingsandFGDM" -> pp = new HashMap<>();
                case "Disabilities" -> disabilities = new StringBuilder();
                case "FactorsIdentifiedAtAssessment" -> factors = new StringBuilder();
                default -> {
                    if (CONTAINERS.contains(name)) return;
                    if (isKnownLeaf(parent, name)) {
                        inLeaf = true;
                    } else {
                        unknown.merge("<" + name + "> under <" + parent + ">", 1, Integer::sum);
                    }
                }
            }
        }

        private boolean isKnownLeaf(String parent, String name) {
            if (parent == null) return false;
            return switch (parent) {
                case "CollectionDetails", "Source" -> K_HEADER.fields().contains(name);
                case "ChildIdentifiers", "ChildCharacteristics" -> K_CHILD.fields().contains(name) && !name.equals("Disabilities");
                case "Disabilities" -> name.equals("Disability");
                case "CINdetails" -> K_DETAILS.fields().contains(name);
                case "Assessments" -> K_ASSESSMENT.fields().contains(name) && !name.equals("AssessmentFactors");
                case "FactorsIdentifiedAtAssessment" -> name.equals("AssessmentFactors");
                case "CINPlanDates" -> K_PLAN.fields().contains(name);
                case "Section47" -> K_S47.fields().contains(name);
                case "ChildProtectionPlans" -> K_CPP.fields().contains(name);
                case "Reviews" -> name.equals("CPPreviewDate");
                case "PreProceedingsandFGDM" -> K_PP.fields().contains(name);
                default -> false;
            };
        }

        private void end(String name) {
            if (!path.isEmpty()) path.remove(path.size() - 1);
            String parent = parent();
            boolean leaf = inLeaf;
            inLeaf = false;
            if (!"Message".equals(rootName)) return;
            if (leaf) {
                String v = text.toString();
                text.setLength(0);
                leafValue(parent, name, v);
                return;
            }
            switch (name) {
                case "Header" -> {
                    headerValues.putAll(header);
                    rows.get(BronzeSpec.CIN_HEADER).add(record(K_HEADER, header, next(BronzeSpec.CIN_HEADER)));
                    header = null;
                }
                case "Child" -> {
                    rows.get(BronzeSpec.CIN_CHILD).add(record(K_CHILD, child, childRow));
                    child = null;
                }
                case "CINdetails" -> {
                    details.put("LAchildID", child == null ? null : child.get("LAchildID"));
                    details.put("_child_row", Long.toString(childRow));
                    rows.get(BronzeSpec.CIN_DETAILS).add(record(K_DETAILS, details, detailsRow));
                    details = null;
                }
                case "Assessments" -> closeUnderDetails(K_ASSESSMENT, assessment);
                case "CINPlanDates" -> closeUnderDetails(K_PLAN, plan);
                case "Section47" -> closeUnderDetails(K_S47, s47);
                case "ChildProtectionPlans" -> {
                    fillParents(cpp);
                    rows.get(BronzeSpec.CIN_CPP).add(record(K_CPP, cpp, cppRow));
                    cpp = null;
                }
                case "PreProceedingsandFGDM" -> closeUnderDetails(K_PP, pp);
                case "Disabilities" -> {
                    if (child != null) child.put("Disabilities", disabilities.toString());
                    disabilities = null;
                }
                case "FactorsIdentifiedAtAssessment" -> {
                    if (assessment != null) assessment.put("AssessmentFactors", factors.toString());
                    factors = null;
                }
                default -> { }
            }
        }

        private void closeUnderDetails(Kind k, Map<String, String> rec) {
            if (rec == null) return;
            fillParents(rec);
            rows.get(k.table()).add(record(k, rec, next(k.table())));
        }

        private void fillParents(Map<String, String> rec) {
            rec.put("LAchildID", child == null ? null : child.get("LAchildID"));
            rec.put("CINreferralDate", details == null ? null : details.get("CINreferralDate"));
            rec.put("_child_row", Long.toString(childRow));
            rec.put("_cin_details_row", Long.toString(detailsRow));
        }

        private void leafValue(String parent, String name, String v) {
            switch (parent) {
                case "CollectionDetails", "Source" -> { if (header != null) header.put(name, v); }
                case "ChildIdentifiers", "ChildCharacteristics" -> { if (child != null) child.put(name, v); }
                case "Disabilities" -> append(disabilities, v);
                case "CINdetails" -> { if (details != null) details.put(name, v); }
                case "Assessments" -> { if (assessment != null) assessment.put(name, v); }
                case "FactorsIdentifiedAtAssessment" -> append(factors, v);
                case "CINPlanDates" -> { if (plan != null) plan.put(name, v); }
                case "Section47" -> { if (s47 != null) s47.put(name, v); }
                case "ChildProtectionPlans" -> { if (cpp != null) cpp.put(name, v); }
                case "Reviews" -> {
                    if (cpp == null) return;
                    Map<String, String> rev = new HashMap<>();
                    rev.put("CPPreviewDate", v);
                    fillParents(rev);
                    rev.put("CPPstartDate", cpp.get("CPPstartDate"));
                    rev.put("_cpp_row", Long.toString(cppRow));
                    rows.get(BronzeSpec.CIN_CPP_REVIEW).add(record(K_REVIEW, rev, next(BronzeSpec.CIN_CPP_REVIEW)));
                }
                case "PreProceedingsandFGDM" -> { if (pp != null) pp.put(name, v); }
                default -> { }
            }
        }

        private static void append(StringBuilder sb, String v) {
            if (sb == null) return;
            if (sb.length() > 0) sb.append(';');
            sb.append(v);
        }

        private static Row record(Kind k, Map<String, String> values, long rowNumber) {
            List<String> cols = k.columns();
            Object[] out = new Object[cols.size()];
            for (int i = 0; i < cols.size() - 1; i++) out[i] = values.get(cols.get(i));
            out[cols.size() - 1] = rowNumber;
            return RowFactory.create(out);
        }
    }
}
