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

class PermanencePlanningTest {

    /*
     * Looked after at 31/03/2024: k1, k2, k3 (k4 left, k5 short breaks).
     * Second review in the period: k1 15/09/23 (its 01/01/23 review is before the period), k2 20/03/24, k3 has one.
     * PPMs: k1 01/09/23 (before its 2nd review), k2 25/03/24 (after its 2nd review), k3 none.
     * ppm_held 2/3 = 66.7%; ppm_by_second_review 1/2 = 50.0%
     */
    @Test
    void meetingsHeldAndByTheSecondReview() {
        StructType p = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("start_date", DataTypes.DateType).add("end_date", DataTypes.DateType).add("is_short_break", DataTypes.BooleanType);
        StructType r = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("review_date", DataTypes.DateType);
        StructType mt = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("meeting_date", DataTypes.DateType);
        Dataset<Row> poc = frame(p, row(LA, "k1", d("2023-06-01"), null, false), row(LA, "k2", d("2023-10-01"), null, false),
                row(LA, "k3", d("2024-01-15"), null, false), row(LA, "k4", d("2023-05-01"), d("2024-01-01"), false),
                row(LA, "k5", d("2023-07-01"), null, true));
        Dataset<Row> rv = frame(r, row(LA, "k1", d("2023-01-01")), row(LA, "k1", d("2023-06-20")), row(LA, "k1", d("2023-09-15")),
                row(LA, "k1", d("2024-03-01")), row(LA, "k2", d("2023-10-25")), row(LA, "k2", d("2024-03-20")),
                row(LA, "k3", d("2024-02-10")), row(LA, "k5", d("2023-07-20")), row(LA, "k5", d("2023-08-20")));
        Dataset<Row> ppm = frame(mt, row(LA, "k1", d("2023-09-01")), row(LA, "k2", d("2024-03-25")), row(LA, "k5", d("2023-07-10")));
        Map<String, Row> m = byMeasure(PermanencePlanning.permanence(snap("2024-03-31"), poc, rv, ppm));
        check(m, "ppm_held", 2L, 3L, 66.7);
        check(m, "ppm_by_second_review", 1L, 2L, 50.0);
    }

    /*
     * A part-year tracker and the years before it existed. SSDA903 returns 2023, 2024, 2025; the tracker's first
     * meeting is k5's on 10/07/2023 (a short-break child, but it dates the tracker). Fixture as above plus k6, looked after since 01/01/2022, with no review and no
     * meeting (the tracker did not exist for most of its care).
     *   31/03/2023: before the tracker's first meeting -> NOT published (it would be k6 alone: 0 of 1 = 0.0%, which
     *               would read as a dramatic improvement later); values null, note says why
     *   31/03/2024: the tracker started 10/07/2023, after 30/04/2023: a part year -> an "As at date" row
     *               (time_period 2024-03-31), labelled part year, never "Reporting year" 202324.
     *               looked after k1, k2, k3, k6 (k4 left 01/01/2024): ppm_held k1, k2 = 2 of 4 = 50.0%;
     *               by the second review: k1 (01/09 <= 15/09/23) of k1, k2 = 1 of 2 = 50.0%
     *   31/03/2025: the tracker covers 2024-25 whole -> "Reporting year" 202425, same children: 50.0% and 50.0%
     */
    @Test
    void snapshotsBeforeTheTrackerAreNotPublishedAndItsFirstYearIsAPartYear() {
        StructType p = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("start_date", DataTypes.DateType).add("end_date", DataTypes.DateType).add("is_short_break", DataTypes.BooleanType);
        StructType r = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("review_date", DataTypes.DateType);
        StructType mt = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("meeting_date", DataTypes.DateType);
        Dataset<Row> poc = frame(p, row(LA, "k1", d("2023-06-01"), null, false), row(LA, "k2", d("2023-10-01"), null, false),
                row(LA, "k3", d("2024-01-15"), null, false), row(LA, "k4", d("2023-05-01"), d("2024-01-01"), false),
                row(LA, "k5", d("2023-07-01"), null, true), row(LA, "k6", d("2022-01-01"), null, false));
        Dataset<Row> rv = frame(r, row(LA, "k1", d("2023-01-01")), row(LA, "k1", d("2023-06-20")), row(LA, "k1", d("2023-09-15")),
                row(LA, "k1", d("2024-03-01")), row(LA, "k2", d("2023-10-25")), row(LA, "k2", d("2024-03-20")),
                row(LA, "k3", d("2024-02-10")), row(LA, "k5", d("2023-07-20")), row(LA, "k5", d("2023-08-20")));
        Dataset<Row> ppm = frame(mt, row(LA, "k1", d("2023-09-01")), row(LA, "k2", d("2024-03-25")), row(LA, "k5", d("2023-07-10")));
        MeasureContext ctx = MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .ret(LA, MeasureContext.SSDA903, 2023).ret(LA, MeasureContext.SSDA903, 2024).ret(LA, MeasureContext.SSDA903, 2025)
                .table("cla_period", poc).table("cla_review", rv).table("tracker_permanence_planning", ppm).build();
        Dataset<Row> out = new PermanencePlanning().compute(ctx);
        assertEquals(6, out.count(), "two measures at three snapshots");

        Map<String, Row> y23 = byMeasure(out.filter("time_period = '202223'"));
        for (String id : new String[] {"ppm_held", "ppm_by_second_review"}) {
            check(y23, id, null, null, null);
            String note = y23.get(id + "|Total").getAs("note");
            assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(note), note);
            assertTrue(note.contains("first meeting (2023-07-10)"), note);
        }
        assertEquals(0, out.filter("time_period = '202324'").count(), "the tracker's first year is never a reporting-year row");
        Map<String, Row> a24 = byMeasure(out.filter("time_period = '2024-03-31'"));
        check(a24, "ppm_held", 2L, 4L, 50.0);
        check(a24, "ppm_by_second_review", 1L, 2L, 50.0);
        assertEquals("As at date", a24.get("ppm_held|Total").getAs("time_identifier"));
        assertTrue(((String) a24.get("ppm_held|Total").getAs("note")).startsWith("part year: the local permanence planning tracker starts on 2023-07-10"));
        Map<String, Row> y25 = byMeasure(out.filter("time_period = '202425'"));
        check(y25, "ppm_held", 2L, 4L, 50.0);
        check(y25, "ppm_by_second_review", 1L, 2L, 50.0);
        assertEquals("Reporting year", y25.get("ppm_held|Total").getAs("time_identifier"));
        assertEquals(Trends.Status.PUBLISHED, Trends.status(y25.get("ppm_held|Total").getAs("note")));
    }
}
