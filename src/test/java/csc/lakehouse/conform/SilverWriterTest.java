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
        return plan("301", person, start, end, year, sha, rowNo, "r");
    }

    static Row plan(String la, String person, String start, String end, int year, String sha, long rowNo, String referral) {
        return row("id-" + person + start, referral, la, person, d("2020-01-01"), d(start), d(end), year, sha,
                "cin_census/" + year + ".xml", rowNo, Timestamp.valueOf("2026-01-01 00:00:00"));
    }

    static RuleSet rule(String id, String check) {
        RuleSet rules = new RuleSet();
        RuleSet.Rule r = new RuleSet.Rule();
        r.id = id;
        r.message = id;
        r.check = check;
        rules.rules = List.of(r);
        return rules;
    }

    /** Rows that lost to another row of the same key, counted from the input itself (not as a remainder). */
    static long duplicates(Dataset<Row> typed, String... key) {
        return typed.count() - typed.select(key[0], java.util.Arrays.copyOfRange(key, 1, key.length)).distinct().count();
    }

    @Test
    void everyReturnKeepsItsRowAndTheLatestIsTheHistory() {
        // cin_plan holds one row per (plan, return). p1 open in the 2023 return, closed 2023-06-30 in the 2024 return;
        // p2 twice in the 2024 file (rows 2 and 3: the later row wins, row 2 is the only duplicate).
        // By hand: in 4 = written 3 (p1/2023, p1/2024, p2/2024) + quarantined 0 + duplicate 1.
        Dataset<Row> typed = SparkTestSession.frame(TYPED,
                plan("p1", "2023-01-10", null, 2023, "sha23", 1),
                plan("p1", "2023-01-10", "2023-06-30", 2024, "sha24", 1),
                plan("301", "p2", "2023-02-01", null, 2024, "sha24", 2, "first"),
                plan("301", "p2", "2023-02-01", null, 2024, "sha24", 3, "second"));
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("silver").toString());

        RuleSet none = new RuleSet();   // the mechanism alone; cin_plan's own rules are tested with the CIN builders
        SilverWriter.Outcome o = SilverWriter.write(lake, "cin_plan", typed, none);

        assertEquals(4, o.rowsIn());
        assertEquals(3, o.rowsWritten());
        assertEquals(1, o.rowsDuplicate());
        assertEquals(duplicates(typed, "la_code", "person_id", "start_date", "collection_year"), o.rowsDuplicate());
        assertEquals(0, o.rowsQuarantined());
        SilverCounts.reconcile(o);
        List<Row> p1 = lake.read(Layer.SILVER, "cin_plan").filter("person_id = 'p1'").orderBy("collection_year").collectAsList();
        assertEquals(2, p1.size(), "the 2023 return's row stays for 2023's figures");
        assertNull(p1.get(0).getAs("end_date"));
        assertEquals(false, p1.get(0).getAs("is_latest"));
        assertEquals(d("2023-06-30"), p1.get(1).getAs("end_date"));
        assertEquals(true, p1.get(1).getAs("is_latest"));
        assertEquals(false, p1.get(0).getAs("vanished"), "the 2024 return holds p1");
        Row p2 = lake.read(Layer.SILVER, "cin_plan").filter("person_id = 'p2'").first();
        assertEquals("second", p2.getAs("referral_id"));
        List<Row> history = SilverWriter.history(lake.read(Layer.SILVER, "cin_plan")).orderBy("person_id").collectAsList();
        assertEquals(2, history.size());
        assertEquals(2024, (int) history.get(0).getAs("collection_year"));
        assertEquals(0, o.vanishedCount());

        // the same input again: the MERGE (on the natural key and collection_year) rewrites nothing
        long before = lake.version(Layer.SILVER, "cin_plan").orElseThrow();
        SilverWriter.write(lake, "cin_plan", typed, none);
        assertEquals(3, lake.read(Layer.SILVER, "cin_plan").count());
        assertEquals(before + 1, lake.version(Layer.SILVER, "cin_plan").orElseThrow(),
                "one (empty) merge commit, no duplicated rows");
    }

    @Test
    void aLakeWrittenBeforePerReturnRowsGainsTheNewColumns() {
        // An older lakehouse holds cin_plan without is_latest/vanished: one row per plan (p1 from 2024). The next
        // build MERGEs with schema evolution: by hand, p1/2023 inserted, p1/2024 updated (its hash changed), both
        // with is_latest set; 2 rows.
        Dataset<Row> typed = SparkTestSession.frame(TYPED,
                plan("p1", "2023-01-10", null, 2023, "sha23", 1),
                plan("p1", "2023-01-10", "2023-06-30", 2024, "sha24", 1));
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("silver-old").toString());
        Dataset<Row> old = SilverWriter.write(null, "cin_plan", typed, new RuleSet()).silver()
                .filter("collection_year = 2024").drop("is_latest", "vanished");
        lake.overwrite(old, Layer.SILVER, "cin_plan");
        SilverWriter.write(lake, "cin_plan", typed, new RuleSet());
        List<Row> rows = lake.read(Layer.SILVER, "cin_plan").orderBy("collection_year").collectAsList();
        assertEquals(2, rows.size());
        assertEquals(false, rows.get(0).getAs("is_latest"));
        assertEquals(true, rows.get(1).getAs("is_latest"));
        assertEquals(false, rows.get(1).getAs("vanished"));
    }

    @Test
    void aLaterClosureThatFailsAnUnrelatedRuleQuarantinesTheItem() {
        // p1: open in the 2023 return; the 2024 return closes it (2023-06-30) but its referral_id breaks T-REF, a rule
        // about another field. p2: open in 2023, closed in 2024 with a good row. By hand:
        //   written p1/2023 (is_latest false), p2/2023 (false), p2/2024 (true); quarantined p1/2024 under T-REF.
        //   The history holds p2 only: p1's 2023 row never takes the quarantined row's place (it would stay open for
        //   ever), but it is still the 2023 return's record of p1 for 2023's figures.
        Dataset<Row> typed = SparkTestSession.frame(TYPED,
                plan("p1", "2023-01-10", null, 2023, "sha23", 1),
                plan("301", "p1", "2023-01-10", "2023-06-30", 2024, "sha24", 1, "bad"),
                plan("p2", "2023-02-10", null, 2023, "sha23", 2),
                plan("p2", "2023-02-10", "2023-05-01", 2024, "sha24", 2));
        SilverWriter.Outcome o = SilverWriter.write(null, "cin_plan", typed, rule("T-REF", "referral_id = 'bad'"));

        assertEquals(4, o.rowsIn());
        assertEquals(3, o.rowsWritten());
        assertEquals(1, o.rowsQuarantined());
        assertEquals(0, o.rowsDuplicate());
        assertEquals(java.util.Map.of("T-REF", 1L), o.errorsByRule());
        Row q = o.quarantine().first();
        assertEquals("T-REF", q.getAs("rule_id"));
        assertEquals(2024, (int) q.getAs("collection_year"));
        List<Row> p1 = o.silver().filter("person_id = 'p1'").collectAsList();
        assertEquals(1, p1.size());
        assertEquals(2023, (int) p1.get(0).getAs("collection_year"));
        assertNull(p1.get(0).getAs("end_date"));
        assertEquals(false, p1.get(0).getAs("is_latest"), "no row of a quarantined item is its history");
        List<Row> history = SilverWriter.history(o.silver()).collectAsList();
        assertEquals(1, history.size());
        assertEquals("p2", history.get(0).getAs("person_id"));
        assertEquals(d("2023-05-01"), history.get(0).getAs("end_date"));
    }

    static final StructType UASC = new StructType()
            .add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
            .add("uasc_ceased_date", DataTypes.DateType).add("collection_year", DataTypes.IntegerType)
            .add("_file_sha256", DataTypes.StringType).add("_source_file", DataTypes.StringType)
            .add("_row_number", DataTypes.LongType).add("_ingested_at", DataTypes.TimestampType);

    @Test
    void aTableWithOneRowPerKeyQuarantinesTheKeyWhenItsWinnerFails() {
        // cla_uasc keeps one row per child. c1: 2023 row good, 2024 row fails T-DUC -> the 2024 row is the winner, so
        // c1 is quarantined and the 2023 row is a duplicate, never written. c2: 2023 row fails, 2024 row good ->
        // written from 2024; the failing 2023 row lost to it and is a duplicate. By hand: in 4 = written 1 (c2/2024)
        // + quarantined 1 (c1/2024) + duplicate 2 (c1/2023, c2/2023).
        Timestamp t = Timestamp.valueOf("2026-01-01 00:00:00");
        Dataset<Row> typed = SparkTestSession.frame(UASC,
                row("301", "c1", d("2022-06-01"), 2023, "s23", "903/2023.csv", 1L, t),
                row("301", "c1", d("1900-01-01"), 2024, "s24", "903/2024.csv", 1L, t),
                row("301", "c2", d("1900-01-01"), 2023, "s23", "903/2023.csv", 2L, t),
                row("301", "c2", d("2023-06-01"), 2024, "s24", "903/2024.csv", 2L, t));
        SilverWriter.Outcome o = SilverWriter.write(null, "cla_uasc", typed, rule("T-DUC", "uasc_ceased_date < date'2000-01-01'"));
        assertEquals(4, o.rowsIn());
        assertEquals(1, o.rowsWritten());
        assertEquals(1, o.rowsQuarantined());
        assertEquals(2, o.rowsDuplicate());
        assertEquals(duplicates(typed, "la_code", "person_id"), o.rowsDuplicate());
        assertEquals(java.util.Map.of("T-DUC", 1L), o.errorsByRule(), "the losing c2/2023 row is not counted as quarantined");
        Row c2 = o.silver().first();
        assertEquals("c2", c2.getAs("person_id"));
        assertEquals(2024, (int) c2.getAs("collection_year"));
        assertEquals("c1", o.quarantine().first().getAs("person_id"));
    }

    @Test
    void anItemOpenAtItsLastReturnAndMissingFromTheNextHasVanished() {
        // LA 301 sent returns 2023, 2024 and 2025 (p5 is in all three); LA 302 only 2023. By hand, at each item's last
        // return (open = that return records no end date):
        //   p1 open in 2023 (no end), absent from 2024 and 2025         -> vanished: last 2023, first without 2024
        //   p2 closed 2023-01-31 in 2023, absent later                   -> not open at 31 March 2023: not vanished
        //   p3 open in 2023 and 2024, absent from 2025                   -> vanished on both rows: last 2024, without 2025
        //   p4 ends 2023-05-01 in the 2023 return (after its 31 March, but an end is recorded), absent from 2024
        //                                                                -> not vanished: it has an end
        //   p5 open in all three                                         -> the latest return holds it: not vanished
        //   p6 (LA 302) open in 2023, no later return of 302             -> not vanished
        // vanished items 2; the history (latest, not vanished) is p2/2023, p4/2023, p5/2025, p6/2023.
        Dataset<Row> typed = SparkTestSession.frame(TYPED,
                plan("p1", "2022-05-01", null, 2023, "a23", 1),
                plan("p2", "2022-06-01", "2023-01-31", 2023, "a23", 2),
                plan("p3", "2023-02-01", null, 2023, "a23", 3),
                plan("p3", "2023-02-01", null, 2024, "a24", 1),
                plan("p4", "2022-01-01", "2023-05-01", 2023, "a23", 4),
                plan("p5", "2021-01-01", null, 2023, "a23", 5),
                plan("p5", "2021-01-01", null, 2024, "a24", 2),
                plan("p5", "2021-01-01", null, 2025, "a25", 1),
                plan("302", "p6", "2022-07-01", null, 2023, "b23", 1, "r"));
        SilverWriter.Outcome o = SilverWriter.write(null, "cin_plan", typed, new RuleSet());

        assertEquals(9, o.rowsWritten());
        assertEquals(2, o.vanishedCount());
        List<Row> v = o.vanished().orderBy("item_key").collectAsList();
        assertEquals(2, v.size());
        assertEquals("p1|2022-05-01", v.get(0).getAs("item_key"));
        assertEquals(2023, (int) v.get(0).getAs("last_return"));
        assertEquals(2024, (int) v.get(0).getAs("first_return_without"));
        assertEquals("p3|2023-02-01", v.get(1).getAs("item_key"));
        assertEquals(2024, (int) v.get(1).getAs("last_return"));
        assertEquals(2025, (int) v.get(1).getAs("first_return_without"));
        assertEquals("cin_plan", v.get(1).getAs("table_name"));
        assertEquals("301", v.get(1).getAs("la_code"));
        assertEquals("p3", v.get(1).getAs("person_id"));
        assertEquals(2, o.silver().filter("person_id = 'p3' AND vanished").count(), "every row of a vanished item");
        List<String> history = SilverWriter.history(o.silver()).orderBy("person_id")
                .select("person_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("p2", "p4", "p5", "p6"), history);
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
