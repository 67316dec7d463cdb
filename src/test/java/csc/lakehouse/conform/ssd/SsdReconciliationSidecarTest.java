package csc.lakehouse.conform.ssd;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.SilverBuilder;
import csc.lakehouse.conform.cin.CinSilverBuilder;
import csc.lakehouse.spec.TableSchema;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.SourceReader;
import csc.lakehouse.ingest.cin.CinCensusReader;
import csc.lakehouse.ingest.ssd.SsdCsvReader;
import csc.lakehouse.spec.SsdSilverMap;
import csc.lakehouse.synth.Generator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's SSD extract against its own CIN census returns: the reconciliation finds exactly the differences
 * the generator planted and listed in {@code _ssd_differences.csv}, and nothing else.
 */
@Tag("slow")
class SsdReconciliationSidecarTest {

    static List<Map.Entry<InputFile, ParsedFile>> read(SparkSession spark, SourceReader reader, Path root, String folder,
                                                       java.util.function.Predicate<String> take) throws Exception {
        List<Map.Entry<InputFile, ParsedFile>> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve(folder))) {
            for (Path p : s.sorted().toList()) {
                if (!take.test(p.getFileName().toString())) continue;
                String rel = folder + "/" + p.getFileName();
                InputFile f = new InputFile(p.toString(), rel, folder, Files.size(p), "sha-" + rel, null, null);
                out.add(Map.entry(f, reader.read(spark, f)));
            }
        }
        return out;
    }

    static BronzeView view(List<Map.Entry<InputFile, ParsedFile>> inputs) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        Map<String, Dataset<Row>> bronze = new HashMap<>();
        for (Map.Entry<InputFile, ParsedFile> e : inputs) {
            ParsedFile p = e.getValue().withLa("301");
            p.tables().forEach((t, df) -> bronze.merge(t, p.withLineage(df, e.getKey(), now), (a, b) -> a.unionByName(b, true)));
        }
        return t -> Optional.ofNullable(bronze.get(t));
    }

    static Dataset<Row> build(SilverBuilder b, BronzeView v, SparkSession spark) {
        return b.build(v, new ConformContext(spark, "301")).orElseThrow().cache();
    }

    @Test
    void reconciliationFindsExactlyThePlantedDifferences() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path drop = SparkTestSession.tempDir("ssd-sidecar");
        Generator.generate(new Generator.Options(drop, 20231, "0.1", 2021, 2026, false, false, 1), null);

        BronzeView returns = view(read(spark, new CinCensusReader(), drop, "cin_census", n -> n.endsWith(".xml")));
        // per-return rows: every census year's items, each with the collection_year of its return
        Dataset<Row> retRef = build(new CinSilverBuilder(TableSchema.load("silver", "referral")), returns, spark);
        Dataset<Row> retAss = build(new CinSilverBuilder(TableSchema.load("silver", "assessment")), returns, spark);
        BronzeView ssd = view(read(spark, new SsdCsvReader(), drop, "ssd",
                n -> n.equals("ssd_cin_episodes.csv") || n.equals("ssd_cin_assessments.csv")));
        Map<String, SsdSilverMap.TableMap> map = SsdSilverMap.get().tables;
        Dataset<Row> ssdRef = build(new csc.lakehouse.conform.ssd.SsdSilverBuilder("ssd_cin_episodes", map.get("ssd_cin_episodes")), ssd, spark);
        Dataset<Row> ssdAss = build(new csc.lakehouse.conform.ssd.SsdSilverBuilder("ssd_cin_assessments", map.get("ssd_cin_assessments")), ssd, spark);
        List<Row> ys = new ArrayList<>();
        for (int y = 2021; y <= 2026; y++) ys.add(RowFactory.create("301", y));
        Dataset<Row> years = spark.createDataFrame(ys, StructType.fromDDL("la_code string, reporting_year int"));

        List<Row> found = ReturnReconciliation.cinCensus(retRef, ssdRef, retAss, ssdAss, years)
                .filter("status <> 'matched'").collectAsList();

        // the sidecar, children pseudonymised as silver does
        Map<String, String> kindOf = new HashMap<>();          // person|item_date -> kind
        Set<String> lateClosureChildren = new TreeSet<>();
        List<String> lines = Files.readAllLines(drop.resolve("_ssd_differences.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String person = SparkTestSession.pseudonym("301", f[2]);
            kindOf.put(person + "|" + f[3], f[0]);
            if (f[0].equals("late_recorded_closure")) lateClosureChildren.add(person);
        }
        assertFalse(kindOf.isEmpty(), "the generator planted differences");

        Set<String> explained = new TreeSet<>();
        for (Row r : found) {
            String person = r.getAs("person_id");
            String key = person + "|" + r.getAs("item_date");
            String item = r.getAs("item");
            String kind = kindOf.get(key);
            if (item.equals("cin_referral")) {
                // a late-recorded closure: differing in the year it was back-dated into, missing from the system the next
                assertEquals("late_recorded_closure", kind, "unplanned difference " + r);
                String status = r.getAs("status");
                assertTrue(status.equals("missing_from_system")
                        || (status.equals("differing") && "closure_date,reason_for_closure".equals(r.getAs("fields_differing"))), r.toString());
            } else if ("corrected_date".equals(kind)) {
                String status = r.getAs("status");
                assertTrue(!status.equals("differing") || "authorisation_date".equals(r.getAs("fields_differing")), r.toString());
            } else {
                // an assessment of a referral the system closed before the return's year
                assertTrue(lateClosureChildren.contains(person) && r.<String>getAs("status").equals("missing_from_system"),
                        "unplanned difference " + r);
                continue;
            }
            explained.add(key);
        }
        // every planted difference whose item falls in the years compared is found
        Set<String> planted = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            java.time.LocalDate returnValue = java.time.LocalDate.parse(f[5]);
            int yearOfReturnValue = returnValue.getMonthValue() >= 4 ? returnValue.getYear() + 1 : returnValue.getYear();
            if (yearOfReturnValue - 1 < 2021 && f[0].equals("late_recorded_closure")) continue;
            if (yearOfReturnValue < 2021 || java.time.LocalDate.parse(f[3]).isAfter(java.time.LocalDate.of(2026, 3, 31))) continue;
            planted.add(SparkTestSession.pseudonym("301", f[2]) + "|" + f[3]);
        }
        assertEquals(planted, explained);
    }
}
