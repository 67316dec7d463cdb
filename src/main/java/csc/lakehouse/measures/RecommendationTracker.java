package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The recommendation tracker ({@code gold.recommendation_tracker}): for each LA, each of the council's
 * Ofsted recommendations ({@code data-schemas/ofsted_recommendations.yaml}) and each measure tracking
 * it, the latest value, the previous value of the same kind, the direction of travel and the target
 * ({@code data-schemas/targets.yaml}). A pure function of gold trend rows.
 *
 * <p>Only {@code Total} rows with a value are read. The latest value is the row with the latest
 * {@code period_end} (a reporting-year row before an as-at row on the same date); the previous value
 * is the latest earlier row with the same {@code time_identifier}. Like is compared with like, never a part
 * year with a whole one: a part-year {@code Month} row (a tracker that starts mid-year, the current year to
 * date) is the latest value only when the measure has no whole-year or as-at row at all, and its previous value
 * is the same calendar month a year before. Direction: {@code improving} when
 * the change is in the better direction, {@code worsening} when not, {@code steady} when the change
 * is at most {@code steady_within}; {@code changed} when the measure has no preferred direction;
 * {@code no_previous} with one value; {@code no_data} with none. {@code target_met}: latest value
 * at or above the target when higher is better, at or below it otherwise.
 */
public final class RecommendationTracker {
    public static final String TABLE = "recommendation_tracker";

    /** One recommendation-measure pair with its target. */
    public record Entry(String recommendationId, String recommendation, String measureId, Boolean higherIsBetter,
                        Double target, String targetNote) {}

    private RecommendationTracker() {}

    @SuppressWarnings("unchecked")
    public static List<Entry> entries() {
        Map<String, Object> recs = DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class);
        Map<String, Object> targets = DataSchemas.readYaml("targets.yaml", Map.class);
        Map<String, Object> byMeasure = (Map<String, Object>) targets.getOrDefault("measures", Map.of());
        List<Entry> out = new ArrayList<>();
        for (Object o : (List<Object>) recs.get("recommendations")) {
            Map<String, Object> r = (Map<String, Object>) o;
            for (Object m : (List<Object>) r.get("measures")) {
                Map<String, Object> t = (Map<String, Object>) byMeasure.getOrDefault(m.toString(), Map.of());
                Object target = t.get("target");
                out.add(new Entry(r.get("id").toString(), r.get("title").toString(), m.toString(),
                        (Boolean) t.get("higher_is_better"), target instanceof Number n ? n.doubleValue() : null,
                        t.get("note") == null ? null : t.get("note").toString()));
            }
        }
        return out;
    }

    public static double steadyWithin() {
        Object v = DataSchemas.readYaml("targets.yaml", Map.class).get("steady_within");
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    static final StructType ENTRY = new StructType().add("recommendation_id", DataTypes.StringType)
            .add("recommendation", DataTypes.StringType).add("measure_id", DataTypes.StringType)
            .add("higher_is_better", DataTypes.BooleanType).add("target", DataTypes.DoubleType)
            .add("target_note", DataTypes.StringType).add("_order", DataTypes.IntegerType);

    /** Tracker rows from gold trend rows (the union of the gold measure tables), with the configured recommendations and targets. */
    public static Dataset<Row> build(Dataset<Row> trends) {
        return build(trends, entries(), steadyWithin());
    }

    public static Dataset<Row> build(Dataset<Row> trends, List<Entry> entries, double steadyWithin) {
        SparkSession spark = trends.sparkSession();
        List<Row> er = new ArrayList<>();
        int i = 0;
        for (Entry e : entries) {
            er.add(RowFactory.create(e.recommendationId(), e.recommendation(), e.measureId(), e.higherIsBetter(),
                    e.target(), e.targetNote(), i++));
        }
        Dataset<Row> map = spark.createDataFrame(er, ENTRY);
        Dataset<Row> t = trends.filter(col("breakdown").equalTo(Trends.TOTAL).and(col("value").isNotNull()))
                .select("la_code", "measure_id", "time_period", "time_identifier", "period_start", "period_end", "value",
                        "unit", "note");
        Column kindOrder = when(col("time_identifier").equalTo("Reporting year"), 0).otherwise(1);
        Column isMonth = col("time_identifier").equalTo(Periods.MONTH);
        Dataset<Row> latest = t.withColumn("_rn", functions.row_number().over(Window.partitionBy("la_code", "measure_id")
                        .orderBy(when(isMonth, 1).otherwise(0), col("period_end").desc(), kindOrder)))
                .filter(col("_rn").equalTo(1))
                .select(col("la_code"), col("measure_id"), col("time_period").as("latest_time_period"),
                        col("time_identifier").as("latest_time_identifier"), col("period_start").as("_latest_start"),
                        col("period_end").as("_latest_end"), col("value").as("latest_value"), col("unit"),
                        col("note").as("_latest_note"));
        // a month compares with the same month a year before; any other kind with its latest earlier row
        Column sameKindEarlier = when(col("latest_time_identifier").equalTo(Periods.MONTH),
                        col("period_start").equalTo(functions.add_months(col("_latest_start"), -12)))
                .otherwise(col("period_end").lt(col("_latest_end")));
        Dataset<Row> prev = t.join(latest.select(col("la_code").as("_la"), col("measure_id").as("_m"),
                                col("latest_time_identifier"), col("_latest_start"), col("_latest_end")),
                        col("la_code").equalTo(col("_la")).and(col("measure_id").equalTo(col("_m")))
                                .and(col("time_identifier").equalTo(col("latest_time_identifier")))
                                .and(sameKindEarlier))
                .withColumn("_rn", functions.row_number().over(Window.partitionBy("la_code", "measure_id")
                        .orderBy(col("period_end").desc())))
                .filter(col("_rn").equalTo(1))
                .select(col("la_code"), col("measure_id"), col("time_period").as("previous_time_period"),
                        col("value").as("previous_value"));
        Dataset<Row> las = t.select("la_code").distinct();
        Dataset<Row> grid = las.crossJoin(map)
                .join(latest, Trends.toSeq(List.of("la_code", "measure_id")), "left")
                .join(prev, Trends.toSeq(List.of("la_code", "measure_id")), "left");
        Column diff = col("latest_value").minus(col("previous_value"));
        Column direction = when(col("latest_value").isNull(), lit("no_data"))
                .when(col("previous_value").isNull(), lit("no_previous"))
                .when(functions.abs(diff).leq(steadyWithin), lit("steady"))
                .when(col("higher_is_better").isNull(), lit("changed"))
                .when(diff.gt(0).equalTo(col("higher_is_better")), lit("improving"))
                .otherwise(lit("worsening"));
        Column met = when(col("target").isNull().or(col("latest_value").isNull()), lit(null).cast("boolean"))
                .when(col("higher_is_better").equalTo(false), col("latest_value").leq(col("target")))
                .otherwise(col("latest_value").geq(col("target")));
        Column note = functions.concat_ws("; ", col("_latest_note"), col("target_note"));
        Dataset<Row> out = grid.withColumn("direction", direction).withColumn("target_met", met)
                .withColumn("note", when(note.equalTo(""), lit(null).cast("string")).otherwise(note))
                .orderBy(col("la_code"), col("_order"));
        TableSchema s = TableSchema.load("gold", TABLE);
        List<Column> cols = new ArrayList<>();
        for (TableSchema.ColumnSpec c : s.columns) cols.add(col(c.name).cast(TableSchema.sparkType(c.type)).as(c.name));
        return out.select(cols.toArray(new Column[0]));
    }
}
