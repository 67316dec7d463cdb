package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.publish.PublishJob;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static csc.lakehouse.measures.MeasureTestSupport.r;
import static csc.lakehouse.measures.MeasureTestSupport.silver;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A tiny silver lakehouse written as Delta tables (LA 301, SSDA903 return for 2023-24), then MeasuresJob and
 * PublishJob, then trends.csv read back.
 * Children: P1 looked after from 2023-06-01 under C2 (open); P2 under L1 2023-09-01 to 2023-09-10, returned home (E4A).
 * Expected 2023-24: cla_31mar 1; cla_starts 2; police protection 1/2 = 50.0; returned home within 14 days not published
 * (its window runs to 14 April 2024, after the only return's 31 March);
 * pp_l1_over_72h 1 (9 days); population_0_17 64,907 (mid-2023); demand_index cla_starts 100.0 (base = only year).
 */
class MeasuresJobEndToEndTest {
    static Path root;
    static Path out1;
    static Lakehouse lake;

    @BeforeAll
    static void build() {
        root = SparkTestSession.tempDir("e2e-lake");
        lake = new Lakehouse(SparkTestSession.get(), root.toString());
        lake.overwrite(silver("cla_episode", "la_code,person_id,start_date,end_date,legal_status,reason_new_episode,reason_ceased,collection_year",
                r("301", "P1", "2023-06-01", null, "C2", "S", null, 2024),
                r("301", "P2", "2023-09-01", "2023-09-10", "L1", "S", "E4A", 2024)), Layer.SILVER, "cla_episode");
        lake.overwrite(silver("cla_period", "la_code,person_id,start_date,end_date,first_legal_status,final_reason_ceased,episode_count,is_short_break,collection_year",
                r("301", "P1", "2023-06-01", null, "C2", null, 1, false, 2024),
                r("301", "P2", "2023-09-01", "2023-09-10", "L1", "E4A", 1, false, 2024)), Layer.SILVER, "cla_period");
        lake.overwrite(silver("population", "new_la_code,la_code,la_name,mid_year,population,is_projection,source_file",
                r("E09000002", "301", "Barking and Dagenham", 2023, 64907L, false, "ons_mye_2023.csv")), Layer.SILVER, "population");
        StructType held = new StructType().add("la_code", DataTypes.StringType).add("source", DataTypes.StringType)
                .add("collection_year", DataTypes.IntegerType);
        lake.overwrite(SparkTestSession.get().createDataFrame(List.of(RowFactory.create("301", "ssda903", 2024)), held),
                Layer.SILVER, "returns_held");

        RunManifest manifest = new RunManifest("measures");
        List<String> written = new MeasuresJob(lake, manifest, List.of(new LookedAfterMeasures()),
                List.of(new DemandMeasures()))
                .run(new MeasuresJob.Options(LocalDate.of(2024, 1, 31), null, null, false, null));
        assertEquals(List.of("gold.looked_after", "gold.demand", "gold.recommendation_tracker", "gold.reported_figures"), written);
        out1 = SparkTestSession.tempDir("e2e-out1");
        new PublishJob(lake, manifest).run(out1);
        PublishJob.writeManifest(lake, manifest, out1);
    }

    @Test
    void trendsCsvHasTheHandComputedRows() throws Exception {
        List<String> lines = Files.readAllLines(out1.resolve("trends.csv"));
        String p = ",202324,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,";
        assertEquals("measure_id,time_period,time_identifier,period_start,period_end,geographic_level,new_la_code,la_name,"
                + "breakdown,breakdown_value,numerator,denominator,value,unit", lines.get(0));
        // snapshot rows at 31 March: period_start = period_end = the date; count rows carry numerator = the count
        String snap = ",202324,Reporting year,2024-03-31,2024-03-31,Local authority,E09000002,Barking and Dagenham,";
        assertTrue(lines.contains("cla_31mar" + snap + "Total,Total,1,,1,count"), String.join("\n", lines));
        // 1 / 64,907 x 10,000 = 0.154 -> 0.2
        assertTrue(lines.contains("cla_31mar_rate" + snap + "Total,Total,1,64907,0.2,rate_per_10000"));
        assertTrue(lines.contains("cla_31mar,2024-01-31,As at date,2024-01-31,2024-01-31,Local authority,E09000002,"
                + "Barking and Dagenham,Total,Total,1,,1,count"));
        assertTrue(lines.contains("cla_starts" + p + "Total,Total,2,,2,count"));
        assertTrue(lines.contains("cla_starts_police_protection" + p + "Total,Total,1,2,50.0,percent"));
        assertTrue(lines.contains("cla_starts_legal_status" + p + "legal_status,C2,1,2,50.0,percent"));
        // its 14-day window runs past 31 March 2024, the latest return's: not published, the note says why
        assertFalse(lines.contains("pp_returned_home_14d" + p + "Total,Total,1,1,100.0,percent"));
        assertTrue(lines.contains("pp_l1_over_72h" + p + "Total,Total,1,,1,count"));
        assertTrue(lines.contains("population_0_17" + p + "Total,Total,,,64907,count"));
        assertTrue(lines.contains("demand_index" + p + "series,cla_starts,2,2,100.0,index"));
        List<String> notes = Files.readAllLines(out1.resolve("trends_notes.csv"));
        assertTrue(notes.stream().anyMatch(l -> l.startsWith("cla_31mar_rate,202324,301,") && l.contains("ons_mye_2023.csv")),
                String.join("\n", notes));
        assertTrue(notes.stream().anyMatch(l -> l.startsWith("pp_returned_home_14d,202324,301,\"" + Trends.NOT_PUBLISHED_MARK)
                || l.startsWith("pp_returned_home_14d,202324,301," + Trends.NOT_PUBLISHED_MARK)), String.join("\n", notes));
        String manifest = Files.readString(out1.resolve("manifest.json"));
        assertTrue(manifest.contains("\"gold.looked_after\"") && manifest.contains("\"gold.demand\""));
        assertTrue(manifest.contains("\"measures:looked_after\"") && manifest.contains("\"publish:trends.csv\""));
    }

    @Test
    void publishTwiceGivesTheSameBytes() throws Exception {
        Path out2 = SparkTestSession.tempDir("e2e-out2");
        assertEquals(Csc.OK, Csc.execute("publish", "--lakehouse", root.toString(), "--out", out2.toString()));
        assertArrayEquals(Files.readAllBytes(out1.resolve("trends.csv")), Files.readAllBytes(out2.resolve("trends.csv")));
        assertArrayEquals(Files.readAllBytes(out1.resolve("trends_notes.csv")),
                Files.readAllBytes(out2.resolve("trends_notes.csv")));
        assertTrue(Files.exists(out2.resolve("manifest.json")));
    }

    @Test
    void badUsageExitsWith2() {
        assertEquals(Csc.USAGE, Csc.execute("measures", "--lakehouse", root.toString(), "--as-at", "31/03/2024"));
        assertEquals(Csc.USAGE, Csc.execute("measures", "--lakehouse", root.toString(), "--from", "2025", "--to", "2024"));
        assertEquals(Csc.USAGE, Csc.execute("publish", "--lakehouse", root.toString()));
    }
}
