package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
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
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * PP, use of police protection (tracked beside the eight): children taken into police protection in sibling
 * groups, and entries out of hours. Local tracker {@code police_protection_events}. (The share of care
 * starts under police protection, {@code cla_starts_police_protection}, comes from the SSDA903.)
 */
public final class PoliceProtectionUse implements OfstedRecommendation {
    static final String NOTE = "source: local tracker police_protection_events";

    @Override
    public String recommendationId() { return "PP"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("pp_sibling_groups", "pp_out_of_hours");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> pp = ctx.table("tracker_police_protection_events");
        return policeProtection(Periods.trackerYears(ctx.spark(), pp.withColumn("_d", functions.to_date(col("event_datetime"))), "_d", ctx.asAt()), pp);
    }

    /**
     * pp_sibling_groups (distinct children in the year's sibling groups of two or more children; breakdown
     * count_of = groups) and pp_out_of_hours (percent of entries starting outside 09:00-17:00 Monday-Friday
     * or on a bank holiday). Items: la_code, person_id, sibling_group_id, event_datetime.
     */
    public static Dataset<Row> policeProtection(Dataset<Row> periods, Dataset<Row> events) {
        Dataset<Row> j = within(periods, events.withColumn("_d", functions.to_date(col("event_datetime"))), "_d");
        Column outOfHours = functions.dayofweek(col("_d")).isin(1, 7)
                .or(functions.hour(col("event_datetime")).lt(9)).or(functions.hour(col("event_datetime")).geq(17))
                .or(WorkingDays.isBankHoliday(col("_d")));
        Dataset<Row> entries = perPeriod(periods, j.withColumn("_ooh", outOfHours), count(lit(1)).as("n"),
                sum(when(col("_ooh"), 1).otherwise(0)).as("ooh"));
        // a group is a sibling_group_id shared by two or more distinct children within the period
        Dataset<Row> inGroups = j.filter(col("sibling_group_id").isNotNull())
                .select(cols(P, "sibling_group_id", "person_id")).distinct()
                .withColumn("_size", functions.size(functions.collect_set("person_id")
                        .over(Window.partitionBy(cols(P, "sibling_group_id")))))
                .filter(col("_size").geq(2));
        Dataset<Row> groups = perPeriod(periods, inGroups, countDistinct(col("person_id")).as("children"),
                countDistinct(col("sibling_group_id")).as("groups"));
        return countRows(groups, "pp_sibling_groups", zero("children"), NOTE)
                .unionByName(countRows(groups, "pp_sibling_groups", zero("groups"), NOTE)
                        .withColumn("breakdown", lit("count_of")).withColumn("breakdown_value", lit("groups")))
                .unionByName(percentRows(entries, "pp_out_of_hours", zero("ooh"), zero("n"), NOTE));
    }
}
