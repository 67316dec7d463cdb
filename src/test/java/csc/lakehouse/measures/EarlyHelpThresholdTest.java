package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static csc.lakehouse.measures.RecommendationFixtures.LA;
import static csc.lakehouse.measures.RecommendationFixtures.byMeasure;
import static csc.lakehouse.measures.RecommendationFixtures.check;
import static csc.lakehouse.measures.RecommendationFixtures.years;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyHelpThresholdTest {

    /*
     * CIN census years 2024 and 2025 held.
     *   p1 referral 01/05/23 source 5D, closed 01/06/23 RC9; referred again 01/02/24 (8 months) -> re-referred
     *   p2 referral 10/04/23 source 5D, closed 01/07/23 RC9; next referral 01/08/24 (13 months on) -> not
     *   p3 referral 01/01/23 5D (year 2023), closed 01/05/23 RC8 -> neither
     *   p4 referral 01/09/23, closed 01/03/24 RC9; never referred again -> not
     *   p5 referral 01/06/24, closed 01/02/25 RC9 (year 2025); referred again 01/03/25
     * 2024: 5D referrals p1, p2 = 2; RC9 closures p1, p2, p4 = 3; re-referred p1 -> 1 of 3 = 33.3%
     * 2025: 5D referrals p2's 01/08/24 = 1; RC9 closures p5 = 1; early_help_threshold NOT published: the window of a
     *       closure in 2024-25 runs into 2025-26, whose census is not held (a look-forward window still open)
     */
    @Test
    void rereferralWithinTwelveMonthsOnlyForCompleteWindows() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("referral_date", DataTypes.DateType).add("referral_source", DataTypes.StringType)
                .add("closure_date", DataTypes.DateType).add("reason_for_closure", DataTypes.StringType);
        Dataset<Row> ref = frame(s, row(LA, "p1", d("2023-05-01"), "5D", d("2023-06-01"), "RC9"),
                row(LA, "p1", d("2024-02-01"), "1A", null, null),
                row(LA, "p2", d("2023-04-10"), "5D", d("2023-07-01"), "RC9"),
                row(LA, "p2", d("2024-08-01"), "5D", null, null),
                row(LA, "p3", d("2023-01-01"), "5D", d("2023-05-01"), "RC8"),
                row(LA, "p4", d("2023-09-01"), "3A", d("2024-03-01"), "RC9"),
                row(LA, "p5", d("2024-06-01"), "3A", d("2025-02-01"), "RC9"),
                row(LA, "p5", d("2025-03-01"), "1A", null, null));
        MeasureContext ctx = MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .ret(LA, MeasureContext.CIN_CENSUS, 2024).ret(LA, MeasureContext.CIN_CENSUS, 2025)
                .table("referral", ref).build();
        Dataset<Row> out = new EarlyHelpThreshold().compute(ctx);
        Map<String, Row> y24 = byMeasure(out.filter("time_period = '202324'"));
        check(y24, "early_help_threshold_referrals_5d", 2L, null, 2.0);
        check(y24, "early_help_threshold_closed_rc9", 3L, null, 3.0);
        check(y24, "early_help_threshold", 1L, 3L, 33.3);
        assertEquals(Trends.Status.PUBLISHED, Trends.status(y24.get("early_help_threshold|Total").getAs("note")));
        Map<String, Row> y25 = byMeasure(out.filter("time_period = '202425'"));
        check(y25, "early_help_threshold_referrals_5d", 1L, null, 1.0);
        check(y25, "early_help_threshold_closed_rc9", 1L, null, 1.0);
        check(y25, "early_help_threshold", null, null, null);
        String note = y25.get("early_help_threshold|Total").getAs("note");
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(note), "2024-25 closures' 12-month window is still open");
        assertTrue(note.contains("2026-03-31") && note.contains("(2025)"), note);
        // the pure function computes every year; only the window rule leaves 2024-25 out
        check(byMeasure(EarlyHelpThreshold.earlyHelp(years(2025), ref)), "early_help_threshold", 1L, 1L, 100.0);
    }

    /*
     * Codes introduced later are x, not 0. CIN census returns 2022 and 2023: 5D and RC9 exist from the 2022-23
     * census (code lists' from_year 2023), so 2021-22 has no early-help counts at all, not "0 referrals":
     *   q1 referral 01/06/2022 source 5D, closed 01/09/2022 RC9, referred again 01/12/2022 (within 12 months)
     * 2022 (2021-22): all three measures x: values null, note "[x] not collected: ..." (would be 0, 0 and no percent)
     * 2023 (2022-23): 5D referrals 1; RC9 closures 1; early_help_threshold NOT published: its window runs to
     *   31/03/2024, after the latest census held (2023)
     */
    @Test
    void yearsBeforeTheCodesExistedAreNotCollected() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("referral_date", DataTypes.DateType).add("referral_source", DataTypes.StringType)
                .add("closure_date", DataTypes.DateType).add("reason_for_closure", DataTypes.StringType);
        Dataset<Row> ref = frame(s, row(LA, "q1", d("2022-06-01"), "5D", d("2022-09-01"), "RC9"),
                row(LA, "q1", d("2022-12-01"), "1A", null, null));
        MeasureContext ctx = MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .ret(LA, MeasureContext.CIN_CENSUS, 2022).ret(LA, MeasureContext.CIN_CENSUS, 2023)
                .table("referral", ref).build();
        Dataset<Row> out = new EarlyHelpThreshold().compute(ctx);
        Map<String, Row> y22 = byMeasure(out.filter("time_period = '202122'"));
        for (String id : new String[] {"early_help_threshold_referrals_5d", "early_help_threshold_closed_rc9", "early_help_threshold"}) {
            check(y22, id, null, null, null);
            String note = y22.get(id + "|Total").getAs("note");
            assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(note), note);
            assertTrue(note.contains("first collected in 2022-23"), note);
        }
        Map<String, Row> y23 = byMeasure(out.filter("time_period = '202223'"));
        check(y23, "early_help_threshold_referrals_5d", 1L, null, 1.0);
        check(y23, "early_help_threshold_closed_rc9", 1L, null, 1.0);
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(y23.get("early_help_threshold|Total").getAs("note")));
    }
}
