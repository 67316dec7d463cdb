package csc.lakehouse.measures;

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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Everything a measure may read: silver tables (passed in, never opened here), the returns held per
 * LA (which reporting years are complete), and the run's parameters (as-at date, monthly snapshots,
 * year range, base year). Tests build one from hand-made frames with {@link #builder}.
 */
public final class MeasureContext {
    public static final String CIN_CENSUS = "cin_census";
    public static final String SSDA903 = "ssda903";

    private final SparkSession spark;
    private final Map<String, Dataset<Row>> silver;
    /** la_code, source, collection_year: the returns the lakehouse holds */
    private final List<Row> returns;
    private final LocalDate asAt;
    private final boolean monthly;
    private final Integer fromYear;
    private final Integer toYear;
    private final Integer baseYear;

    private MeasureContext(Builder b) {
        this.spark = b.spark;
        this.silver = b.silver;
        this.returns = b.returns;
        this.asAt = b.asAt;
        this.monthly = b.monthly;
        this.fromYear = b.fromYear;
        this.toYear = b.toYear;
        this.baseYear = b.baseYear;
    }

    public SparkSession spark() { return spark; }

    public Optional<LocalDate> asAt() { return Optional.ofNullable(asAt); }

    public boolean monthly() { return monthly; }

    public Optional<Integer> baseYear() { return Optional.ofNullable(baseYear); }

    /** A silver table, or an empty frame of its declared schema when the lakehouse has none. */
    public Dataset<Row> table(String name) {
        Dataset<Row> t = silver.get(name);
        if (t != null) return t;
        return spark.createDataFrame(new ArrayList<Row>(), TableSchema.load("silver", name).structType());
    }

    public boolean has(String name) { return silver.containsKey(name); }

    /** Silver population estimates (not projections). */
    public Dataset<Row> population() {
        return table("population").filter(col("is_projection").equalTo(false));
    }

    /** Complete reporting years per LA for a source, within --from/--to. */
    public TreeSet<Integer> years(String laCode, String source) {
        TreeSet<Integer> out = new TreeSet<>();
        for (Row r : returns) {
            if (r.getString(0).equals(laCode) && r.getString(1).equals(source)) {
                int y = r.getInt(2);
                if ((fromYear == null || y >= fromYear) && (toYear == null || y <= toYear)) out.add(y);
            }
        }
        return out;
    }

    public TreeSet<String> las(String source) {
        TreeSet<String> out = new TreeSet<>();
        for (Row r : returns) if (r.getString(1).equals(source)) out.add(r.getString(0));
        return out;
    }

    public static final StructType PERIOD_SCHEMA = new StructType()
            .add("la_code", DataTypes.StringType)
            .add("time_period", DataTypes.StringType)
            .add("time_identifier", DataTypes.StringType)
            .add("period_start", DataTypes.DateType)
            .add("period_end", DataTypes.DateType)
            .add("reporting_year", DataTypes.IntegerType);

    /** {@code 202324} for the year ending 31 March 2024. */
    public static String timePeriod(int year) {
        return (year - 1) + String.format("%02d", year % 100);
    }

    /**
     * One row per LA and complete reporting year of the source: {@code la_code, time_period,
     * time_identifier = Reporting year, period_start = 1 April (Y-1), period_end = 31 March Y, reporting_year}.
     */
    public Dataset<Row> reportingYears(String source) {
        List<Row> rows = new ArrayList<>();
        for (String la : las(source)) {
            for (int y : years(la, source)) {
                rows.add(RowFactory.create(la, timePeriod(y), "Reporting year",
                        java.sql.Date.valueOf(LocalDate.of(y - 1, 4, 1)), java.sql.Date.valueOf(LocalDate.of(y, 3, 31)), y));
            }
        }
        return spark.createDataFrame(rows, PERIOD_SCHEMA);
    }

    /**
     * Snapshot dates for a source: 31 March of every complete reporting year (as {@code Reporting year}
     * rows, period_start = period_end = 31 March), plus {@code --as-at} and, with {@code --monthly}, every
     * month end within the years held (as {@code As at date} rows, time_period = the ISO date). Each row
     * carries the reporting year containing its date, for population denominators.
     */
    public Dataset<Row> snapshots(String source) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String la : las(source)) {
            TreeSet<Integer> ys = years(la, source);
            for (int y : ys) {
                LocalDate d = LocalDate.of(y, 3, 31);
                rows.put(la + "|R|" + y, RowFactory.create(la, timePeriod(y), "Reporting year",
                        java.sql.Date.valueOf(d), java.sql.Date.valueOf(d), y));
            }
            if (asAt != null) {
                rows.put(la + "|A|" + asAt, asAtRow(la, asAt));
            }
            if (monthly && !ys.isEmpty()) {
                YearMonth m = YearMonth.of(ys.first() - 1, 4);
                YearMonth last = YearMonth.of(ys.last(), 3);
                while (!m.isAfter(last)) {
                    LocalDate d = m.atEndOfMonth();
                    rows.putIfAbsent(la + "|A|" + d, asAtRow(la, d));
                    m = m.plusMonths(1);
                }
            }
        }
        return spark.createDataFrame(new ArrayList<>(rows.values()), PERIOD_SCHEMA);
    }

    private static Row asAtRow(String la, LocalDate d) {
        int y = d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
        return RowFactory.create(la, d.toString(), "As at date", java.sql.Date.valueOf(d), java.sql.Date.valueOf(d), y);
    }

    /**
     * Adds the population denominator for a rate: for reporting year Y the ONS mid-(Y-1) estimate of
     * the LA's 0-17 population, as the DfE does. Adds {@code population} (null when missing) and a
     * {@code note} naming the estimate used.
     */
    public Dataset<Row> withPopulation(Dataset<Row> rowsWithLaAndReportingYear) {
        Dataset<Row> pop = population().select(col("la_code").as("_p_la"), col("mid_year").as("_p_year"),
                col("population"), col("source_file").as("_p_source"));
        Dataset<Row> joined = rowsWithLaAndReportingYear.join(pop,
                col("la_code").equalTo(col("_p_la")).and(col("reporting_year").minus(1).equalTo(col("_p_year"))), "left");
        Column note = functions.when(col("population").isNotNull(),
                functions.concat(lit("denominator: ONS mid-"), col("_p_year").cast("string"),
                        lit(" estimate of the 0-17 population ("), col("_p_source"), lit(")")))
                .otherwise(functions.concat(lit("no ONS mid-"), col("reporting_year").minus(1).cast("string"),
                        lit(" population estimate in the lakehouse: rate not computed")));
        return joined.withColumn("note", note).drop("_p_la", "_p_year", "_p_source");
    }

    /**
     * Rate rows from count rows: input period columns, {@code reporting_year} and {@code n}; output
     * numerator = n, denominator = population, value = rate per 10,000.
     */
    public Dataset<Row> rateRows(String measureId, Dataset<Row> periodsWithN) {
        return withPopulation(periodsWithN)
                .withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n").cast("long"))
                .withColumn("denominator", col("population").cast("long"))
                .withColumn("value", Trends.ratePer10k(col("n"), col("population")))
                .withColumn("unit", lit("rate_per_10000"))
                .drop("n", "population");
    }

    public static Builder builder(SparkSession spark) { return new Builder(spark); }

    public static final class Builder {
        private final SparkSession spark;
        private final Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
        private final List<Row> returns = new ArrayList<>();
        private LocalDate asAt;
        private boolean monthly;
        private Integer fromYear;
        private Integer toYear;
        private Integer baseYear;

        private Builder(SparkSession spark) { this.spark = spark; }

        public Builder table(String name, Dataset<Row> rows) { silver.put(name, rows); return this; }

        public Builder tables(Map<String, Dataset<Row>> all) { silver.putAll(all); return this; }

        /** Declares that the lakehouse holds the return of {@code source} for {@code year} in {@code la}. */
        public Builder ret(String la, String source, int year) {
            returns.add(RowFactory.create(la, source, year));
            return this;
        }

        public Builder asAt(LocalDate d) { this.asAt = d; return this; }

        public Builder monthly(boolean m) { this.monthly = m; return this; }

        public Builder years(Integer from, Integer to) { this.fromYear = from; this.toYear = to; return this; }

        public Builder baseYear(Integer y) { this.baseYear = y; return this; }

        public MeasureContext build() { return new MeasureContext(this); }
    }
}
