package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.RecommendationRows.measure;
import static csc.lakehouse.measures.RecommendationRows.perPeriod;
import static csc.lakehouse.measures.RecommendationRows.percentRows;
import static csc.lakehouse.measures.RecommendationRows.prefer;
import static csc.lakehouse.measures.RecommendationRows.within;
import static csc.lakehouse.measures.RecommendationRows.zero;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * R1, timeliness of strategy meetings: working days from the referral (or contact) to the strategy
 * discussion, their mean and median, the percent within the local timescale, and police attendance.
 * Sources, first that covers a measure, LA and period: the council's SSD extract (issue 18: the case-management
 * system's own record, {@link #ssdDiscussions}); the local tracker {@code strategy_discussions}; the CIN census,
 * bounded to S47 enquiries that follow the referral directly ({@link #censusDiscussions}). Police attendance is
 * in the tracker only (neither the SSD nor the census records it).
 */
public final class StrategyDiscussionTimeliness implements OfstedRecommendation {
    static final String TRACKER_NOTE = "source: local tracker strategy_discussions";
    static final String SSD_NOTE = "source: SSD extract, ssd_s47_enquiry start date (the strategy discussion that "
            + "started the enquiry) after the referral date of its ssd_cin_episodes row";
    static final String CENSUS_NOTE = "source: CIN census S47ActualStartDate - CINreferralDate, the first S47 of each "
            + "episode when no assessment of the episode was authorised before it (S47s arising later in a case left out)";

    private final int timescale;

    /** @param timescale the local timescale in working days (ofsted_recommendations.yaml) */
    public StrategyDiscussionTimeliness(int timescale) { this.timescale = timescale; }

    @Override
    public String recommendationId() { return "R1"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("strategy_discussion_days", "strategy_discussion_days_median",
                "strategy_discussion_in_timescale", "strategy_police_attended");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> sd = ctx.table("tracker_strategy_discussions")
                .select(col("la_code"), col("referral_date"), col("strategy_date"), col("police_attended"));
        Dataset<Row> tracker = strategyDiscussions(Periods.trackerYears(ctx.spark(), sd, "strategy_date", ctx.asAt()), sd, timescale, TRACKER_NOTE);
        Dataset<Row> census = strategyDiscussions(ctx.reportingYears(MeasureContext.CIN_CENSUS),
                censusDiscussions(ctx.table("s47_enquiry"), ctx.table("assessment")), timescale, CENSUS_NOTE)
                .filter(col("measure_id").notEqual("strategy_police_attended"));
        Dataset<Row> s47Ssd = ctx.table("s47_enquiry_ssd");
        Dataset<Row> ssdItems = ssdDiscussions(s47Ssd, ctx.table("referral_ssd"));
        // only the periods the extract covers whole: before its timeframe it holds only enquiries still open later
        Dataset<Row> ssd = SsdCaseHistoryMeasures.withinExtract(strategyDiscussions(
                        Periods.trackerYears(ctx.spark(), ssdItems, "strategy_date", ctx.asAt()), ssdItems, timescale, SSD_NOTE)
                        .filter(col("measure_id").notEqual("strategy_police_attended")), s47Ssd);
        return prefer(ssd, prefer(tracker, census));
    }

    /**
     * Strategy discussions in the SSD: every S47 enquiry with its referral (the SSD's S47 start date is the date of
     * the strategy discussion that started it, ssd_s47_enquiry guidance). The SSD is a continuous record, so its
     * periods are found from the data as a tracker's are ({@link Periods#trackerYears}). Output: la_code,
     * referral_date, strategy_date, police_attended (null: the SSD does not record it).
     */
    public static Dataset<Row> ssdDiscussions(Dataset<Row> s47, Dataset<Row> referral) {
        Dataset<Row> r = referral.select(col("la_code").as("_rla"), col("referral_id").as("_rid"), col("referral_date"));
        return s47.filter(col("start_date").isNotNull())
                .join(r, col("la_code").equalTo(col("_rla")).and(col("referral_id").equalTo(col("_rid"))), "left")
                .select(col("la_code"), col("referral_date"), col("start_date").as("strategy_date"),
                        lit(null).cast("boolean").as("police_attended"));
    }

    /**
     * Strategy discussions the CIN census can stand for: per CIN episode (child and CINreferralDate), its
     * first S47 enquiry (earliest S47ActualStartDate, the date of the strategy discussion that initiated
     * it), kept only when no assessment of the same episode was authorised before that date. An S47 that
     * follows a completed assessment arose later in the case and would add months to a measure of the
     * response to the referral. Output: la_code, referral_date, strategy_date, police_attended (null).
     */
    public static Dataset<Row> censusDiscussions(Dataset<Row> s47, Dataset<Row> assessment) {
        Dataset<Row> first = s47.filter(col("referral_date").isNotNull())
                .groupBy("la_code", "person_id", "referral_date").agg(functions.min("start_date").as("strategy_date"));
        Dataset<Row> assessed = assessment.filter(col("authorisation_date").isNotNull())
                .select(col("la_code").as("_la"), col("person_id").as("_p"), col("referral_date").as("_rd"),
                        col("authorisation_date"));
        Dataset<Row> later = first.join(assessed, col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                        .and(col("referral_date").equalTo(col("_rd"))).and(col("authorisation_date").lt(col("strategy_date"))))
                .select("la_code", "person_id", "referral_date").distinct();
        return first.join(later, Trends.toSeq(List.of("la_code", "person_id", "referral_date")), "left_anti")
                .select(col("la_code"), col("referral_date"), col("strategy_date"),
                        lit(null).cast("boolean").as("police_attended"));
    }

    /**
     * strategy_discussion_days (mean working days referral to discussion, 2 dp; numerator = total working
     * days, denominator = discussions), strategy_discussion_days_median (1 dp; numerator = discussions),
     * strategy_discussion_in_timescale (percent within {@code timescale} working days) and
     * strategy_police_attended (percent of discussions with attendance recorded). A discussion without a
     * referral date, or dated before it, has no working days and counts for police attendance only.
     * Items: la_code, referral_date, strategy_date, police_attended.
     */
    public static Dataset<Row> strategyDiscussions(Dataset<Row> periods, Dataset<Row> items, int timescale, String note) {
        Column measurable = col("referral_date").isNotNull().and(col("strategy_date").geq(col("referral_date")));
        Dataset<Row> j = within(periods, items, "strategy_date")
                .withColumn("_wd", when(measurable, WorkingDays.workingDaysBetween(col("referral_date"), col("strategy_date"))));
        Dataset<Row> a = perPeriod(periods, j,
                sum(col("_wd")).as("sum_wd"), count(col("_wd")).as("n_wd"),
                CinMeasureSupport.median1dp(col("_wd")).as("median_wd"),
                sum(when(col("_wd").leq(timescale), 1).otherwise(0)).as("in_ts"),
                sum(when(col("police_attended").equalTo(true), 1).otherwise(0)).as("police"),
                count(col("police_attended")).as("police_den"));
        return measure(a, "strategy_discussion_days", "days", zero("sum_wd"), zero("n_wd"),
                        when(zero("n_wd").gt(0), functions.round(col("sum_wd").divide(col("n_wd")), 2)), note)
                .unionByName(measure(a, "strategy_discussion_days_median", "days", zero("n_wd"), lit(null),
                        col("median_wd"), note))
                .unionByName(percentRows(a, "strategy_discussion_in_timescale", zero("in_ts"), zero("n_wd"),
                        note + "; timescale " + timescale + " working days"))
                .unionByName(percentRows(a, "strategy_police_attended", zero("police"), zero("police_den"), note));
    }
}
