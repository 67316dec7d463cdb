package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.RecommendationRows.countRows;
import static csc.lakehouse.measures.RecommendationRows.openAt;
import static csc.lakehouse.measures.RecommendationRows.perPeriod;
import static csc.lakehouse.measures.RecommendationRows.prefer;
import static csc.lakehouse.measures.RecommendationRows.scala;
import static csc.lakehouse.measures.RecommendationRows.snapshotsFromData;
import static csc.lakehouse.measures.RecommendationRows.zero;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

/**
 * R4, timeliness of pre-proceedings: children (and families) in pre-proceedings for more than the expected
 * weeks at each snapshot. The CIN census pre-proceedings module (from 2026-27) where an LA's census holds it,
 * the local tracker {@code pre_proceedings} otherwise.
 */
public final class PreProceedingsTimeliness implements OfstedRecommendation {
    /** First collection year whose CIN census carries PreProceedingsandFGDM. */
    static final int CENSUS_FROM_YEAR = 2027;

    private final int weeks;

    /** @param weeks pre-proceedings expected to conclude within this many weeks (ofsted_recommendations.yaml) */
    public PreProceedingsTimeliness(int weeks) { this.weeks = weeks; }

    @Override
    public String recommendationId() { return "R4"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("pre_proceedings_over_16w");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> tracker = ctx.table("tracker_pre_proceedings").select(col("la_code"), col("person_id"), col("family_id"),
                col("pp_start_date").as("start"), col("pp_end_date").as("end"));
        Dataset<Row> census = ctx.table("pre_proceedings").select(col("la_code"), col("person_id"),
                lit(null).cast("string").as("family_id"), col("pp_start_date").as("start"), col("step_decision_date").as("end"));
        Dataset<Row> censusSnaps = ctx.snapshots(MeasureContext.CIN_CENSUS).filter(col("reporting_year").geq(CENSUS_FROM_YEAR))
                .join(census.select("la_code").distinct(), scala(List.of("la_code")), "left_semi");
        return prefer(preProceedings(censusSnaps, census, weeks, false,
                        "source: CIN census pre-proceedings (PPStartDate, StepDecisionDate); families not in the census"),
                preProceedings(snapshotsFromData(ctx.spark(), tracker, "start", ctx.asAt()), tracker, weeks, true,
                        "source: local tracker pre_proceedings"));
    }

    /**
     * pre_proceedings_over_16w at each snapshot: children in pre-proceedings open at the date that started
     * more than {@code weeks} x 7 days before it (Total row, distinct children), and with {@code families}
     * the distinct families among them (breakdown count_of = families). Items: la_code, person_id,
     * family_id, start, end.
     */
    public static Dataset<Row> preProceedings(Dataset<Row> snapshots, Dataset<Row> items, int weeks, boolean families,
                                              String note) {
        Dataset<Row> o = openAt(snapshots, items, "start", "end")
                .filter(functions.datediff(col("period_end"), col("start")).gt(weeks * 7));
        Dataset<Row> a = perPeriod(snapshots, o, countDistinct(col("person_id")).as("children"),
                countDistinct(col("family_id")).as("families"));
        Dataset<Row> kids = countRows(a, "pre_proceedings_over_16w", zero("children"), note);
        if (!families) return kids;
        return kids.unionByName(countRows(a, "pre_proceedings_over_16w", zero("families"), note)
                .withColumn("breakdown", lit("count_of")).withColumn("breakdown_value", lit("families")));
    }
}
