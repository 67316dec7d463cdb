package csc.lakehouse.ingest.cin;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.TableSchema;
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
import java.util.HashSet;
import java.util.Set;
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
 * {@code cin_census_pre_proceedings}. Schemas, and where each table's rows are in the XML (its {@code xml:} block:
 * record element, the elements holding its leaves, list columns, what it repeats from enclosing records):
 * {@code data-schemas/tables/bronze/<table>.yaml}. The walk below knows no element names but the root's and those.
 */
public final class CinCensusReader implements SourceReader {
    public static final String SOURCE = "cin_census";


    /**
     * A record kind: one bronze table and where its rows come from in the XML, as its YAML declares
     * ({@code data-schemas/tables/bronze/cin_census_*.yaml}, {@code xml:}). Columns are in the YAML's order, lineage
     * (other than {@code _row_number}) left to ingest.
     */
    record Kind(String table, TableSchema.XmlRecord xml, List<String> columns, Set<String> leaves, StructType schema) {
        static Kind of(TableSchema t) {
            Set<String> lineage = Set.of(Lineage.SOURCE_FILE, Lineage.FILE_SHA256, Lineage.COLLECTION_YEAR,
                    Lineage.LA_CODE, Lineage.INGESTED_AT);
            List<String> columns = new ArrayList<>();
            Set<String> leaves = new HashSet<>();
            StructType schema = new StructType();
            for (TableSchema.ColumnSpec c : t.columns) {
                if (lineage.contains(c.name)) continue;
                columns.add(c.name);
                schema = schema.add(c.name, TableSchema.sparkType(c.type), true);
                boolean other = c.name.startsWith("_") || c.name.equals(t.xml.value)
                        || t.xml.carried.containsKey(c.name) || t.xml.lists.containsKey(c.name);
                if (!other) leaves.add(c.name);
            }
            if (!columns.contains(Lineage.ROW_NUMBER)) {
                throw new IllegalStateException("data-schemas/tables/bronze/" + t.table + ".yaml: no " + Lineage.ROW_NUMBER);
            }
            return new Kind(t.table, t.xml, List.copyOf(columns), Set.copyOf(leaves), schema);
        }

        /** The elements whose children are this record's leaf values. */
        List<String> leafContainers() {
            List<String> c = new ArrayList<>(xml.leaves_in);
            if (xml.value == null) c.add(xml.record);
            return c;
        }
    }

    /** Every record kind, and the lookups the walk uses, built once from the bronze spec. */
    static final List<Kind> KINDS = BronzeSpec.xmlRecords().stream().map(Kind::of).toList();
    /** record element -> its kind */
    private static final Map<String, Kind> BY_RECORD = new HashMap<>();
    /** element holding leaf values -> the kind they belong to */
    private static final Map<String, Kind> BY_LEAF_CONTAINER = new HashMap<>();
    /** list container element -> (its kind, its column) */
    private static final Map<String, Map.Entry<Kind, String>> BY_LIST_CONTAINER = new HashMap<>();
    /** elements walked through without a record of their own: leaf containers and the elements records sit in */
    private static final Set<String> CONTAINERS = new HashSet<>();

    static {
        for (Kind k : KINDS) {
            if (BY_RECORD.put(k.xml().record, k) != null) throw new IllegalStateException("two CIN kinds of <" + k.xml().record + ">");
            for (String c : k.leafContainers()) {
                if (BY_LEAF_CONTAINER.put(c, k) != null) throw new IllegalStateException("<" + c + "> holds leaves of two CIN kinds");
            }
            k.xml().lists.forEach((column, l) -> BY_LIST_CONTAINER.put(l.container, Map.entry(k, column)));
            CONTAINERS.add(k.xml().within);
            CONTAINERS.addAll(k.xml().leaves_in);
        }
        for (Kind k : KINDS) CONTAINERS.remove(k.xml().record);
    }

    /** The element a readable CIN census must have (the one children sit in). */
    private static final String CHILDREN = BY_RECORD.get("Child") == null ? "Children" : BY_RECORD.get("Child").xml().within;

    /** A table's reader columns, in order (tests). */
    static List<String> columns(String table) {
        return KINDS.stream().filter(k -> k.table().equals(table)).findFirst().orElseThrow().columns();
    }

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

        /** The records open now, by record element (at most one per kind: a kind never nests in itself). */
        final Map<String, Open> open = new HashMap<>();
        /** list columns being collected, by list container element */
        final Map<String, StringBuilder> lists = new HashMap<>();
        StringBuilder text = new StringBuilder();
        boolean inLeaf;

        record Open(Kind kind, Map<String, String> values, long row) {}

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
            Kind record = BY_RECORD.get(name);
            if (record != null && record.xml().within.equals(parent)) {
                open.put(name, new Open(record, new HashMap<>(), next(record.table())));
                inLeaf = record.xml().value != null;
                return;
            }
            if (BY_LIST_CONTAINER.containsKey(name)) {
                lists.put(name, new StringBuilder());
                return;
            }
            if (CONTAINERS.contains(name)) {
                if (name.equals(CHILDREN)) sawChildren = true;
                return;
            }
            if (isKnownLeaf(parent, name)) {
                inLeaf = true;
            } else {
                unknown.merge("<" + name + "> under <" + parent + ">", 1, Integer::sum);
            }
        }

        private boolean isKnownLeaf(String parent, String name) {
            if (parent == null) return false;
            Map.Entry<Kind, String> list = BY_LIST_CONTAINER.get(parent);
            if (list != null) return list.getKey().xml().lists.get(list.getValue()).item.equals(name);
            Kind k = BY_LEAF_CONTAINER.get(parent);
            return k != null && k.leaves().contains(name);
        }

        private void end(String name) {
            if (!path.isEmpty()) path.remove(path.size() - 1);
            String parent = parent();
            boolean leaf = inLeaf;
            inLeaf = false;
            if (!"Message".equals(rootName)) return;
            String v = null;
            if (leaf) {
                v = text.toString();
                text.setLength(0);
            }
            Kind record = BY_RECORD.get(name);
            if (record != null && record.xml().within.equals(parent) && open.containsKey(name)) {
                Open o = open.remove(name);
                if (record.xml().value != null) o.values().put(record.xml().value, v);
                close(o);
                return;
            }
            Map.Entry<Kind, String> list = BY_LIST_CONTAINER.get(name);
            if (list != null && !leaf) {
                StringBuilder sb = lists.remove(name);
                Open o = open.get(list.getKey().xml().record);
                if (o != null && sb != null) o.values().put(list.getValue(), sb.toString());
                return;
            }
            if (!leaf) return;
            if (BY_LIST_CONTAINER.containsKey(parent)) {
                append(lists.get(parent), v);
                return;
            }
            Kind k = BY_LEAF_CONTAINER.get(parent);
            Open o = k == null ? null : open.get(k.xml().record);
            if (o != null) o.values().put(name, v);
        }

        /** A record ends: it takes what it repeats from the records around it, and becomes a row. */
        private void close(Open o) {
            Kind k = o.kind();
            k.xml().carried.forEach((column, from) -> {
                Open enclosing = open.get(from);
                o.values().put(column, enclosing == null ? null : enclosing.values().get(column));
            });
            k.xml().parent_rows.forEach((column, from) -> {
                Open enclosing = open.get(from);
                o.values().put(column, enclosing == null ? null : Long.toString(enclosing.row()));
            });
            if (k.table().equals(BronzeSpec.CIN_HEADER)) headerValues.putAll(o.values());
            rows.get(k.table()).add(record(k, o.values(), o.row()));
        }

        private static void append(StringBuilder sb, String v) {
            if (sb == null) return;
            if (sb.length() > 0) sb.append(';');
            sb.append(v);
        }

        private static Row record(Kind k, Map<String, String> values, long rowNumber) {
            List<String> cols = k.columns();
            Object[] out = new Object[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                out[i] = cols.get(i).equals(Lineage.ROW_NUMBER) ? (Object) rowNumber : values.get(cols.get(i));
            }
            return RowFactory.create(out);
        }
    }
}
