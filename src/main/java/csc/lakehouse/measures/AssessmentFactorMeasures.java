package csc.lakehouse.measures;

import csc.lakehouse.spec.CodeLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static csc.lakehouse.measures.Periods.duringInReturn;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Factors identified at the end of assessment (CIN census; the DfE's table C3 and the national framework
 * dashboard's "Child abuse / neglect" and "Harms outside the home" rows): {@code gold.assessment_factors}.
 * Every factor of the code list {@code data-schemas/codelists/cin_assessment_factor.csv} is a breakdown value,
 * as a rate per 10,000 children and as a share of the episodes with factors. A code outside the year's code list
 * (24A before 2021-22; 18B/18C/19B/19C before 2020-21; 18A/19A after 2019-20) is {@code x}, not collected.
 */
public final class AssessmentFactorMeasures implements MeasureFamily {
    public static final String CODE_LIST = "cin_assessment_factor";
    /** "No factors identified" (CIN rule 8869: never combined with another code): not a factor. */
    public static final String NO_FACTORS = "21";
    public static final String BREAKDOWN = "factor";
    public static final String SHARE = "assessment_factors";
    public static final String RATE = "assessment_factors_rate";

    @Override
    public String name() { return "assessment_factors"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(SHARE, RATE);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.CIN_CENSUS);
        Dataset<Row> counts = factorCounts(ctx.returnRows("assessment_factor"), years, factorCodes());
        return CinMeasureSupport.shapeAll(List.of(
                shares(counts),
                notCollected(ctx.rateRows(RATE, counts))));
    }

    /** The factors of the code list in its order, without 21 (no factors identified). */
    public static List<CodeLists.Entry> factorCodes() {
        List<CodeLists.Entry> out = new ArrayList<>();
        for (CodeLists.Entry e : CodeLists.get().entries(CODE_LIST)) if (!e.code().equals(NO_FACTORS)) out.add(e);
        return out;
    }

    /**
     * Period rows with {@code breakdown}, {@code breakdown_value} and {@code n}: per period, the Total row's
     * {@code n} = episodes with factors (distinct child and AssessmentActualStartDate authorised in the period,
     * with at least one factor other than 21) and one row per factor code with {@code n} = those episodes
     * recording it (0 when none). An episode recording a factor twice counts once.
     */
    public static Dataset<Row> factorCounts(Dataset<Row> assessmentFactor, Dataset<Row> years,
                                            List<CodeLists.Entry> codes) {
        Dataset<Row> items = duringInReturn(years, assessmentFactor, "authorisation_date")
                .withColumn("_factor", functions.upper(functions.trim(col("factor"))))
                .filter(col("_factor").notEqual(NO_FACTORS));
        Dataset<Row> total = Periods.count(years, items, "person_id", "start_date")
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL));
        List<String> codeList = codes.stream().map(CodeLists.Entry::code).toList();
        Dataset<Row> perFactor = items.groupBy(Periods.pcols("_factor"))
                .agg(Periods.countDistinct("person_id", "start_date").as("n"))
                .withColumnRenamed("_factor", "breakdown_value");
        Dataset<Row> grid = years.select(Periods.pcols())
                .crossJoin(years.sparkSession().createDataset(codeList, Encoders.STRING()).toDF("breakdown_value"))
                .join(perFactor, Trends.toSeq(Periods.P, "breakdown_value"), "left")
                .withColumn("n", functions.coalesce(col("n"), lit(0L)))
                .withColumn("breakdown", lit(BREAKDOWN));
        return total.unionByName(grid);
    }

    /**
     * {@code assessment_factors}: the Total row's value = episodes with factors (unit count); each factor's row =
     * its episodes as a percent of the Total (numerator = its episodes, denominator = the Total). The factors
     * overlap (an episode may record several), so the shares do not add to 100%.
     */
    public static Dataset<Row> shares(Dataset<Row> factorCounts) {
        Dataset<Row> totals = factorCounts.filter(col("breakdown").equalTo(Trends.TOTAL))
                .select(col("la_code").as("_t_la"), col("time_period").as("_t_period"),
                        col("time_identifier").as("_t_id"), col("n").as("_total"));
        Dataset<Row> j = factorCounts.join(totals, col("la_code").equalTo(col("_t_la"))
                .and(col("time_period").equalTo(col("_t_period"))).and(col("time_identifier").equalTo(col("_t_id"))));
        Column isTotal = col("breakdown").equalTo(Trends.TOTAL);
        Dataset<Row> rows = j.withColumn("measure_id", lit(SHARE))
                .withColumn("numerator", col("n").cast("long"))
                .withColumn("denominator", functions.when(isTotal, lit(null)).otherwise(col("_total")).cast("long"))
                .withColumn("value", functions.when(isTotal, col("n").cast("double"))
                        .otherwise(functions.coalesce(Trends.percent(col("n"), col("_total")), lit(0.0))))
                .withColumn("unit", functions.when(isTotal, lit("count")).otherwise(lit("percent")))
                .drop("n", "_total", "_t_la", "_t_period", "_t_id");
        return notCollected(rows);
    }

    /** Factor rows of a year whose code list does not hold the code: {@code x}, with the code's years. */
    static Dataset<Row> notCollected(Dataset<Row> rows) {
        return CodeListBreakdowns.notCollectedOutsideYears(rows, factorCodes(), CODE_LIST, "factor");
    }
}
