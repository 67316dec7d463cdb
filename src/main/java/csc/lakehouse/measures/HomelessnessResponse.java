package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static csc.lakehouse.measures.RecommendationRows.P;
import static csc.lakehouse.measures.RecommendationRows.cols;
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
 * R5, response to 16/17-year-olds presenting as homeless: presentations in the year by outcome, and the
 * percent seen by the children's rights officer. Local tracker {@code homelessness_16_17}.
 */
public final class HomelessnessResponse implements OfstedRecommendation {
    public static final List<String> OUTCOMES = List.of("accommodated_s20", "supported_s17", "returned_to_family", "other");
    static final String NOTE = "source: local tracker homelessness_16_17";

    @Override
    public String recommendationId() { return "R5"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("homeless_1617", "homeless_1617_seen_cro");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> hl = ctx.table("tracker_homelessness_16_17");
        return homeless(Periods.trackerYears(ctx.spark(), hl, "presentation_date"), hl);
    }

    /**
     * homeless_1617: presentations in the year (Total, count) with the percent by outcome, and
     * homeless_1617_seen_cro: percent seen by the children's rights officer. Items: la_code,
     * presentation_date, outcome, seen_by_childrens_rights_officer.
     */
    public static Dataset<Row> homeless(Dataset<Row> periods, Dataset<Row> items) {
        Dataset<Row> j = within(periods, items, "presentation_date");
        Dataset<Row> dist = Trends.distribution("homeless_1617", periods, j.select(cols(P, "outcome")), "outcome", OUTCOMES)
                .withColumn("note", Periods.partYearNote(lit(NOTE)));
        Dataset<Row> a = perPeriod(periods, j, count(lit(1)).as("n"),
                sum(when(col("seen_by_childrens_rights_officer").equalTo(true), 1).otherwise(0)).as("seen"));
        return dist.unionByName(percentRows(a, "homeless_1617_seen_cro", zero("seen"), zero("n"), NOTE));
    }
}
