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
import static csc.lakehouse.measures.RecommendationFixtures.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisionAndOversightTest {

    /*
     * At 31/03/2024 open: p1, p3, p4 (p2 closed on the date). Latest supervision on or before it:
     * p1 10/03 (21 days), p3 15/02 (45 days), p4 20/01 (71 days; its 05/04 one is after the date).
     * 4 weeks: 1/3 = 33.3%; 8 weeks: 2/3 = 66.7%
     */
    @Test
    void supervisionSnapshot() {
        StructType o = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("start", DataTypes.DateType).add("end", DataTypes.DateType).add("note", DataTypes.StringType);
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("supervision_date", DataTypes.DateType);
        Dataset<Row> open = frame(o, row(LA, "p1", d("2023-01-01"), null, "n"), row(LA, "p2", d("2023-06-01"), d("2024-03-31"), "n"),
                row(LA, "p3", d("2024-01-01"), null, "n"), row(LA, "p4", d("2023-01-01"), null, "n"));
        Dataset<Row> sup = frame(s, row(LA, "p1", d("2024-03-10")), row(LA, "p1", d("2024-01-01")),
                row(LA, "p2", d("2024-03-30")), row(LA, "p3", d("2024-02-15")), row(LA, "p4", d("2024-01-20")),
                row(LA, "p4", d("2024-04-05")));
        Map<String, Row> m = byMeasure(SupervisionAndOversight.supervision(snap("2024-03-31"), open, sup));
        check(m, "supervision_4wk", 1L, 3L, 33.3);
        check(m, "supervision_8wk", 2L, 3L, 66.7);
    }

    /*
     * Latest count on or before 31/03/2024 is 29/03 (the 29/02 and 05/04 counts are ignored). Caseload = children per
     * FTE where the tracker gives FTE (> 0), else children held:
     *   W1 19 children, no FTE,      target 18 -> 19 > 18     over
     *   W2 18 children, 0.8 FTE,     target 18 -> 22.5 > 18   over (18 > 18 would not be)
     *   W3 25, not case-holding                               excluded
     *   W4 holds none                                         excluded
     *   W5 22 children, FTE 0 (not usable), target 20 -> 22   over
     *   W6 10 children, 0.5 FTE,     target 18 -> 20 > 18     over (10 children alone would not be)
     *   W7 10 children, 1.0 FTE,     target 18 -> 10          not
     * -> 4 of 5 case-holding workers = 80.0%; FTE given for W2, W6, W7 = 3 of 5
     */
    @Test
    void caseloadsArePerFteWhereTheTrackerGivesFte() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("worker_id", DataTypes.StringType)
                .add("children_held", DataTypes.IntegerType).add("team_target", DataTypes.IntegerType)
                .add("as_at_date", DataTypes.DateType).add("case_holding", DataTypes.BooleanType).add("fte", DataTypes.DoubleType);
        Dataset<Row> cl = frame(s, row(LA, "W1", 20, 18, d("2024-02-29"), true, null), row(LA, "W9", 30, 18, d("2024-02-29"), true, null),
                row(LA, "W1", 19, 18, d("2024-03-29"), true, null), row(LA, "W2", 18, 18, d("2024-03-29"), true, 0.8),
                row(LA, "W3", 25, 20, d("2024-03-29"), false, 1.0), row(LA, "W4", 0, 18, d("2024-03-29"), true, 1.0),
                row(LA, "W5", 22, 20, d("2024-03-29"), null, 0.0), row(LA, "W6", 10, 18, d("2024-03-29"), true, 0.5),
                row(LA, "W7", 10, 18, d("2024-03-29"), true, 1.0), row(LA, "W1", 40, 18, d("2024-04-05"), true, null));
        Map<String, Row> m = byMeasure(SupervisionAndOversight.caseloads(snap("2024-03-31"), cl));
        check(m, "caseload_over_target", 4L, 5L, 4.0);
        check(m, "caseload_over_target_pct", 4L, 5L, 80.0);
        assertEquals("source: local tracker caseloads as at 2024-03-29; children per FTE for 3 of 5 workers (FTE given), "
                + "children held for the rest", m.get("caseload_over_target|Total").getAs("note"));
    }

    /* A tracker without an fte column: children held against the target (W1 19 > 18 over, W2 18 not) -> 1 of 2. */
    @Test
    void caseloadsWithoutFteCountChildrenHeld() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("worker_id", DataTypes.StringType)
                .add("children_held", DataTypes.IntegerType).add("team_target", DataTypes.IntegerType)
                .add("as_at_date", DataTypes.DateType).add("case_holding", DataTypes.BooleanType);
        Dataset<Row> cl = frame(s, row(LA, "W1", 19, 18, d("2024-03-29"), true), row(LA, "W2", 18, 18, d("2024-03-29"), true));
        Map<String, Row> m = byMeasure(SupervisionAndOversight.caseloads(snap("2024-03-31"), cl));
        check(m, "caseload_over_target_pct", 1L, 2L, 50.0);
    }

    /*
     * Item 4: after the latest return, the tracker's own case dates give the children open (the denominator).
     * CIN census 2024 held for LAs 301 and 302; --as-at 30/06/2024 (after 31/03/2024: the provisional period).
     * LA 301, whose tracker gives case dates:
     *   census episodes: c1 referral 01/05/2023 open, c2 referral 01/09/2023 open (the census cannot know later closures)
     *   tracker: c1 case 01/05/2023 - 15/05/2024, supervised 20/03/2024
     *            c2 case 01/09/2023 - open,       supervised 15/01/2024 and 10/06/2024
     *            c3 case 10/04/2024 - open (after the census), supervised 20/05/2024
     *   snapshots from the supervision dates (15/01/2024 .. 10/06/2024): 31/03/2024 and the as-at 30/06/2024
     *   31/03/2024 (inside the census: census episodes c1, c2): c1 20/03 = 11 days (4 and 8 weeks), c2 15/01 = 76 days
     *     (neither) -> 4wk 1 of 2 = 50.0, 8wk 1 of 2 = 50.0; note "children open: CIN census episodes"
     *   30/06/2024 (after the census, tracker case dates: c2, c3; c1 closed 15/05): c2 10/06 = 20 days (both),
     *     c3 20/05 = 41 days (8 weeks only) -> 4wk 1 of 2 = 50.0, 8wk 2 of 2 = 100.0, not provisional
     *     (from the census history it would have been c1 102 days, c2 20 days: 8wk 1 of 2 = 50.0)
     * LA 302, whose tracker gives no case dates: d1 census referral 01/06/2023 open, supervised 01/06/2024 (29 days
     *   before 30/06): 30/06/2024 only (its one supervision date is after 31/03/2024): census episodes, provisional:
     *   4wk 0 of 1 = 0.0 (window 02/06..30/06 starts after the tracker's first date, 01/06: covered);
     *   8wk NOT published: its window starts 05/05/2024, before the tracker's first supervision (01/06/2024): a
     *   child supervised in May would be unknown (a part-year tracker); values null, note says why.
     *   (LA 301's first supervision is 15/01/2024: 31/03 - 56 days = 04/02/2024, covered.)
     */
    @Test
    void afterTheLatestReturnTheTrackersCaseDatesGiveTheChildrenOpen() {
        StructType ref = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("referral_date", DataTypes.DateType).add("closure_date", DataTypes.DateType)
                .add("referral_nfa", DataTypes.BooleanType);
        StructType sup = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("supervision_date", DataTypes.DateType).add("case_start_date", DataTypes.DateType)
                .add("case_end_date", DataTypes.DateType);
        Dataset<Row> referral = frame(ref, row(LA, "c1", d("2023-05-01"), null, false), row(LA, "c2", d("2023-09-01"), null, false),
                row("302", "d1", d("2023-06-01"), null, false));
        Dataset<Row> supervisions = frame(sup,
                row(LA, "c1", d("2024-03-20"), d("2023-05-01"), d("2024-05-15")),
                row(LA, "c2", d("2024-01-15"), d("2023-09-01"), null), row(LA, "c2", d("2024-06-10"), d("2023-09-01"), null),
                row(LA, "c3", d("2024-05-20"), d("2024-04-10"), null),
                row("302", "d1", d("2024-06-01"), null, null));
        MeasureContext ctx = MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .ret(LA, MeasureContext.CIN_CENSUS, 2024).ret("302", MeasureContext.CIN_CENSUS, 2024)
                .asAt(java.time.LocalDate.of(2024, 6, 30))
                .table("referral", referral).table("tracker_supervisions", supervisions).build();
        Dataset<Row> out = new SupervisionAndOversight().compute(ctx).filter("measure_id like 'supervision%'");
        assertEquals(6, out.count(), "LA 301 at two dates, LA 302 at one, two measures each");

        Map<String, Row> march = byMeasure(out.filter("la_code = '301' and time_period = '202324'"));
        check(march, "supervision_4wk", 1L, 2L, 50.0);
        check(march, "supervision_8wk", 1L, 2L, 50.0);
        assertEquals("source: local tracker supervisions; children open: CIN census episodes",
                march.get("supervision_8wk|Total").getAs("note"));

        Map<String, Row> june = byMeasure(out.filter("la_code = '301' and time_period = '2024-06-30'"));
        check(june, "supervision_4wk", 1L, 2L, 50.0);
        check(june, "supervision_8wk", 2L, 2L, 100.0);
        assertEquals("source: local tracker supervisions; children open: tracker case dates",
                june.get("supervision_8wk|Total").getAs("note"));

        Map<String, Row> other = byMeasure(out.filter("la_code = '302' and time_period = '2024-06-30'"));
        check(other, "supervision_4wk", 0L, 1L, 0.0);
        String note = other.get("supervision_4wk|Total").getAs("note");
        assertEquals(Trends.Status.PROVISIONAL, Trends.status(note), note);
        assertTrue(note.contains("after 31 March 2024"), note);
        check(other, "supervision_8wk", null, null, null);
        String eight = other.get("supervision_8wk|Total").getAs("note");
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(eight), eight);
        assertTrue(eight.contains("starts on 2024-06-01, less than 56 days"), eight);
        for (Row r : out.filter("la_code = '301'").collectAsList()) {
            assertEquals(Trends.Status.PUBLISHED, Trends.status(r.getAs("note")), r.toString());
        }
    }

    /** An SSD extract's involvements and professionals (worked through in the test below). */
    static MeasureContext.Builder ssdCaseloadContext() {
        java.sql.Timestamp at = java.sql.Timestamp.valueOf("2024-04-30 09:00:00");
        CinSilverFixture inv = CinSilverFixture.of("involvement");
        for (int i = 1; i <= 20; i++) inv.row("worker_id", "W1", "person_id", "C" + i, "start_date", "2023-06-01", "extracted_at", at);
        inv.row("worker_id", "W1", "person_id", "C1", "start_date", "2023-09-01", "extracted_at", at);   // C1 again: one child
        for (int i = 1; i <= 10; i++) inv.row("worker_id", "W2", "person_id", "D" + i, "start_date", "2023-07-01", "extracted_at", at);
        for (int i = 1; i <= 5; i++) inv.row("worker_id", "W3", "person_id", "E" + i, "start_date", "2023-08-01", "extracted_at", at);
        inv.row("worker_id", "W3", "person_id", "E6", "start_date", "2023-08-01", "end_date", "2024-03-01", "extracted_at", at);
        inv.row("worker_id", null, "person_id", "F1", "start_date", "2023-08-01", "extracted_at", at);
        // started after the date: not open on it (and the latest start, so the data reaches 31/03/2024)
        inv.row("worker_id", "W3", "person_id", "E7", "start_date", "2024-04-02", "extracted_at", at);
        Dataset<Row> professional = CinSilverFixture.of("professional")
                .row("worker_id", "W1", "fte", 1.0, "extracted_at", at)
                .row("worker_id", "W2", "fte", 0.5, "extracted_at", at)
                .frame();
        return MeasureContext.builder(csc.lakehouse.SparkTestSession.get()).table("involvement", inv.frame())
                .table("professional", professional);
    }

    /*
     * Caseloads from the SSD (issue 18) at 31/03/2024, target 18 children per FTE (targets.yaml ssd_timescales):
     *   W1 20 children (C1 has two involvements: one child), 1.0 FTE -> 20 > 18    over
     *   W2 10 children, 0.5 FTE                                -> 20 > 18          over
     *   W3 5 children open (E6's involvement ended 01/03/2024, E7's starts 02/04/2024), no ssd_professionals row
     *      -> children held 5: not over
     *   an involvement without a worker counts for no one
     * -> 2 of 3 workers over = 66.7%; FTE given for W1 and W2 = 2 of 3.
     * With a caseload tracker counted at 31/03/2024 (W1 19 of target 18 over, W2 10 of 18 not: 1 of 2 = 50.0%), the
     * tracker's rows stand: it holds each team's own target, which the SSD does not.
     */
    @Test
    void ssdCaseloadsArePerFteFromInvolvementsWhereNoTrackerCovers() {
        Map<String, Row> ssd = byMeasure(new SupervisionAndOversight().compute(ssdCaseloadContext().build())
                .filter("measure_id like 'caseload%' and time_period = '202324'"));
        check(ssd, "caseload_over_target", 2L, 3L, 2.0);
        check(ssd, "caseload_over_target_pct", 2L, 3L, 66.7);
        assertEquals("source: SSD extract (involvements open on the date, FTE from ssd_professionals, target 18.0 children "
                + "per FTE in targets.yaml) as at 2024-03-31; children per FTE for 2 of 3 workers (FTE given), children held "
                + "for the rest", ssd.get("caseload_over_target|Total").getAs("note"));

        StructType s = new StructType().add("la_code", DataTypes.StringType).add("worker_id", DataTypes.StringType)
                .add("children_held", DataTypes.IntegerType).add("team_target", DataTypes.IntegerType)
                .add("as_at_date", DataTypes.DateType).add("case_holding", DataTypes.BooleanType).add("fte", DataTypes.DoubleType);
        Dataset<Row> tracker = frame(s, row(LA, "W1", 19, 18, d("2024-03-31"), true, null), row(LA, "W2", 10, 18, d("2024-03-31"), true, null));
        Map<String, Row> both = byMeasure(new SupervisionAndOversight().compute(ssdCaseloadContext()
                .table("tracker_caseloads", tracker).build()).filter("measure_id like 'caseload%' and time_period = '202324'"));
        check(both, "caseload_over_target_pct", 1L, 2L, 50.0);
        assertTrue(((String) both.get("caseload_over_target_pct|Total").getAs("note")).startsWith("source: local tracker caseloads"));
    }
}
