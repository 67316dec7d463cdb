package csc.lakehouse.ingest.ssd;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.SilverBuilder;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.conform.ssd.SsdSilverBuilder;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.SsdSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSD read straight from a real PostgreSQL (binaries shipped through Maven by io.zonky.test), against the
 * same tables exported as CSV: the silver tables must be equal. Bad connections must leave bronze untouched.
 */
class SsdJdbcIngestTest {
    static EmbeddedPostgres pg;

    // The same SSD extract, as the council's CSV export and as database rows (loaded with COPY).
    // Contacts: C3 twice (duplicate key: both quarantined by SSD-DUP), C4 names a child not in ssd_person
    // (SSD-FK). So silver contact holds C1, C2 (2 rows) on both paths; person_ssd 2; professional 2.
    static final Map<String, String> EXTRACT = new LinkedHashMap<>();
    static {
        EXTRACT.put("ssd_person", "pers_person_id,pers_forename,pers_surname,pers_sex,pers_ethnicity,pers_dob\n"
                + "P1,Ann,Smith,F,WBRI,2015-06-20\n"
                + "P2,Bob,Jones,M,BAFR,2018-01-02\n");
        EXTRACT.put("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_outcome_json\n"
                + "C1,P1,2024-05-01 09:30:00,1A,\"{\"\"NEW_REFERRAL_FLAG\"\":\"\"Y\"\"}\"\n"
                + "C2,P2,2024-05-02,1B,\n"
                + "C3,P1,2024-05-03,1A,\n"
                + "C3,P2,2024-05-04,1A,\n"
                + "C4,P9,2024-05-05,1A,\n");
        EXTRACT.put("ssd_professionals", "prof_professional_id,prof_professional_name,prof_social_worker_registration_no,"
                + "prof_professional_job_title,prof_professional_department,prof_full_time_equivalency,prof_professional_caseload\n"
                + "W1,Jane Doe,SW12345,Social Worker,TeamA,0.8,12\n"
                + "W2,John Roe,SW999,Team Manager,TeamA,1,\n");
    }

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> e : EXTRACT.entrySet()) {
                SsdSpec.Table t = SsdSpec.get().table(e.getKey()).orElseThrow();
                st.execute(SsdDatabaseForBench.createTable(t));
                String header = e.getValue().substring(0, e.getValue().indexOf('\n'));
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + t.name() + " (" + header
                        + ") FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(e.getValue()));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) pg.close();
    }

    static String url() { return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres"; }

    static SsdJdbcExtract.Credentials cred() { return new SsdJdbcExtract.Credentials("postgres", null); }

    /** Silver of the given bronze inputs, by table, without the columns that name the way in (time, file, hash). */
    static Map<String, List<String>> silver(SparkSession spark, List<Map.Entry<InputFile, ParsedFile>> inputs) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        Map<String, Dataset<Row>> bronze = new HashMap<>();
        for (Map.Entry<InputFile, ParsedFile> e : inputs) {
            ParsedFile p = e.getValue().withLa("301");
            p.tables().forEach((t, df) -> bronze.put(t, p.withLineage(df, e.getKey(), now)));
        }
        BronzeView view = t -> Optional.ofNullable(bronze.get(t));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SilverBuilder b : SsdSilverBuilder.all()) {
            Optional<Dataset<Row>> typed = b.build(view, new ConformContext(spark, "301"));
            if (typed.isEmpty()) continue;
            Dataset<Row> s = SilverWriter.write(null, b.table(), typed.get()).silver()
                    .drop("extracted_at", "source_file_sha256", "_row_hash", "collection_year");
            List<String> rows = new ArrayList<>();
            for (Row r : s.collectAsList()) rows.add(r.toString());
            rows.sort(String::compareTo);
            out.put(b.table(), rows);
        }
        return out;
    }

    @Test
    void databaseReadGivesTheSameSilverAsTheCsvExport() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Timestamp extracted = Timestamp.valueOf("2024-06-01 07:00:00");
        List<Map.Entry<InputFile, ParsedFile>> csv = new ArrayList<>();
        for (Map.Entry<String, String> e : EXTRACT.entrySet()) {
            String rel = "ssd/" + e.getKey() + ".csv";
            InputFile f = new InputFile(rel, rel, "ssd", 0L, SsdJdbcExtract.sha256(rel), null, null);
            csv.add(Map.entry(f, SsdCsvReader.parse(spark, new StringReader(e.getValue()),
                    SsdSpec.get().table(e.getKey()).orElseThrow(), extracted)));
        }
        SsdJdbcExtract.Extract db = SsdJdbcExtract.read(spark, url(), cred(), null, false);
        // 2 people + 5 contacts + 2 professionals, every row read (no lakehouse: nothing held yet)
        assertEquals(9, db.rows());
        assertEquals(3, db.tables().size());
        Row first = db.tables().get(0).getValue().tables().get("ssd_contacts").orderBy("cont_contact_id").first();
        assertEquals("database", first.getAs(BronzeSpec.SSD_SOURCE_KIND));
        assertEquals("ssd_contacts", first.getAs(BronzeSpec.SSD_SOURCE_TABLE));
        assertEquals("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres#ssd_contacts", db.tables().get(0).getKey().relative());

        Map<String, List<String>> fromCsv = silver(spark, csv);
        Map<String, List<String>> fromDb = silver(spark, db.tables());
        assertEquals(List.of("person_ssd", "contact", "professional"), new ArrayList<>(fromCsv.keySet()));
        assertEquals(2, fromCsv.get("contact").size(), "C1 and C2 kept; C3 duplicate and C4 orphan quarantined");
        assertEquals(2, fromCsv.get("professional").size());
        assertEquals(fromCsv, fromDb);
        assertFalse(fromDb.toString().contains("Jane") || fromDb.toString().contains("SW12345"));
    }

    @Test
    void aRefusedConnectionOrAReadThatTimesOutHalfWayLeavesBronzeAsItWas() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Lakehouse lake = new Lakehouse(spark, SparkTestSession.tempDir("ssd-jdbc-lake").toString());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SsdJdbcExtract.ExtractFailed refused = assertThrows(SsdJdbcExtract.ExtractFailed.class, () ->
                SsdJdbcExtract.read(spark, "jdbc:postgresql://localhost:" + closedPort + "/ssd", cred(), lake, false));
        assertTrue(refused.getMessage().startsWith("could not connect to jdbc:postgresql://localhost:" + closedPort + "/ssd:"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));

        // a view that answers only after 5 s, read last (tables are read in name order): the earlier tables
        // were read in full, then the 2 s timeout strikes half-way through the extract
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE VIEW ssd_voice_of_child AS SELECT 'V1'::varchar AS voch_table_id, 'P1'::varchar AS voch_person_id, "
                    + "pg_sleep(5)::varchar AS voch_plan_safe");
        }
        System.setProperty("csc.ssd.jdbc.timeoutSeconds", "2");
        try {
            SsdJdbcExtract.ExtractFailed slow = assertThrows(SsdJdbcExtract.ExtractFailed.class, () ->
                    SsdJdbcExtract.read(spark, url(), cred(), lake, false));
            assertTrue(slow.getMessage().startsWith("ssd_voice_of_child: the read from " + url() + " failed after 0 row(s)"),
                    slow.getMessage());
            assertTrue(slow.getMessage().endsWith("nothing was written, bronze is as it was"), slow.getMessage());
        } finally {
            System.clearProperty("csc.ssd.jdbc.timeoutSeconds");
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP VIEW ssd_voice_of_child");
            }
        }
        for (String t : List.of("ssd_person", "ssd_contacts", "ssd_professionals", "ssd_voice_of_child")) {
            assertFalse(lake.exists(Layer.BRONZE, t), t + " must not have been written");
        }
    }

    @Test
    void aUrlWithAPasswordIsRefusedAndNeverRecorded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SsdJdbcExtract.checkUrl("jdbc:postgresql://db.example/ssd?user=a&password=secret"));
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class,
                () -> SsdJdbcExtract.checkUrl("jdbc:sqlserver://db.example;databaseName=ssd;password=secret"));
        assertEquals("jdbc:sqlserver://db.example;databaseName=ssd",
                SsdJdbcExtract.safeUrl("jdbc:sqlserver://db.example;databaseName=ssd;user=a;encrypt=true"));
        assertEquals("jdbc:postgresql://db.example/ssd", SsdJdbcExtract.safeUrl("jdbc:postgresql://db.example/ssd?user=a"));
    }
}
