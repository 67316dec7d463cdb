package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.SourceReader;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The XML form of the SSDA903 return ({@code ssda903/<YYYY>/*.xml}): {@code EXPSSDA903/CHILD/{HEADER,
 * EPISODE*}}, read with StAX in one streaming pass into the same bronze tables as the CSV files.
 * HEADER holds CHILDID and the header, UASC (DUC), AD1 and OC3 items, and the repeating groups AREVIEW,
 * AMISSING, PERMANENCE, OC2 and AD_PLACED (SWEPISODE and DOLO are accepted too); EPISODE uses PL for
 * PLACE. Every row of a CHILD gets its CHILD (and DOB where the CSV form has it), as in the CSVs.
 * Values are kept as received; an empty element is an empty string, an absent one null.
 *
 * <p>{@code _row_number} is the ordinal of the record within its table in the file (1, 2, ...).
 */
public final class Ssda903XmlReader implements SourceReader {
    public static final String ROOT = "EXPSSDA903";

    private static final Map<String, String> GROUPS = Map.of(
            "AREVIEW", "reviews", "AMISSING", "missing", "PERMANENCE", "previous_permanence", "OC2", "oc2",
            "AD_PLACED", "placed_for_adoption", "SWEPISODE", "sw_episodes", "SW_EPISODE", "sw_episodes",
            "DOLO", "dolo");

    @Override
    public String source() { return "ssda903"; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        return inSourceFolder(dropFiles, SourceReader.withExtension(".xml"));
    }

    @Override
    public List<String> bronzeTables() { return Ssda903Tables.bronzeTables(); }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        int year = Ssda903Tables.yearOf(file.yearHint(), file.name())
                .orElseThrow(() -> new FileRejected("no collection year: put the file in ssda903/<YYYY>/ or name the year in the file name"));
        Path p = new Path(file.uri());
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(p)) {
                return parse(spark, in, year);
            }
        } catch (IOException e) {
            throw new FileRejected("could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses one SSDA903 XML document (public for tests). */
    public static ParsedFile parse(SparkSession spark, InputStream in, int year) throws FileRejected {
        Map<String, List<Map<String, String>>> records = new LinkedHashMap<>();
        for (String t : Ssda903Tables.TABLES) records.put(t, new ArrayList<>());
        List<String> warnings = new ArrayList<>();
        Set<String> unknownGroups = new LinkedHashSet<>();
        int children = 0;
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader r = f.createXMLStreamReader(in);
            if (r.nextTag() != XMLStreamConstants.START_ELEMENT || !ROOT.equals(r.getLocalName())) {
                throw new FileRejected("not an SSDA903 XML file: root element is " + r.getLocalName() + ", expected " + ROOT);
            }
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!"CHILD".equals(r.getLocalName())) {
                    skip(r);
                    continue;
                }
                children++;
                readChild(r, records, unknownGroups);
            }
            // r is at </EXPSSDA903>; anything after it but whitespace is an error
            while (r.hasNext()) r.next();
        } catch (XMLStreamException e) {
            String msg = e.getMessage() == null ? "parse error" : e.getMessage().replaceAll("\\s+", " ").trim();
            throw new FileRejected("not well-formed XML (truncated or not XML): " + msg, e);
        } catch (java.util.NoSuchElementException e) {
            throw new FileRejected("not well-formed XML: the document ends early (truncated)", e);
        }
        if (!unknownGroups.isEmpty()) warnings.add("unrecognised HEADER groups ignored: " + String.join(", ", unknownGroups));
        if (children == 0) warnings.add("no CHILD elements: 0 rows");

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, List<Map<String, String>>> e : records.entrySet()) {
            Ssda903Tables.Spec spec = Ssda903Tables.spec(e.getKey());
            List<String> cols = new ArrayList<>(spec.columnNames());
            for (Map<String, String> rec : e.getValue()) for (String k : rec.keySet()) if (!cols.contains(k)) cols.add(k);
            if (e.getValue().isEmpty()) continue;
            BronzeRows rows = new BronzeRows(cols);
            long n = 0;
            for (Map<String, String> rec : e.getValue()) {
                String[] v = new String[cols.size()];
                for (int i = 0; i < cols.size(); i++) v[i] = rec.get(cols.get(i));
                rows.add(v, ++n);
            }
            total += n;
            tables.put(spec.bronze_table, rows.toFrame(spark));
        }
        return new ParsedFile(year, null, tables, total, warnings);
    }

    private static final Set<String> HEADER_COLS = Set.of("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB");
    private static final List<String> UASC_COLS = List.of("DUC");
    private static final List<String> OC3_COLS = List.of("IN_TOUCH", "ACTIV", "ACCOM");
    private static final List<String> AD1_COLS = List.of("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR");

    private static void readChild(XMLStreamReader r, Map<String, List<Map<String, String>>> out, Set<String> unknown)
            throws XMLStreamException {
        Map<String, String> header = new LinkedHashMap<>();
        List<Map.Entry<String, Map<String, String>>> groups = new ArrayList<>();
        List<Map<String, String>> episodes = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String tag = r.getLocalName();
            if (tag.equals("HEADER")) {
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    String h = r.getLocalName();
                    Object content = readContent(r);
                    if (content instanceof String s) {
                        header.put(h.equals("CHILDID") ? "CHILD" : h, s);
                    } else {
                        @SuppressWarnings("unchecked") Map<String, String> g = (Map<String, String>) content;
                        groups.add(Map.entry(h, g));
                    }
                }
            } else if (tag.equals("EPISODE")) {
                Object content = readContent(r);
                Map<String, String> ep = new LinkedHashMap<>();
                if (content instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        String k = (String) e.getKey();
                        ep.put(k.equals("PL") ? "PLACE" : k, (String) e.getValue());
                    }
                }
                episodes.add(ep);
            } else {
                skip(r);
            }
        }
        String child = header.get("CHILD");
        String dob = header.get("DOB");
        Map<String, String> h = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : header.entrySet()) {
            String k = e.getKey();
            if (HEADER_COLS.contains(k) || !(UASC_COLS.contains(k) || OC3_COLS.contains(k) || AD1_COLS.contains(k))) {
                h.put(k, e.getValue());
            }
        }
        out.get("header").add(h);
        if (present(header, UASC_COLS)) out.get("uasc").add(pick(header, child, dob, List.of("SEX", "DUC")));
        if (present(header, OC3_COLS)) out.get("oc3").add(pick(header, child, dob, OC3_COLS));
        if (present(header, AD1_COLS)) out.get("ad1").add(pick(header, child, dob, AD1_COLS));
        for (Map.Entry<String, Map<String, String>> g : groups) {
            String table = GROUPS.get(g.getKey());
            if (table == null) {
                unknown.add(g.getKey());
                continue;
            }
            Map<String, String> rec = new LinkedHashMap<>();
            rec.put("CHILD", child);
            rec.put("DOB", dob);
            rec.putAll(g.getValue());
            out.get(table).add(rec);
        }
        for (Map<String, String> ep : episodes) {
            Map<String, String> rec = new LinkedHashMap<>();
            rec.put("CHILD", child);
            rec.putAll(ep);
            out.get("episodes").add(rec);
        }
    }

    private static boolean present(Map<String, String> header, List<String> cols) {
        for (String c : cols) {
            String v = header.get(c);
            if (v != null && !v.isBlank()) return true;
        }
        return false;
    }

    private static Map<String, String> pick(Map<String, String> header, String child, String dob, List<String> cols) {
        Map<String, String> rec = new LinkedHashMap<>();
        rec.put("CHILD", child);
        rec.put("DOB", dob);
        for (String c : cols) rec.put(c, header.get(c));
        return rec;
    }

    /**
     * At a START_ELEMENT: its text (a String) when it holds only text, or a map of its child elements'
     * texts when it holds elements (a repeating group). Leaves the reader at its END_ELEMENT.
     */
    private static Object readContent(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        Map<String, String> group = null;
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                     XMLStreamConstants.ENTITY_REFERENCE -> text.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    if (group == null) group = new LinkedHashMap<>();
                    String k = r.getLocalName();
                    Object inner = readContent(r);
                    group.put(k, inner instanceof String s ? s : "");
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return group != null ? group : text.toString();
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ends inside an element");
                default -> { }
            }
        }
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) depth++;
            else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
            else if (ev == XMLStreamConstants.END_DOCUMENT) throw new XMLStreamException("document ends inside an element");
        }
    }
}
