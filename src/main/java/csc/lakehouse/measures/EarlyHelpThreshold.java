package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.RecommendationRows.P;
import static csc.lakehouse.measures.RecommendationRows.cols;
import static csc.lakehouse.measures.RecommendationRows.countRows;
import static csc.lakehouse.measures.RecommendationRows.perPeriod;
import static csc.lakehouse.measures.RecommendationRows.percentRows;
import static csc.lakehouse.measures.RecommendationRows.within;
import static csc.lakehouse.measures.RecommendationRows.zero;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * R7, application of threshold in early help: referrals from early help (5D), CIN episodes closed to early
 * help after assessment (RC9), and the percent of those closures re-referred within 12 months. CIN census.
 * The re-referral looks forward 12 months from each closure, so a year is published only once the census
 * for the following year is held (measures.md, "Look-back and look-forward windows").
 */
public final class EarlyHelpThreshold implements OfstedRecommendation {
    static final String NOTE = "source: CIN census ReferralSource / ReasonForClosure";

    @Override
    public String recommendationId() { return "R7"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("early_help_threshold", "early_help_threshold_referrals_5d",
                "early_help_threshold_closed_rc9");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        // codes 5D and RC9 exist from the 2022-23 census: earlier years are x (collected_from.yaml), then windows
        return withWindows(ctx, CollectedFrom.apply(earlyHelp(ctx.reportingYears(MeasureContext.CIN_CENSUS),
                ctx.table("referral"))));
    }

    /** The look-forward measure: re-referral within 12 months of a closure. */
    public static final List<String> LOOK_FORWARD = List.of("early_help_threshold");

    /**
     * Leaves out (not published, with the reason in trends_notes.csv) every {@code early_help_threshold} row whose
     * 12 months after the period's end run past 31 March of the latest CIN census held: a closure late in the year
     * has had only weeks to be re-referred, which would read as "improving" and "target met".
     */
    public static Dataset<Row> withWindows(MeasureContext ctx, Dataset<Row> rows) {
        return ctx.withLookForward(rows, MeasureContext.CIN_CENSUS, LOOK_FORWARD, 12, 0,
                "re-referral within 12 months of a closure on the period's last day");
    }

    /**
     * early_help_threshold_referrals_5d (referrals in the year from source 5D),
     * early_help_threshold_closed_rc9 (episodes closed in the year with RC9) and early_help_threshold
     * (percent of those RC9 closures whose child was referred again within 12 months after the closure; every
     * period: {@link #withWindows} then leaves out those whose window is still open). {@code periods} are reporting years
     * with {@code reporting_year}. Items: silver referral.
     */
    public static Dataset<Row> earlyHelp(Dataset<Row> periods, Dataset<Row> referrals) {
        Dataset<Row> r5d = within(periods, referrals.filter(col("referral_source").equalTo("5D")), "referral_date");
        Dataset<Row> a5d = perPeriod(periods, r5d, count(lit(1)).as("n"));
        Dataset<Row> closed = within(periods, referrals.filter(col("reason_for_closure").equalTo("RC9"))
                .select("la_code", "person_id", "closure_date"), "closure_date").distinct();
        Dataset<Row> later = referrals.select(col("la_code").as("_la"), col("person_id").as("_p"), col("referral_date").as("_rd"));
        Dataset<Row> flagged = closed.join(later, col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                        .and(col("_rd").gt(col("closure_date"))).and(col("_rd").leq(functions.add_months(col("closure_date"), 12))), "left")
                .groupBy(cols(P, "person_id", "closure_date")).agg(count(col("_rd")).as("_later"));
        Dataset<Row> aRc9 = perPeriod(periods, flagged, count(lit(1)).as("n"),
                sum(when(col("_later").gt(0), 1).otherwise(0)).as("rereferred"));
        return countRows(a5d, "early_help_threshold_referrals_5d", zero("n"), NOTE)
                .unionByName(countRows(aRc9, "early_help_threshold_closed_rc9", zero("n"), NOTE))
                .unionByName(percentRows(aRc9, "early_help_threshold", zero("rereferred"), zero("n"),
                        NOTE + "; re-referral within 12 months of closure"));
    }
}
