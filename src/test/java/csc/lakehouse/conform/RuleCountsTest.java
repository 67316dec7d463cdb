package csc.lakehouse.conform;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.RuleCounts;
import csc.lakehouse.publish.DataQuality;
import csc.lakehouse.spec.RuleSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The data-quality report's rule counts are the same whether conform counted them while writing (a run that
 * conformed) or they are read back from the quarantine and warnings tables (a table conform kept, or a re-run that
 * conformed nothing): a quarantined row counts under every rule it broke. Before stop 17 the read-back counted a row
 * under its first rule only, so a no-op re-run's evidence pack showed fewer broken rules than the run before it.
 */
class RuleCountsTest {

    static RuleSet.Rule rule(String id, String severity, String brokenWhen) {
        RuleSet.Rule r = new RuleSet.Rule();
        r.id = id;
        r.severity = severity;
        r.message = id;
        r.check = brokenWhen;
        return r;
    }

    @Test
    void readBackCountsEqualTheWritersCounts() {
        // By hand, four plans of LA 301 in the 2024 return:
        //   p1 referral 'bad' and ends before it starts: quarantined under T-REF and T-END (T-REF is its first rule)
        //   p2 referral 'bad': quarantined under T-REF
        //   p3 open (no end): kept, warned W-OPEN
        //   p4 clean: kept
        // quarantine by rule {T-END=1, T-REF=2}; warnings {W-OPEN=1} (only kept rows carry warnings)
        Dataset<Row> typed = SparkTestSession.frame(SilverWriterTest.TYPED,
                SilverWriterTest.plan("301", "p1", "2023-05-01", "2023-04-01", 2024, "sha", 1, "bad"),
                SilverWriterTest.plan("301", "p2", "2023-05-01", "2023-09-01", 2024, "sha", 2, "bad"),
                SilverWriterTest.plan("301", "p3", "2023-05-01", null, 2024, "sha", 3, "ok"),
                SilverWriterTest.plan("301", "p4", "2023-05-01", "2023-09-01", 2024, "sha", 4, "ok"));
        RuleSet rules = new RuleSet();
        rules.rules = List.of(rule("T-REF", "error", "referral_id = 'bad'"),
                rule("T-END", "error", "end_date < start_date"),
                rule("W-OPEN", "warning", "end_date is null"));
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("rule-counts").toString());

        SilverWriter.Outcome o = SilverWriter.write(lake, "cin_plan", typed, rules);

        Map<String, Long> quarantined = Map.of("T-END", 1L, "T-REF", 2L), warned = Map.of("W-OPEN", 1L);
        assertEquals(quarantined, o.errorsByRule(), "the writer's counts");
        assertEquals(warned, o.warningsByRule(), "the writer's warnings");
        assertEquals(quarantined, RuleCounts.quarantined(lake, "cin_plan"), "read back from quarantine.cin_plan");
        assertEquals(warned, RuleCounts.warned(lake, "cin_plan"), "read back from quarantine.cin_plan_warnings");
        assertEquals(Map.of("cin_plan", quarantined), DataQuality.quarantineByRule(lake), "the publish side's report");
        assertEquals(Map.of("cin_plan", warned), DataQuality.warningsByRule(lake));
        assertEquals(Map.of(), RuleCounts.quarantined(lake, "referral"), "a table with no quarantine table");
    }
}
