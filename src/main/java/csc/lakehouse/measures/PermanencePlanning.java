package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.RecommendationRows.P;
import static csc.lakehouse.measures.RecommendationRows.cols;
import static csc.lakehouse.measures.RecommendationRows.concat;
import static csc.lakehouse.measures.RecommendationRows.openAt;
import static csc.lakehouse.measures.RecommendationRows.perPeriod;
import static csc.lakehouse.measures.RecommendationRows.percentRows;
import static csc.lakehouse.measures.RecommendationRows.scala;
import static csc.lakehouse.measures.RecommendationRows.zero;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * R8, life-story work and permanence planning: looked-after children with a permanence planning meeting,
 * and with one by their second statutory review. SSDA903 periods of care and reviews, for LAs with the
 * local tracker {@code permanence_planning}.
 */
public final class PermanencePlanning implements OfstedRecommendation {
    static final String NOTE = "source: SSDA903 periods of care and reviews; local tracker permanence_planning";

    @Override
    public String recommendationId() { return "R8"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("ppm_held", "ppm_by_second_review");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> ppm = ctx.table("tracker_permanence_planning");
        Dataset<Row> lacSnaps = ctx.snapshots(MeasureContext.SSDA903)
                .join(ppm.select("la_code").distinct(), scala(List.of("la_code")), "left_semi");
        return trackerCoverage(permanence(lacSnaps, ctx.table("cla_period"), ctx.table("cla_review"), ppm), lacSnaps, ppm);
    }

    /**
     * What the tracker can say. A snapshot before the LA's first meeting in the tracker ({@link Periods#fromTrackerStart})
     * is not published: the tracker did not exist, and about 0% would read as a dramatic improvement later. A 31 March
     * snapshot of a reporting year the tracker does not cover whole (its first meeting is after 30 April of the year's
     * start, {@link Periods#coversWholeYear}) is a part year: published as an {@code As at date} row (time_period = the
     * date) labelled as such, never as a {@code Reporting year} row. Rows: the output of {@link #permanence}.
     */
    public static Dataset<Row> trackerCoverage(Dataset<Row> rows, Dataset<Row> snapshots, Dataset<Row> meetings) {
        Dataset<Row> covered = Periods.fromTrackerStart(snapshots, meetings, "meeting_date").select(cols(P))
                .withColumn("_covered", lit(true));
        Dataset<Row> first = meetings.filter(col("meeting_date").isNotNull()).groupBy(col("la_code").as("_t_la"))
                .agg(functions.min("meeting_date").as("_t_first"));
        Dataset<Row> r = rows.join(covered, scala(P), "left")
                .join(first, col("la_code").equalTo(col("_t_la")), "left");
        r = Trends.notPublished(r, col("_covered").isNull(), functions.concat(
                lit("before the local permanence planning tracker's first meeting ("),
                functions.coalesce(col("_t_first").cast("string"), lit("none")),
                lit("): the tracker did not exist at this date, so there is no figure (never about 0%)")));
        // 31 March Y snapshot whose year the tracker joined after its first month: a part year
        Column partYear = col("_covered").isNotNull().and(col("time_identifier").equalTo(Periods.REPORTING_YEAR))
                .and(col("_t_first").gt(functions.add_months(col("period_end"), -11)));
        Column label = functions.concat(lit("part year: the local permanence planning tracker starts on "),
                col("_t_first").cast("string"), lit(", within the reporting year ending on this date; an as-at figure, "
                        + "not a reporting-year one"));
        return r.withColumn("note", when(partYear, functions.concat_ws("; ", label, col("note"))).otherwise(col("note")))
                .withColumn("time_period", when(partYear, col("period_end").cast("string")).otherwise(col("time_period")))
                .withColumn("time_identifier", when(partYear, lit(Periods.AS_AT_DATE)).otherwise(col("time_identifier")))
                .select(cols(RecommendationRows.OUT));
    }

    /**
     * ppm_held and ppm_by_second_review at each snapshot. Children looked after at the date: an open
     * period of care (cla_period, not a short break). Their reviews in the current period on or before
     * the date (cla_review), and their permanence planning meetings in the period on or before the date
     * (tracker_permanence_planning).
     */
    public static Dataset<Row> permanence(Dataset<Row> snapshots, Dataset<Row> periodsOfCare, Dataset<Row> reviews,
                                          Dataset<Row> meetings) {
        Dataset<Row> lac = openAt(snapshots, periodsOfCare.filter(functions.coalesce(col("is_short_break"), lit(false)).equalTo(false))
                .select(col("la_code"), col("person_id"), col("start_date").as("poc_start"), col("end_date").as("poc_end")),
                "poc_start", "poc_end").select(cols(P, "person_id", "poc_start"))
                .dropDuplicates(concat(P, "person_id").toArray(new String[0]));
        Dataset<Row> rv = lac.join(reviews.select(col("la_code").as("_la"), col("person_id").as("_p"), col("review_date")),
                        col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                                .and(col("review_date").geq(col("poc_start"))).and(col("review_date").leq(col("period_end"))))
                .withColumn("_n", functions.row_number().over(Window.partitionBy(cols(P, "person_id")).orderBy("review_date")))
                .filter(col("_n").equalTo(2)).select(cols(P, "person_id", "review_date"))
                .withColumnRenamed("review_date", "second_review");
        Dataset<Row> pm = lac.join(meetings.select(col("la_code").as("_la"), col("person_id").as("_p"), col("meeting_date")),
                        col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                                .and(col("meeting_date").geq(col("poc_start"))).and(col("meeting_date").leq(col("period_end"))))
                .groupBy(cols(P, "person_id")).agg(functions.min("meeting_date").as("first_ppm"));
        Dataset<Row> base = lac.join(rv, scala(concat(P, "person_id")), "left").join(pm, scala(concat(P, "person_id")), "left");
        Dataset<Row> a = perPeriod(snapshots, base, count(lit(1)).as("lac"),
                sum(when(col("first_ppm").isNotNull(), 1).otherwise(0)).as("held"),
                count(col("second_review")).as("reviewed2"),
                sum(when(col("first_ppm").leq(col("second_review")), 1).otherwise(0)).as("by2"));
        return percentRows(a, "ppm_held", zero("held"), zero("lac"), NOTE)
                .unionByName(percentRows(a, "ppm_by_second_review", zero("by2"), zero("reviewed2"), NOTE));
    }
}
