package csc.lakehouse.spec;

/**
 * The bronze contract shared by ingest (which writes bronze) and conform (which reads it): the declared
 * schemas of the bronze tables ({@code data-schemas/tables/bronze/<table>.yaml}: CIN census, SSDA903,
 * population), the table names and the columns conform relies on. Lineage columns common to every bronze
 * table: {@link Lineage}. The Annex A, local tracker and SSD bronze tables follow their input specs
 * ({@link AnnexASpec}, {@link TrackerSpec}, {@link SsdSpec}) and have no file here.
 */
public final class BronzeSpec {
    private BronzeSpec() {}

    /** The declared schema of one bronze table. */
    public static TableSchema schema(String table) {
        return TableSchema.load("bronze", table);
    }

    /** Every declared bronze table, by name (in file-name order). */
    public static java.util.Map<String, TableSchema> declared() {
        java.util.Map<String, TableSchema> out = new java.util.TreeMap<>();
        for (TableSchema t : TableSchema.all("bronze")) out.put(t.table, t);
        return out;
    }

    /** The bronze tables read from XML elements (those declaring {@code xml:}: the CIN census's), in file-name order. */
    public static java.util.List<TableSchema> xmlRecords() {
        java.util.List<TableSchema> out = new java.util.ArrayList<>();
        for (TableSchema t : declared().values()) {
            if (t.xml != null) out.add(t);
        }
        return out;
    }

    /** One row per file ingested: what {@code seen} files and the returns held are read from. */
    public static final String INGEST_LOG = "_ingest_log";

    // CIN census: one bronze table per record kind of the XML
    public static final String CIN_HEADER = "cin_census_header";
    public static final String CIN_CHILD = "cin_census_child";
    public static final String CIN_DETAILS = "cin_census_cin_details";
    public static final String CIN_ASSESSMENT = "cin_census_assessment";
    public static final String CIN_PLAN = "cin_census_cin_plan";
    public static final String CIN_S47 = "cin_census_s47";
    public static final String CIN_CPP = "cin_census_cpp";
    public static final String CIN_CPP_REVIEW = "cin_census_cpp_review";
    public static final String CIN_PRE_PROCEEDINGS = "cin_census_pre_proceedings";

    /** SSDA903: an optional per-row LA column of multi-LA stacked files. */
    public static final String SSDA903_LA_COLUMN = "LA";

    /** Local trackers: an optional per-row LA column. */
    public static final String TRACKER_LA_COLUMN = "la";

    // SSD: lineage columns of its own, beside (not instead of) the common ones
    /** {@code file} or {@code database}. */
    public static final String SSD_SOURCE_KIND = "_source_kind";
    /** The SSD table the row came from, e.g. {@code ssd_contacts}. */
    public static final String SSD_SOURCE_TABLE = "_source_table";
    /** When the council's system was extracted: file time of a CSV, query time of a database read. */
    public static final String SSD_EXTRACTED_AT = "_extracted_at";
    /** SHA-256 of the row's values: an unchanged row read again is not stored again. */
    public static final String SSD_ROW_HASH = "_row_hash";
}
