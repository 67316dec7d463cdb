package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Items and codes a return could not hold yet are x, from data-schemas/collected_from.yaml and the code lists. */
class CollectedFromTest {

    /*
     * The rules come from data: collected_from.yaml names the item cin_plan (first collection year 2022) and its
     * measure cin_plan_duration; the early-help measures over ReferralSource 5D / ReasonForClosure RC9, whose first
     * year is the code list's from_year (cin_referral_source 5D 2023, cin_reason_for_closure RC9 2023); breakdowns by
     * placement (cla_placement: K3 from 2025, Z11..Z14 from 2026) and sex (cla_sex: M, F, U from 2025).
     */
    @Test
    void rulesComeFromTheYamlAndTheCodeLists() {
        List<CollectedFrom.Rule> rules = CollectedFrom.rules();
        Map<String, Integer> first = new HashMap<>();
        for (CollectedFrom.Rule r : rules) {
            first.put(r.measureId() != null ? r.measureId() : r.breakdown() + "=" + r.breakdownValue(), r.firstYear());
        }
        assertEquals(2022, first.get("cin_plan_duration"));
        assertEquals(2023, first.get("early_help_threshold_referrals_5d"));
        assertEquals(2023, first.get("early_help_threshold_closed_rc9"));
        assertEquals(2023, first.get("early_help_threshold"));
        assertEquals(2025, first.get("placement=K3"));
        for (String z : List.of("Z11", "Z12", "Z13", "Z14")) assertEquals(2026, first.get("placement=" + z), z);
        for (String s : List.of("M", "F", "U")) assertEquals(2025, first.get("sex=" + s), s);
        assertNull(first.get("placement=A3"), "a code that always existed has no rule");
    }

    /*
     * Hand-made rows (period_end = 31 March of the reporting year; a breakdown row's value 0 would read "0 children"):
     *   cin_plan_duration Total 2020-21 value 0          -> x (CIN plans first collected 2021-22): values null, note [x]
     *   cin_plan_duration Total 2021-22 value 5          -> kept
     *   early_help_threshold_closed_rc9 Total 2021-22 0  -> x (RC9 first collected 2022-23)
     *   early_help_threshold_closed_rc9 Total 2022-23 3  -> kept
     *   placements breakdown placement=K3 2023-24 0      -> x (K3 from 2024-25)
     *   placements breakdown placement=K3 2024-25 2      -> kept
     *   placements breakdown placement=A3 2023-24 4      -> kept (always existed)
     *   referrals Total 2012-13 10                       -> kept (no rule)
     * -> 3 of the 8 rows are x: cin_plan 2020-21, RC9 2021-22, K3 2023-24.
     */
    @Test
    void rowsBeforeTheFirstYearAreNotCollected() {
        StructType s = new StructType().add("measure_id", DataTypes.StringType).add("time_period", DataTypes.StringType)
                .add("period_end", DataTypes.DateType).add("breakdown", DataTypes.StringType)
                .add("breakdown_value", DataTypes.StringType).add("numerator", DataTypes.LongType)
                .add("denominator", DataTypes.LongType).add("value", DataTypes.DoubleType).add("note", DataTypes.StringType);
        Dataset<Row> rows = frame(s,
                row("cin_plan_duration", "202021", d("2021-03-31"), "Total", "Total", 0L, null, 0.0, null),
                row("cin_plan_duration", "202122", d("2022-03-31"), "Total", "Total", 5L, null, 5.0, null),
                row("early_help_threshold_closed_rc9", "202122", d("2022-03-31"), "Total", "Total", 0L, null, 0.0, "source: x"),
                row("early_help_threshold_closed_rc9", "202223", d("2023-03-31"), "Total", "Total", 3L, null, 3.0, null),
                row("placements", "202324", d("2024-03-31"), "placement", "K3", 0L, 6L, 0.0, null),
                row("placements", "202425", d("2025-03-31"), "placement", "K3", 2L, 6L, 33.3, null),
                row("placements", "202324", d("2024-03-31"), "placement", "A3", 4L, 6L, 66.7, null),
                row("referrals", "201213", d("2013-03-31"), "Total", "Total", 10L, null, 10.0, null));
        Map<String, Row> out = new HashMap<>();
        for (Row r : CollectedFrom.apply(rows).collectAsList()) {
            out.put(r.getAs("measure_id") + "|" + r.getAs("time_period") + "|" + r.getAs("breakdown_value"), r);
        }
        assertEquals(8, out.size());
        for (String k : List.of("cin_plan_duration|202021|Total", "early_help_threshold_closed_rc9|202122|Total",
                "placements|202324|K3")) {
            Row r = out.get(k);
            assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(r.getAs("note")), k);
            assertNull(r.getAs("value"), k);
            assertNull(r.getAs("numerator"), k);
        }
        assertTrue(((String) out.get("cin_plan_duration|202021|Total").getAs("note"))
                .startsWith("[x] not collected: CIN plans (CINPlanDates) were first collected in 2021-22"));
        assertEquals("[x] not collected: ReasonForClosure RC9 (closed after assessment, referred to early help) was first "
                        + "collected in 2022-23 (collection year 2023); source: x",
                out.get("early_help_threshold_closed_rc9|202122|Total").getAs("note"));
        assertTrue(((String) out.get("placements|202324|K3").getAs("note")).contains("2024-25"));
        for (String k : List.of("cin_plan_duration|202122|Total", "early_help_threshold_closed_rc9|202223|Total",
                "placements|202425|K3", "placements|202324|A3", "referrals|201213|Total")) {
            assertEquals(Trends.Status.PUBLISHED, Trends.status(out.get(k).getAs("note")), k);
            assertTrue(out.get(k).getAs("value") != null, k);
        }
    }
}
