package csc.lakehouse.measures;

import csc.lakehouse.spec.MeasureSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Demand against population growth (design/measures.md), written to {@code gold.demand}. Reads the headline
 * counts the other families computed (see {@link DerivedMeasureFamily}) plus silver {@code population}.
 */
public final class DemandMeasures implements DerivedMeasureFamily {
    public static final String POPULATION = "population_0_17";

    /** The demand index, and its projection (which looks forward, beyond the years held). */
    public static final String INDEX = "demand_index", PROJECTION = "demand_projection";

    /** The series of the demand index, in publishing order: its catalogue entry's {@code series} breakdown. */
    public static final List<String> SERIES = MeasureSpec.load().get(INDEX).orElseThrow().breakdowns().stream()
            .filter(b -> b.name().equals("series")).findFirst().orElseThrow().values();

    /** The unit of demand_excess_growth: a difference of two indices (base year = 100). */
    public static final String INDEX_POINTS = "index_points";

    /** Years projected beyond each series' latest year. */
    public static final int PROJECTION_YEARS = 3;

    @Override
    public String name() { return "demand"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(POPULATION, INDEX, "demand_excess_growth", PROJECTION);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx, Dataset<Row> upstream) {
        Dataset<Row> population = populationRows(ctx);
        Dataset<Row> series = seriesValues(upstream, population);
        Dataset<Row> index = indexed(series, ctx.baseYear().orElse(null));
        Dataset<Row> out = Trends.shape(population)
                .unionByName(Trends.shape(demandIndex(index)))
                .unionByName(Trends.shape(excessGrowth(index)))
                .unionByName(Trends.shape(projection(ctx, series)));
        return out;
    }

    /**
     * {@code population_0_17}: per LA and reporting year Y held (either source), the mid-(Y-1) estimate;
     * a year without an estimate is left out (it has no value to publish).
     */
    static Dataset<Row> populationRows(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.CIN_CENSUS)
                .union(ctx.reportingYears(MeasureContext.SSDA903)).distinct();
        return ctx.withPopulation(years).filter(col("population").isNotNull())
                .withColumn("measure_id", lit(POPULATION))
                .withColumn("numerator", lit(null).cast("long"))
                .withColumn("denominator", lit(null).cast("long"))
                .withColumn("value", col("population").cast("double"))
                .withColumn("unit", lit("count"));
    }

    /**
     * The series values (la_code, series, year, value): the upstream headline rows of {@link #SERIES} (reporting
     * years only, breakdown Total where the frame says) and the population rows.
     */
    static Dataset<Row> seriesValues(Dataset<Row> upstream, Dataset<Row> population) {
        List<String> have = Arrays.asList(upstream.columns());
        Dataset<Row> u = upstream;
        if (have.contains("time_identifier")) u = u.filter(col("time_identifier").equalTo("Reporting year"));
        if (have.contains("breakdown")) u = u.filter(col("breakdown").equalTo(Trends.TOTAL));
        u = u.filter(col("measure_id").isin(SERIES.toArray()).and(col("measure_id").notEqual(POPULATION))
                        .and(col("time_period").rlike("^[0-9]{6}$")).and(col("value").isNotNull()))
                .select(col("la_code"), col("measure_id").as("series"),
                        substring(col("time_period"), 1, 4).cast("int").plus(1).as("year"),
                        col("value").cast("double").as("value"));
        Dataset<Row> p = population.select(col("la_code"), lit(POPULATION).as("series"),
                col("reporting_year").as("year"), col("value"));
        return u.unionByName(p);
    }

    /**
     * Adds the base year and index: base = {@code baseYear} when given, else the series' first year; {@code idx} =
     * value / base value x 100 (unrounded), {@code pop_idx} = population's index over the same years.
     */
    static Dataset<Row> indexed(Dataset<Row> series, Integer baseYear) {
        Column base = baseYear != null ? lit(baseYear)
                : min(col("year")).over(Window.partitionBy(col("la_code"), col("series")));
        Dataset<Row> s = series.withColumn("base_year", base);
        Dataset<Row> baseVal = series.select(col("la_code").as("_b_la"), col("series").as("_b_series"),
                col("year").as("_b_year"), col("value").as("base_value"));
        Dataset<Row> pop = series.filter(col("series").equalTo(POPULATION))
                .select(col("la_code").as("_p_la"), col("year").as("_p_year"), col("value").as("pop_value"));
        Dataset<Row> popBase = pop.select(col("_p_la").as("_pb_la"), col("_p_year").as("_pb_year"),
                col("pop_value").as("pop_base_value"));
        return s.join(baseVal, col("la_code").equalTo(col("_b_la")).and(col("series").equalTo(col("_b_series")))
                        .and(col("base_year").equalTo(col("_b_year"))), "inner")
                .filter(col("base_value").gt(0))
                .join(pop, col("la_code").equalTo(col("_p_la")).and(col("year").equalTo(col("_p_year"))), "left")
                .join(popBase, col("la_code").equalTo(col("_pb_la")).and(col("base_year").equalTo(col("_pb_year"))), "left")
                .withColumn("idx", col("value").multiply(100.0).divide(col("base_value")))
                .withColumn("pop_idx", when(col("pop_base_value").gt(0),
                        col("pop_value").multiply(100.0).divide(col("pop_base_value"))))
                .drop("_b_la", "_b_series", "_b_year", "_p_la", "_p_year", "_pb_la", "_pb_year");
    }

    /** {@code demand_index}: one row per series and year, value = index (one decimal), numerator/denominator = values. */
    static Dataset<Row> demandIndex(Dataset<Row> indexed) {
        return withPeriod(indexed)
                .withColumn("measure_id", lit(INDEX))
                .withColumn("breakdown", lit("series"))
                .withColumn("breakdown_value", col("series"))
                .withColumn("numerator", round(col("value"), 0).cast("long"))
                .withColumn("denominator", round(col("base_value"), 0).cast("long"))
                .withColumn("value", round(col("idx"), 1))
                .withColumn("unit", lit("index"))
                .withColumn("note", concat(lit("base year "), col("base_year").cast("string")));
    }

    /** {@code demand_excess_growth}: series index minus population index (same base year), in index points. */
    static Dataset<Row> excessGrowth(Dataset<Row> indexed) {
        return withPeriod(indexed.filter(col("series").notEqual(POPULATION)))
                .withColumn("measure_id", lit("demand_excess_growth"))
                .withColumn("breakdown", lit("series"))
                .withColumn("breakdown_value", col("series"))
                .withColumn("numerator", lit(null).cast("long"))
                .withColumn("denominator", lit(null).cast("long"))
                .withColumn("value", round(col("idx").minus(col("pop_idx")), 1))
                .withColumn("unit", lit(INDEX_POINTS))
                .withColumn("note", when(col("pop_idx").isNull(), concat(lit("no population estimate for base year "),
                        col("base_year").cast("string"), lit(" or this year")))
                        .otherwise(concat(lit("growth since "), col("base_year").cast("string"),
                                lit(" minus population growth over the same years"))));
    }

    /**
     * {@code demand_projection}: for each series but population, from its latest year L: for Y = L+1 ..
     * L+{@value #PROJECTION_YEARS}, value = latest value x P(Y-1) / P(L-1) (HALF_UP to a whole number), where
     * P is the 0-17 population of ONE projection vintage (silver population, is_projection = true, one
     * source_file): the newest vintage (latest collection_year, then file name) that holds mid-(L-1). Growth
     * is taken within that vintage only, never from a projection against a mid-year estimate (two sources
     * whose levels differ would put their difference into the projection). Years the vintage does not hold
     * are left out.
     */
    static Dataset<Row> projection(MeasureContext ctx, Dataset<Row> series) {
        Dataset<Row> proj = ctx.table("population").filter(col("is_projection").equalTo(true))
                .select(col("la_code").as("_q_la"), col("mid_year").as("_q_mid"), col("population").as("_q_pop"),
                        col("source_file").as("_q_file"), col("collection_year").as("_q_cy"));
        Dataset<Row> latest = series.filter(col("series").notEqual(POPULATION))
                .withColumn("_latest", max(col("year")).over(Window.partitionBy(col("la_code"), col("series"))))
                .filter(col("year").equalTo(col("_latest")))
                .select(col("la_code"), col("series"), col("year").as("latest_year"), col("value").as("latest_value"));
        Dataset<Row> based = latest.join(proj, col("la_code").equalTo(col("_q_la"))
                        .and(col("latest_year").minus(1).equalTo(col("_q_mid"))).and(col("_q_pop").gt(0)))
                .withColumn("_rank", row_number().over(Window.partitionBy(col("la_code"), col("series"))
                        .orderBy(col("_q_cy").desc_nulls_last(), col("_q_file").desc())))
                .filter(col("_rank").equalTo(1))
                .select(col("la_code"), col("series"), col("latest_year"), col("latest_value"),
                        col("_q_pop").as("base_pop"), col("_q_file").as("vintage"));
        Dataset<Row> ahead = ctx.spark().range(1, PROJECTION_YEARS + 1).select(col("id").cast("int").as("_k"));
        Dataset<Row> rows = based.crossJoin(ahead).withColumn("reporting_year", col("latest_year").plus(col("_k")))
                .join(proj, col("la_code").equalTo(col("_q_la")).and(col("vintage").equalTo(col("_q_file")))
                        .and(col("reporting_year").minus(1).equalTo(col("_q_mid"))))
                .withColumnRenamed("_q_pop", "proj_pop");
        return withPeriodOf(rows, col("reporting_year"))
                .withColumn("measure_id", lit(PROJECTION))
                .withColumn("breakdown", lit("series"))
                .withColumn("breakdown_value", col("series"))
                .withColumn("numerator", lit(null).cast("long"))
                .withColumn("denominator", col("proj_pop").cast("long"))
                .withColumn("value", round(col("latest_value").multiply(col("proj_pop")).divide(col("base_pop")), 0))
                .withColumn("unit", lit("count"))
                .withColumn("note", concat(lit("projection: "), col("latest_year").minus(1).cast("string"), lit("-"),
                        lpad(pmod(col("latest_year"), lit(100)).cast("string"), 2, "0"), lit(" value "),
                        col("latest_value").cast("long").cast("string"), lit(" x projected mid-"),
                        col("reporting_year").minus(1).cast("string"), lit(" 0-17 population "),
                        col("proj_pop").cast("string"), lit(" / projected mid-"), col("latest_year").minus(1).cast("string"),
                        lit(" "), col("base_pop").cast("string"), lit(", both from "), col("vintage"),
                        lit(" (growth within one projection vintage)")));
    }

    private static Dataset<Row> withPeriod(Dataset<Row> df) {
        return withPeriodOf(df, col("year"));
    }

    /** Adds the reporting-year period columns for the year in {@code y}. */
    private static Dataset<Row> withPeriodOf(Dataset<Row> df, Column y) {
        return df.withColumn("_y", y)
                .withColumn("time_period", concat(col("_y").minus(1).cast("string"),
                        lpad(pmod(col("_y"), lit(100)).cast("string"), 2, "0")))
                .withColumn("time_identifier", lit("Reporting year"))
                .withColumn("period_start", make_date(col("_y").minus(1), lit(4), lit(1)))
                .withColumn("period_end", make_date(col("_y"), lit(3), lit(31)))
                .drop("_y");
    }
}
