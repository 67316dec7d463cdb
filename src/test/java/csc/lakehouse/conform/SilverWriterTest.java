package csc.lakehouse.conform;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.RuleSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SilverWriterTest {
    static final StructType TYPED = new StructType()
            .add("cin_plan_id", DataTypes.StringType).add("referral_id", DataTypes.StringType)
            .add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
            .add("referral_date", DataTypes.DateType).add("start_date", DataTypes.DateType)
            .add("end_date", DataTypes.DateType).add("collection_year", DataTypes.IntegerType)
            .add("_file_sha256", DataTypes.StringType).add("_source_file", DataTypes.StringType)
            .add("_row_number", DataTypes.LongType).add("_ingested_at", DataTypes.TimestampType);

    static Row plan(String person, String start, String end, int year, String sha, long rowNo) {
        return row("id-" + person + start, "r", "301", person, d("2020-01-01"), d(start), d(end), year, sha,
                "cin_census/" + year + ".xml", rowNo, Timestamp.valueOf("2026-01-01 00:00:00"));
    }

    @Test
    void laterReturnWinsAndCountsReconcile() {
        // A plan re-reported by the 2024 return with its end date filled in; a second child once.
        Dataset<Row> typed = SparkTestSession.frame(TYPED,
                plan("p1", "2023-01-10", null, 2023, "sha23", 1),
                plan("p1", "2023-01-10", "2023-06-30", 2024, "sha24", 1),
                plan("p2", "2023-02-01", null, 2024, "sha24", 2));
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("silver").toString());

        RuleSet none = new RuleSet();   // the mechanism alone; cin_plan's own rules are tested with the CIN builders
        SilverWriter.Outcome o = SilverWriter.write(lake, "cin_plan", typed, none);

        assertEquals(3, o.rowsIn());
        assertEquals(2, o.rowsWritten());
        assertEquals(1, o.rowsDuplicate());
        assertEquals(0, o.rowsQuarantined());
        assertEquals(o.rowsIn(), o.rowsWritten() + o.rowsQuarantined() + o.rowsDuplicate());
        List<Row> p1 = lake.read(Layer.SILVER, "cin_plan").filter("person_id = 'p1'").collectAsList();
        assertEquals(1, p1.size());
        assertEquals(d("2023-06-30"), p1.get(0).getAs("end_date"));
        assertEquals(2024, (int) p1.get(0).getAs("collection_year"));

        // the same input again: the MERGE rewrites nothing, so the table keeps its contents
        long before = lake.version(Layer.SILVER, "cin_plan").orElseThrow();
        SilverWriter.write(lake, "cin_plan", typed, none);
        assertEquals(2, lake.read(Layer.SILVER, "cin_plan").count());
        assertEquals(before + 1, lake.version(Layer.SILVER, "cin_plan").orElseThrow(),
                "one (empty) merge commit, no duplicated rows");
    }

    @Test
    void rulesSplitRowsAndNameTheFirstBrokenRule() {
        Dataset<Row> typed = SparkTestSession.frame(TYPED,
                plan("p1", "2023-01-10", "2023-01-05", 2024, "sha", 1),   // ends before it starts
                plan("p2", "2019-12-01", null, 2024, "sha", 2),           // starts before the referral
                plan("p3", "2023-02-01", null, 2024, "sha", 3));
        RuleSet rules = new RuleSet();
        RuleSet.Rule endBeforeStart = new RuleSet.Rule();
        endBeforeStart.id = "T-END";
        endBeforeStart.message = "end before start";
        endBeforeStart.check = "end_date < start_date";
        RuleSet.Rule beforeReferral = new RuleSet.Rule();
        beforeReferral.id = "T-4015";
        beforeReferral.message = "plan starts before the referral";
        beforeReferral.check = "start_date < referral_date";
        RuleSet.Rule warn = new RuleSet.Rule();
        warn.id = "T-OPEN";
        warn.severity = "warning";
        warn.message = "open plan";
        warn.check = "end_date IS NULL";
        rules.rules = List.of(endBeforeStart, beforeReferral, warn);

        RuleEngine.Validated v = RuleEngine.apply(typed.withColumn("_src",
                org.apache.spark.sql.functions.struct(org.apache.spark.sql.functions.lit("x").as("raw"))), rules);

        assertEquals(1, v.kept().count());
        List<Row> bad = v.quarantined().orderBy("person_id").collectAsList();
        assertEquals(2, bad.size());
        assertEquals("T-END", ((List<?>) bad.get(0).getList(bad.get(0).fieldIndex(RuleEngine.ERRORS)))
                .stream().map(r -> ((Row) r).getString(0)).findFirst().orElseThrow());
        assertEquals(1, v.warnings().count(), "p3 is open: warned and kept");
        assertNull(v.kept().first().getAs("end_date"));
    }
}
