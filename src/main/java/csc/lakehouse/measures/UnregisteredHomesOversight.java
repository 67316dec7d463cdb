package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

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
 * R6, oversight of children in unregistered children's homes: placements of under-16s in unregistered
 * settings starting in the year, and the percent notified to Ofsted by the start. Local tracker
 * {@code unregistered_placements}.
 */
public final class UnregisteredHomesOversight implements OfstedRecommendation {
    static final String NOTE = "source: local tracker unregistered_placements";

    @Override
    public String recommendationId() { return "R6"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("unregistered_u16_placements", "unregistered_u16_notified");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> up = ctx.table("tracker_unregistered_placements");
        return unregistered(Periods.trackerYears(ctx.spark(), up, "placement_start"), up);
    }

    /**
     * unregistered_u16_placements (count of placements starting in the year of children under 16 at the
     * start) and unregistered_u16_notified (percent of those notified to Ofsted on or before the start).
     * Items: la_code, age_at_start, placement_start, ofsted_notified_date.
     */
    public static Dataset<Row> unregistered(Dataset<Row> periods, Dataset<Row> items) {
        Dataset<Row> j = within(periods, items.filter(col("age_at_start").lt(16)), "placement_start");
        Dataset<Row> a = perPeriod(periods, j, count(lit(1)).as("n"), sum(when(col("ofsted_notified_date")
                .leq(col("placement_start")), 1).otherwise(0)).as("notified"));
        return countRows(a, "unregistered_u16_placements", zero("n"), NOTE)
                .unionByName(percentRows(a, "unregistered_u16_notified", zero("notified"), zero("n"), NOTE));
    }
}
