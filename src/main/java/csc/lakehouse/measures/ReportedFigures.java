package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The council's own figures, as its reports give them ({@code reported:} in
 * {@code data-schemas/ofsted_recommendations.yaml}), beside the lakehouse's figure for the same date or period
 * ({@code gold.reported_figures}): like with like, never a report's "end of January" against a whole year.
 * A pure function of gold trend rows.
 *
 * <p>Each figure names its period: {@code as_at} is the snapshot at the report's date (an {@code As at date} row with
 * period_start = period_end = the date), {@code year_to_date} is 1 April to that date (the as-at row that starts on
 * 1 April: {@link Periods#yearToDateRow}), {@code reporting_year} a whole year ({@code year: 2014} = 2013-14). The
 * lakehouse figure is the row's value, or its numerator when the report gives a count of a percentage's children
 * ({@code of: numerator}). Without a row (the run had no {@code --as-at} at the report's date, or the data does not
 * reach it) the lakehouse figure is empty and the note says why.
 */
public final class ReportedFigures {
    public static final String TABLE = "reported_figures";

    /** One figure a report gives. period: as_at | year_to_date | reporting_year. */
    public record Figure(String laCode, String source, String measureId, String breakdownValue, String period,
                         LocalDate asAt, Integer year, double value, boolean ofNumerator, String text) {
        /** The gold row's (time_period, period_start, period_end) the figure compares with. */
        public String timePeriod() { return "reporting_year".equals(period) ? Periods.timePeriod(year) : asAt.toString(); }

        public LocalDate periodStart() {
            return switch (period) {
                case "reporting_year" -> Periods.yearStart(year);
                case "year_to_date" -> Periods.yearStart(Periods.reportingYear(asAt));
                default -> asAt;
            };
        }

        public LocalDate periodEnd() { return "reporting_year".equals(period) ? Periods.yearEnd(year) : asAt; }

        public String when() {
            return switch (period) {
                case "reporting_year" -> Periods.timePeriod(year).substring(0, 4) + "-" + Periods.timePeriod(year).substring(4);
                case "year_to_date" -> periodStart() + " to " + asAt;
                default -> "at " + asAt;
            };
        }
    }

    private ReportedFigures() {}

    /** The figures in data-schemas/ofsted_recommendations.yaml ({@code reported:}), in file order. */
    public static List<Figure> figures() {
        return figures(DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class));
    }

    @SuppressWarnings("unchecked")
    static List<Figure> figures(Map<String, Object> yaml) {
        List<Figure> out = new ArrayList<>();
        for (Object o : (List<Object>) yaml.getOrDefault("reported", List.of())) {
            Map<String, Object> report = (Map<String, Object>) o;
            String la = report.get("la_code").toString(), source = report.get("source").toString();
            LocalDate asAt = report.get("as_at") == null ? null : LocalDate.parse(report.get("as_at").toString());
            for (Object f : (List<Object>) report.get("figures")) {
                Map<String, Object> m = (Map<String, Object>) f;
                String period = m.get("period").toString();
                Integer year = m.get("year") == null ? null : ((Number) m.get("year")).intValue();
                if (!List.of("as_at", "year_to_date", "reporting_year").contains(period))
                    throw new IllegalArgumentException("ofsted_recommendations.yaml reported figure " + m.get("measure")
                            + ": period must be as_at, year_to_date or reporting_year, not " + period);
                if (period.equals("reporting_year") ? year == null : asAt == null)
                    throw new IllegalArgumentException("ofsted_recommendations.yaml reported figure " + m.get("measure")
                            + ": " + (year == null ? "a reporting_year figure needs year:" : "needs the report's as_at:"));
                out.add(new Figure(la, source, m.get("measure").toString(),
                        m.get("breakdown_value") == null ? Trends.TOTAL : m.get("breakdown_value").toString(), period,
                        asAt, year, ((Number) m.get("value")).doubleValue(), "numerator".equals(m.get("of")),
                        m.get("text") == null ? null : m.get("text").toString()));
            }
        }
        return out;
    }

    /** The date the reports give (the first report's as_at), which a demo run publishes snapshots at. */
    public static Optional<LocalDate> reportDate() {
        return figures().stream().map(Figure::asAt).filter(java.util.Objects::nonNull).findFirst();
    }

    static final StructType FIGURE = new StructType().add("la_code", DataTypes.StringType)
            .add("source", DataTypes.StringType).add("measure_id", DataTypes.StringType)
            .add("breakdown_value", DataTypes.StringType).add("reported_period", DataTypes.StringType)
            .add("reported_value", DataTypes.DoubleType).add("reported_text", DataTypes.StringType)
            .add("_tp", DataTypes.StringType).add("_start", DataTypes.DateType).add("_end", DataTypes.DateType)
            .add("_numerator", DataTypes.BooleanType).add("_order", DataTypes.IntegerType);

    public static Dataset<Row> build(Dataset<Row> trends) {
        return build(trends, figures());
    }

    public static Dataset<Row> build(Dataset<Row> trends, List<Figure> figures) {
        SparkSession spark = trends.sparkSession();
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Figure f : figures) {
            rows.add(RowFactory.create(f.laCode(), f.source(), f.measureId(), f.breakdownValue(), f.when(), f.value(),
                    f.text(), f.timePeriod(), java.sql.Date.valueOf(f.periodStart()), java.sql.Date.valueOf(f.periodEnd()),
                    f.ofNumerator(), i++));
        }
        Dataset<Row> wanted = spark.createDataFrame(rows, FIGURE);
        Dataset<Row> g = trends.select(col("la_code").as("_la"), col("measure_id").as("_m"),
                col("breakdown_value").as("_bv"), col("time_period"), col("time_identifier"), col("period_start"),
                col("period_end"), col("numerator"), col("value"), col("unit"), col("note"));
        Dataset<Row> j = wanted.join(g, col("la_code").equalTo(col("_la")).and(col("measure_id").equalTo(col("_m")))
                .and(col("breakdown_value").equalTo(col("_bv"))).and(col("time_period").equalTo(col("_tp")))
                .and(col("period_start").equalTo(col("_start"))).and(col("period_end").equalTo(col("_end"))), "left");
        Column lakehouse = when(col("_numerator"), col("numerator").cast("double")).otherwise(col("value"));
        Column missing = functions.concat(lit("no lakehouse row for this period: a report's date needs a run with --as-at "),
                col("_end").cast("string"), lit(" and data reaching it"));
        Dataset<Row> out = j.withColumn("lakehouse_value", lakehouse)
                .withColumn("difference_pct", when(col("reported_value").notEqual(0),
                        functions.round(lakehouse.minus(col("reported_value")).divide(col("reported_value")).multiply(100), 1)))
                .withColumn("note", when(col("_m").isNull(), missing).otherwise(col("note")))
                .withColumn("time_identifier", functions.coalesce(col("time_identifier"),
                        when(col("reported_period").startsWith("at ").or(col("reported_period").contains(" to ")),
                                lit(Periods.AS_AT_DATE)).otherwise(lit(Periods.REPORTING_YEAR))))
                .withColumn("time_period", col("_tp"))
                .withColumn("unit", when(col("_numerator"), lit("count")).otherwise(col("unit")))
                .withColumn("compares", when(col("_numerator"), lit("numerator")).otherwise(lit("value")))
                .orderBy(col("_order"));
        TableSchema s = TableSchema.load("gold", TABLE);
        List<Column> cols = new ArrayList<>();
        for (TableSchema.ColumnSpec c : s.columns) cols.add(col(c.name).cast(TableSchema.sparkType(c.type)).as(c.name));
        return out.select(cols.toArray(new Column[0]));
    }
}
