package csc.lakehouse.conform.cin;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration: ingest and conform on a drop holding every file of {@code reference-data/cin_census}. Runs when
 * the shared folder is present (-Dcsc.shared.dir, ../shared or ../../shared); otherwise prints a message.
 *
 * <p>Expected (worked out from the files, see docs/cin-ingest.md): 10 files, 0 rejected, 2 skipped as
 * byte-identical to another file (CIN_Census_2021_no_assessment_factors = _copy, CIN_la_issues_2887Q =
 * CIN_Census_2021); fake_CIN_data.xml (LA 975, year 2023) quarantines nothing in person_cin (332 kept)
 * or referral (402 kept) and has 13 CIN-FUTURE warnings in referral (dates after 2023-07-21).
 */
class CinReferenceDataTest {

    static Path referenceFolder() {
        for (String candidate : new String[]{System.getProperty("csc.shared.dir"), "../shared", "../../shared"}) {
            if (candidate == null) continue;
            Path p = Paths.get(candidate, "reference-data", "cin_census");
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }

    @Test
    void wholeReferenceFolderIngestsReconcilesAndIsIdempotent() throws IOException {
        Path ref = referenceFolder();
        if (ref == null) {
            System.out.println("CinReferenceDataTest: reference-data/cin_census not found; integration test skipped");
            return;
        }
        Path drop = SparkTestSession.tempDir("cin-ref-drop");
        Path cin = Files.createDirectories(drop.resolve("cin_census"));
        int files = 0;
        try (Stream<Path> s = Files.list(ref)) {
            for (Path f : s.sorted().toList()) {
                Files.copy(f, cin.resolve(f.getFileName().toString()));
                files++;
            }
        }
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("cin-ref-lake").toString());
        long t0 = System.nanoTime();
        IngestAndConform.Result r = CinTestSupport.run(drop, lake);
        System.out.printf("CinReferenceDataTest: first run over %d files took %.1f s%n", files, (System.nanoTime() - t0) / 1e9);
        assertEquals(0, r.filesRejected());
        assertEquals(files, r.filesIngested() + r.filesSkipped());
        assertEquals(2, r.filesSkipped(), "two files are byte-identical to others");

        Map<String, SilverWriter.Outcome> o = CinTestSupport.byTable(r);
        assertEquals(Set.of("person_cin", "referral", "assessment", "s47_enquiry", "cin_plan", "cp_plan", "cp_review",
                "pre_proceedings"), o.keySet());
        for (SilverWriter.Outcome x : o.values()) {
            System.out.printf("CinReferenceDataTest: %-16s in %4d written %4d quarantined %3d duplicate %3d errors %s warnings %s%n",
                    x.table(), x.rowsIn(), x.rowsWritten(), x.rowsQuarantined(), x.rowsDuplicate(), x.errorsByRule(),
                    x.warningsByRule());
            csc.lakehouse.conform.SilverCounts.reconcile(x);
            assertEquals(x.rowsWritten(), lake.read(Layer.SILVER, x.table()).count(), x.table() + " silver count");
            long q = lake.exists(Layer.QUARANTINE, x.table()) ? lake.read(Layer.QUARANTINE, x.table()).count() : 0;
            assertEquals(x.rowsQuarantined(), q, x.table() + " quarantine count");
        }

        // fake_CIN_data.xml: the one return of LA 975
        String fake = "cin_census/fake_CIN_data.xml";
        for (String t : o.keySet()) {
            if (lake.exists(Layer.QUARANTINE, t)) {
                assertEquals(0, lake.read(Layer.QUARANTINE, t).filter(col("source_file").equalTo(fake)).count(), t);
            }
        }
        assertEquals(332, lake.read(Layer.SILVER, "person_cin").filter("la_code = '975'").count());
        assertEquals(402, lake.read(Layer.SILVER, "referral").filter("la_code = '975'").count());
        assertEquals(13, lake.read(Layer.QUARANTINE, "referral_warnings")
                .filter(col("source_file").equalTo(fake).and(col("rule_id").equalTo("CIN-FUTURE"))).count());
        assertEquals(0, lake.read(Layer.SILVER, "assessment").filter("la_code = '975'").count());

        // no raw identifier from the input in any silver or quarantine table
        Set<String> raw = new HashSet<>();
        for (Row row : lake.read(Layer.BRONZE, BronzeSpec.CIN_CHILD)
                .select("LAchildID", "UPN", "FormerUPN").collectAsList()) {
            for (int i = 0; i < 3; i++) {
                String v = row.getString(i);
                if (v != null && v.trim().length() >= 4) raw.add(v.trim());
            }
        }
        assertTrue(raw.size() > 600, "identifiers collected: " + raw.size());
        List<String> scanned = new java.util.ArrayList<>();
        for (Layer layer : new Layer[]{Layer.SILVER, Layer.QUARANTINE}) {
            for (String t : lake.tables(layer)) {
                Dataset<Row> d = lake.read(layer, t);
                scanned.add(layer + "." + t);
                // every string and array column of the table in one Spark job (not one per column)
                List<String> cols = new java.util.ArrayList<>();
                for (StructField f : d.schema().fields()) {
                    if (f.dataType().equals(DataTypes.StringType) || f.dataType() instanceof ArrayType) cols.add(f.name());
                }
                if (cols.isEmpty()) continue;
                for (Row v : d.select(cols.stream().map(c -> col("`" + c + "`")).toArray(org.apache.spark.sql.Column[]::new))
                        .distinct().collectAsList()) {
                    for (int i = 0; i < cols.size(); i++) {
                        if (v.isNullAt(i)) continue;
                        List<?> values = v.get(i) instanceof String one ? List.of(one) : v.getList(i);
                        for (Object x : values) {
                            if (x == null) continue;
                            String s = x.toString();
                            for (String id : raw) {
                                assertFalse(s.contains(id), layer + "." + t + "." + cols.get(i) + " holds raw identifier " + id);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(scanned.contains("SILVER.assessment_factor"), scanned.toString());

        // a second run over the same drop changes no table
        Map<String, Long> before = versions(lake);
        IngestAndConform.Result again = CinTestSupport.run(drop, lake);
        assertEquals(0, again.filesIngested());
        assertEquals(files, again.filesSkipped());
        assertEquals(before, versions(lake));
    }

    static Map<String, Long> versions(Lakehouse lake) {
        Map<String, Long> v = new TreeMap<>();
        for (Layer layer : Layer.values()) {
            for (String t : lake.tables(layer)) v.put(layer + "." + t, lake.version(layer, t).orElse(-1L));
        }
        return v;
    }
}
