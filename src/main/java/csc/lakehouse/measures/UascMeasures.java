package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Unaccompanied asylum-seeking children among those starting to be looked after and looked after at 31 March, per
 * 10,000 children (SSDA903 UASC file; the national framework dashboard's rows 5 and 6): {@code gold.cla_uasc}.
 * A child is UASC at a date when silver {@code cla_uasc} holds them and their UASC status had not ceased (DUC
 * empty or after the date).
 */
public final class UascMeasures implements MeasureFamily {
    public static final String STARTS_RATE = "cla_starts_uasc_rate";
    public static final String AT_31MAR_RATE = "cla_31mar_uasc_rate";

    @Override
    public String name() { return "cla_uasc"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(STARTS_RATE, AT_31MAR_RATE);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> episodes = ctx.returnRows("cla_episode");
        Dataset<Row> uasc = ctx.table("cla_uasc");
        Dataset<Row> starts = LookedAfterMeasures.firstStartsInYear(years, episodes);
        Dataset<Row> atYearEnd = PlacementStabilityMeasures.lookedAfterAtYearEnd(years, episodes)
                .withColumn("_at", col("period_end"));
        return CinMeasureSupport.shapeAll(List.of(
                ctx.rateRows(STARTS_RATE, Periods.count(years, uascAt(starts.withColumn("_at", col("start_date")), uasc),
                        "person_id")),
                ctx.rateRows(AT_31MAR_RATE, Periods.count(years, uascAt(atYearEnd, uasc), "person_id"))));
    }

    /** The children (rows with period columns, person_id and the date {@code _at}) who were UASC at {@code _at}. */
    static Dataset<Row> uascAt(Dataset<Row> children, Dataset<Row> uasc) {
        Dataset<Row> u = uasc.select(col("la_code").as("_u_la"), col("person_id").as("_u_person"),
                col("uasc_ceased_date").as("_u_ceased"));
        Column isUasc = col("la_code").equalTo(col("_u_la")).and(col("person_id").equalTo(col("_u_person")))
                .and(col("_u_ceased").isNull().or(col("_u_ceased").gt(col("_at"))));
        return children.join(u, isUasc, "left_semi");
    }
}
