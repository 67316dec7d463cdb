package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Social worker stability of children looked after (SSDA903 social worker episodes, collected from 2023-24; the
 * national framework dashboard's row 67): {@code gold.sw_stability}. Years before the first collection year
 * ({@code data-schemas/collected_from.yaml}, item {@code sw_episode}) are {@code x}, not collected.
 */
public final class SocialWorkerStabilityMeasures implements MeasureFamily {
    public static final String ITEM = "sw_episode";
    public static final String THREE_PLUS = "cla_3plus_social_workers";
    /** Three or more social workers in the past 12 months: the DfE's threshold. */
    public static final int WORKERS = 3;

    @Override
    public String name() { return "sw_stability"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(THREE_PLUS);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> atYearEnd = PlacementStabilityMeasures.lookedAfterAtYearEnd(years, ctx.returnRows("cla_episode"));
        Dataset<Row> rows = threePlusSocialWorkers(years, atYearEnd, ctx.table(ITEM));
        // years before SW_EPISODES existed are x (not collected), never 0
        Dataset<Row> marked = MeasureContext.firstCollectionYear(ITEM)
                .map(y -> MeasureContext.notCollectedBefore(rows, List.of(THREE_PLUS), y, "social worker episodes were"))
                .orElse(rows);
        return CinMeasureSupport.shapeAll(List.of(marked));
    }

    /**
     * {@code cla_3plus_social_workers}: of children looked after at 31 March (as {@code cla_31mar}), those with 3
     * or more distinct social workers (SW_ID; an episode without one is not counted) whose social worker episode
     * was open at some time in the year (SW_DECOM on or before 31 March, SW_DEC empty or after 1 April).
     */
    static Dataset<Row> threePlusSocialWorkers(Dataset<Row> years, Dataset<Row> atYearEnd, Dataset<Row> swEpisodes) {
        Dataset<Row> sw = swEpisodes.filter(col("sw_id").isNotNull().and(functions.trim(col("sw_id")).notEqual("")))
                .select(col("la_code").as("_w_la"), col("person_id").as("_w_person"), col("sw_id").as("_w_id"),
                        col("sw_start_date").as("_w_start"), col("sw_end_date").as("_w_end"));
        Dataset<Row> perChild = atYearEnd.join(sw, col("la_code").equalTo(col("_w_la"))
                        .and(col("person_id").equalTo(col("_w_person")))
                        .and(col("_w_start").leq(col("period_end")))
                        .and(col("_w_end").isNull().or(col("_w_end").gt(col("period_start")))), "left")
                .groupBy(Periods.pcols("person_id")).agg(functions.countDistinct(col("_w_id")).as("_workers"));
        return Trends.percentRows(THREE_PLUS,
                Periods.numDen(years, perChild, col("_workers").geq(WORKERS), "person_id"));
    }
}
