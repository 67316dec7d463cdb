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
import java.util.Collection;
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

    /**
     * The <em>history view</em> of a silver table: for a table with per-return rows (columns {@code is_latest}
     * and {@code vanished}), the rows with is_latest = true and vanished = false, one per natural key, the latest
     * return's; for a table without them (derived tables, an older lakehouse, a fixture), every row. Look-backs
     * read this (re-referrals, repeat plans, first identification, earlier periods of care). An empty frame of
     * the declared schema when the lakehouse has no such table.
     */
    public Dataset<Row> table(String name) {
        Dataset<Row> t = raw(name);
        List<String> c = List.of(t.columns());
        if (c.contains(IS_LATEST)) t = t.filter(functions.coalesce(col(IS_LATEST), lit(true)));
        if (c.contains(VANISHED)) t = t.filter(functions.not(functions.coalesce(col(VANISHED), lit(false))));
        return t;
    }

    /**
     * Every per-return row of a silver table (each return that held the item, with its {@code collection_year}):
     * counts in reporting year Y and the snapshot at 31 March Y use the rows with collection_year = Y
     * ({@link Periods#duringInReturn}, {@link Periods#openAtInReturn}). A table without per-return rows (no
     * {@code is_latest} column: derived tables, an older lakehouse) has its {@code collection_year} set to
     * null, which those helpers read as "serves every period": its rows are then matched as the history is.
     * A table whose declared key holds {@code collection_year} (OC2, OC3: a row per child and return) keeps it,
     * or every return's rows would serve every year.
     */
    public Dataset<Row> returnRows(String name) {
        Dataset<Row> t = raw(name);
        if (List.of(t.columns()).contains(IS_LATEST) || keyedByReturn(name)) return t;
        return t.withColumn("collection_year", lit(null).cast("int"));
    }

    private static boolean keyedByReturn(String name) {
        return KeyedByReturn.TABLES.contains(name);
    }

    /** silver tables whose declared key holds collection_year (loaded once, on first use) */
    private static final class KeyedByReturn {
        static final java.util.Set<String> TABLES = TableSchema.all("silver").stream()
                .filter(s -> s.keys.contains("collection_year")).map(s -> s.table)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Marks a per-return row as the latest return's (silver, CONTRACT13). */
    public static final String IS_LATEST = "is_latest";
    /** Marks every row of an item an earlier return showed open and a later return does not hold. */
    public static final String VANISHED = "vanished";

    private Dataset<Row> raw(String name) {
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

    /** Period frames from the context add the return serving each period: {@link Periods} matches on it. */
    public static final StructType CONTEXT_PERIOD_SCHEMA = PERIOD_SCHEMA
            .add("return_year", DataTypes.IntegerType)
            .add("provisional", DataTypes.BooleanType);

    /** {@code 202324} for the year ending 31 March 2024 ({@link Periods#timePeriod}). */
    public static String timePeriod(int year) {
        return Periods.timePeriod(year);
    }

    /** The latest collection year held for the LA and source, or null. */
    public Integer latestReturn(String laCode, String source) {
        TreeSet<Integer> ys = years(laCode, source);
        return ys.isEmpty() ? null : ys.last();
    }

    private static Row withReturn(Row period, Integer returnYear, boolean provisional) {
        Object[] v = new Object[period.size() + 2];
        for (int i = 0; i < period.size(); i++) v[i] = period.get(i);
        v[period.size()] = returnYear;
        v[period.size() + 1] = provisional;
        return RowFactory.create(v);
    }

    /**
     * One row per LA and complete reporting year of the source: {@code la_code, time_period,
     * time_identifier = Reporting year, period_start = 1 April (Y-1), period_end = 31 March Y, reporting_year}.
     */
    public Dataset<Row> reportingYears(String source) {
        List<Row> rows = new ArrayList<>();
        for (String la : las(source)) {
            for (int y : years(la, source)) rows.add(withReturn(Periods.yearRow(la, y), y, false));
        }
        return spark.createDataFrame(rows, CONTEXT_PERIOD_SCHEMA);
    }

    /**
     * {@link #reportingYears} plus, when {@code --as-at} falls inside a reporting year whose return is held, that
     * year to date ({@link Periods#yearToDateRow}: 1 April .. the date, served by that year's return), so a flow
     * measure can stand beside a report's "year to date" figure. Families whose year-to-date figure would mislead
     * (indices and growth against whole years) keep {@link #reportingYears}.
     */
    public Dataset<Row> reportingYearsToDate(String source) {
        List<Row> rows = new ArrayList<>();
        for (String la : las(source)) {
            TreeSet<Integer> ys = years(la, source);
            for (int y : ys) rows.add(withReturn(Periods.yearRow(la, y), y, false));
            if (Periods.insideYear(asAt) && ys.contains(Periods.reportingYear(asAt)))
                rows.add(withReturn(Periods.yearToDateRow(la, asAt), Periods.reportingYear(asAt), false));
        }
        return spark.createDataFrame(rows, CONTEXT_PERIOD_SCHEMA);
    }

    /**
     * Snapshot dates for a source: 31 March of every complete reporting year (as {@code Reporting year}
     * rows, period_start = period_end = 31 March), plus {@code --as-at} and, with {@code --monthly}, every
     * month end within the years held (as {@code As at date} rows, time_period = the ISO date). Each row
     * carries the reporting year containing its date (for population denominators), {@code return_year} (the
     * return whose own rows serve it: return Y for 31 March Y and for dates inside year Y; the latest return
     * for a date after its 31 March) and {@code provisional} (true for those later dates: closures after the
     * latest return are unknown). An as-at date in a year whose return is not held, before the latest, has no
     * return to serve it and gets no row.
     */
    public Dataset<Row> snapshots(String source) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String la : las(source)) {
            TreeSet<Integer> ys = years(la, source);
            for (int y : ys) rows.put(la + "|R|" + y, withReturn(Periods.yearEndRow(la, y), y, false));
            if (asAt != null) {
                int ry = Periods.reportingYear(asAt);
                if (ys.contains(ry)) rows.put(la + "|A|" + asAt, withReturn(Periods.asAtRow(la, asAt), ry, false));
                else if (!ys.isEmpty() && asAt.isAfter(Periods.yearEnd(ys.last()))) {
                    rows.put(la + "|A|" + asAt, withReturn(Periods.asAtRow(la, asAt), ys.last(), true));
                }
            }
            if (monthly && !ys.isEmpty()) {
                YearMonth m = YearMonth.of(ys.first() - 1, 4);
                YearMonth last = YearMonth.of(ys.last(), 3);
                while (!m.isAfter(last)) {
                    LocalDate d = m.atEndOfMonth();
                    int ry = Periods.reportingYear(d);
                    if (ys.contains(ry)) rows.putIfAbsent(la + "|A|" + d, withReturn(Periods.asAtRow(la, d), ry, false));
                    m = m.plusMonths(1);
                }
            }
        }
        return spark.createDataFrame(new ArrayList<>(rows.values()), CONTEXT_PERIOD_SCHEMA);
    }

    // ---------------------------------------------------------------- which rows may be published

    /** (_l_la, _l_year, _l_end): the latest return of a source per LA and its 31 March. */
    private Dataset<Row> latest(String source) {
        List<Row> rows = new ArrayList<>();
        for (String la : las(source)) {
            Integer y = latestReturn(la, source);
            if (y != null) rows.add(RowFactory.create(la, y, java.sql.Date.valueOf(Periods.yearEnd(y))));
        }
        StructType s = new StructType().add("_l_la", DataTypes.StringType).add("_l_year", DataTypes.IntegerType)
                .add("_l_end", DataTypes.DateType);
        return spark.createDataFrame(rows, s);
    }

    /**
     * Look-back measures (re-referral within 12 months, repeat plan, first identification): their
     * {@code Reporting year} rows for year Y are not published unless the return of {@code source} for Y-1 is
     * held ({@link Trends#notPublished}, the note says why), because the 12 months before year Y cannot be seen.
     */
    public Dataset<Row> withLookBack(Dataset<Row> rows, String source, Collection<String> measureIds) {
        return withLookBack(rows, source, measureIds, 1);
    }

    /**
     * As {@link #withLookBack(Dataset, String, Collection)} for a measure that looks back {@code years} years (long-term
     * placement stability: 2.5 years of care): year Y is published only when every return of {@code source} from
     * Y-{@code years} to Y-1 is held, since a return holds only the episodes open in its year.
     */
    public Dataset<Row> withLookBack(Dataset<Row> rows, String source, Collection<String> measureIds, int years) {
        // the reporting year of the period (a year to date, 1 April .. an as-at date, looks back as its year does)
        Column year = Periods.reportingYear(col("period_end"));
        Dataset<Row> j = rows.join(seenBack(source, years), col("la_code").equalTo(col("_h_la"))
                .and(col("_h_year").equalTo(year)), "left");
        Column yearToDate = col("time_identifier").equalTo(Periods.AS_AT_DATE).and(col("period_start").lt(col("period_end")));
        Column where = col("measure_id").isin(measureIds.toArray())
                .and(col("time_identifier").equalTo(Periods.REPORTING_YEAR).or(yearToDate))
                .and(col("_h_la").isNull());
        Column why = years == 1
                ? functions.concat(lit("a look-back measure: the lakehouse does not hold the " + source + " return for "),
                        yearLabel(year.minus(1)), lit(", so the year before this one cannot be seen"))
                : functions.concat(lit("a look-back measure: the lakehouse does not hold every " + source + " return from "),
                        yearLabel(year.minus(years)), lit(" to "), yearLabel(year.minus(1)),
                        lit(", so the " + years + " years before this one cannot be seen"));
        return Trends.notPublished(j, where, why).drop("_h_la", "_h_year");
    }

    /** "2023-24" for collection year 2024. */
    private static Column yearLabel(Column collectionYear) {
        return functions.concat(collectionYear.minus(1).cast("string"), lit("-"),
                functions.substring(collectionYear.cast("string"), 3, 2));
    }

    /** (_h_la, _h_year): the years Y (of a held return or the one after) whose returns Y-years .. Y-1 are all held. */
    private Dataset<Row> seenBack(String source, int years) {
        List<Row> rows = new ArrayList<>();
        for (String la : las(source)) {
            java.util.Set<Integer> held = new java.util.HashSet<>(years(la, source));
            java.util.Set<Integer> candidates = new java.util.TreeSet<>();
            for (int y : held) candidates.add(y + 1);
            for (int y : candidates) {
                boolean all = true;
                for (int k = 1; k <= years; k++) all &= held.contains(y - k);
                if (all) rows.add(RowFactory.create(la, y));
            }
        }
        StructType s = new StructType().add("_h_la", DataTypes.StringType).add("_h_year", DataTypes.IntegerType);
        return spark.createDataFrame(rows, s);
    }

    /**
     * Look-forward measures: a row is published only when the data covers its whole window, i.e. the period's
     * end plus {@code months} calendar months and {@code days} days is on or before 31 March of the latest
     * return of {@code source} held for the LA. Otherwise the row is not published and its note says when it
     * will be (e.g. re-referral within 12 months of a closure: year Y needs the return for Y+1).
     */
    public Dataset<Row> withLookForward(Dataset<Row> rows, String source, Collection<String> measureIds, int months,
                                        int days, String window) {
        Column windowEnd = functions.date_add(functions.add_months(col("period_end"), months), days);
        Dataset<Row> j = rows.join(latest(source), col("la_code").equalTo(col("_l_la")), "left");
        Column where = col("measure_id").isin(measureIds.toArray())
                .and(col("_l_end").isNull().or(windowEnd.gt(col("_l_end"))));
        Column why = functions.concat(lit("a look-forward measure whose window (" + window + ") runs to "),
                windowEnd.cast("string"), lit(", after 31 March of the latest " + source + " return held ("),
                functions.coalesce(col("_l_year").cast("string"), lit("none")),
                lit("): published once the data covers the whole window"));
        return Trends.notPublished(j, where, why).drop("_l_la", "_l_year", "_l_end");
    }

    /**
     * As-at rows dated after 31 March of the latest return of {@code source} held for the LA are provisional:
     * they come from the latest return (plus local sources), and closures after its 31 March are not yet known.
     */
    public Dataset<Row> withProvisional(Dataset<Row> rows, String source) {
        Dataset<Row> j = rows.join(latest(source), col("la_code").equalTo(col("_l_la")), "left");
        Column where = col("time_identifier").equalTo(Periods.AS_AT_DATE).and(col("period_end").gt(col("_l_end")));
        Column why = functions.concat(lit("as at a date after 31 March "), col("_l_year").cast("string"),
                lit(", the latest " + source + " return held: items closed since then are not yet known"));
        return Trends.provisional(j, where, why).drop("_l_la", "_l_year", "_l_end");
    }

    /**
     * Rows of the given measures for periods before {@code firstYear} (the first collection year in which the
     * item or code existed, from data-schemas) are {@code x}, not collected: a reporting year Y < firstYear, or a
     * snapshot date in such a year.
     */
    public static Dataset<Row> notCollectedBefore(Dataset<Row> rows, Collection<String> measureIds, int firstYear,
                                                  String what) {
        Column where = col("measure_id").isin(measureIds.toArray())
                .and(Periods.reportingYear(col("period_end")).lt(firstYear));
        return Trends.notCollected(rows, where,
                lit("not collected: " + what + " first collected in " + timePeriod(firstYear).substring(0, 4) + "-"
                        + timePeriod(firstYear).substring(4) + " (collection year " + firstYear + ")"));
    }

    /**
     * The first collection year of an item a return could not hold before it was introduced
     * ({@code data-schemas/collected_from.yaml}, e.g. {@code cin_plan} = 2022 for CINPlanDates).
     */
    @SuppressWarnings("unchecked")
    public static Optional<Integer> firstCollectionYear(String item) {
        Map<String, Object> all = csc.lakehouse.spec.DataSchemas.readYaml(COLLECTED_FROM, Map.class);
        Object items = all.get("items");
        Object e = items instanceof Map<?, ?> m ? m.get(item) : null;
        Object y = e instanceof Map<?, ?> m ? m.get("first_collection_year") : null;
        return y instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    public static final String COLLECTED_FROM = "collected_from.yaml";

    /** The first collection year of a code (the code list's {@code from_year}), empty when it has always existed. */
    public static Optional<Integer> firstCollectionYear(String codeList, String code) {
        Integer first = null;
        for (csc.lakehouse.spec.CodeLists.Entry e : csc.lakehouse.spec.CodeLists.get().entries(codeList)) {
            if (!e.code().equalsIgnoreCase(code)) continue;
            if (e.fromYear() == null) return Optional.empty();
            first = first == null ? e.fromYear() : Math.min(first, e.fromYear());
        }
        return Optional.ofNullable(first);
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
