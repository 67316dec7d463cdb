package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Health of children looked after for at least 12 months at 31 March (SSDA903 OC2; the DfE's outcomes tables,
 * la_conviction_health_outcome_cla.csv, and the national framework dashboard's row 51, the average SDQ score).
 * The cohort of year Y is return Y's silver {@code cla_oc2} rows: the return holds an OC2 record for exactly the
 * children looked after continuously for 12 months or more at 31 March Y.
 */
public final class ClaHealthMeasures implements MeasureFamily {
    public static final String COHORT = "cla_12m_31mar";
    public static final String HEALTH_ASSESSMENT = "cla_12m_health_assessment";
    public static final String DENTAL_CHECK = "cla_12m_dental_check";
    public static final String IMMUNISATIONS = "cla_12m_immunisations";
    public static final String SDQ_RECEIVED = "cla_12m_sdq_received";
    public static final String SDQ_AVERAGE = "cla_12m_sdq_average";
    public static final String DEVELOPMENT_ASSESSMENT = "cla_12m_development_assessment";
    public static final String SUBSTANCE_MISUSE = "cla_12m_substance_misuse";
    public static final String CONVICTED = "cla_12m_convicted";
    /** The DfE's SDQ cohort: children aged 5 to 16 at 31 March (the questionnaire's age range). */
    static final int SDQ_MIN_AGE = 5;
    static final int SDQ_MAX_AGE = 16;
    /** The DfE's cohorts for development assessments (ages 0 to 4) and convictions (ages 10 to 17) at 31 March. */
    static final int UNDER_5_MAX_AGE = 4;
    static final int CONVICTIONS_MIN_AGE = 10;
    static final int CONVICTIONS_MAX_AGE = 17;

    @Override
    public String name() { return "cla_health"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(COHORT, HEALTH_ASSESSMENT, DENTAL_CHECK, IMMUNISATIONS, SDQ_RECEIVED, SDQ_AVERAGE,
                DEVELOPMENT_ASSESSMENT, SUBSTANCE_MISUSE, CONVICTED);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> cohort = lookedAfter12Months(years, ctx.table("cla_oc2"));
        Dataset<Row> people = ctx.table("person_903");
        Dataset<Row> sdqAges = aged(cohort, people, SDQ_MIN_AGE, SDQ_MAX_AGE);
        Dataset<Row> under5 = aged(cohort, people, 0, UNDER_5_MAX_AGE);
        Dataset<Row> aged10to17 = aged(cohort, people, CONVICTIONS_MIN_AGE, CONVICTIONS_MAX_AGE);
        return CinMeasureSupport.shapeAll(List.of(
                Trends.count(COHORT, Periods.count(years, cohort, "person_id")),
                Trends.percentRows(HEALTH_ASSESSMENT, Periods.numDen(years, cohort, yes("health_assessment"), "person_id")),
                Trends.percentRows(DENTAL_CHECK, Periods.numDen(years, cohort, yes("teeth_check"), "person_id")),
                Trends.percentRows(IMMUNISATIONS, Periods.numDen(years, cohort, yes("immunisations"), "person_id")),
                Trends.percentRows(SDQ_RECEIVED, Periods.numDen(years, sdqAges, col("sdq_score").isNotNull(), "person_id")),
                sdqAverage(years, sdqAges),
                // HEALTH_CHECK is the under-5s' health surveillance / development assessments being up to date
                Trends.percentRows(DEVELOPMENT_ASSESSMENT, Periods.numDen(years, under5, yes("health_check"), "person_id")),
                Trends.percentRows(SUBSTANCE_MISUSE, Periods.numDen(years, cohort, yes("substance_misuse"), "person_id")),
                Trends.percentRows(CONVICTED, Periods.numDen(years, aged10to17, yes("convicted"), "person_id"))));
    }

    /** Return Y's OC2 rows with the period columns (one per child: the table's key is child and return). */
    static Dataset<Row> lookedAfter12Months(Dataset<Row> years, Dataset<Row> oc2) {
        return oc2.join(years.select(Periods.pcols("return_year")), Periods.seq("la_code"))
                .filter(col("collection_year").isNull().or(col("collection_year").equalTo(col("return_year"))))
                .drop("return_year");
    }

    /**
     * The cohort's children aged {@code min} to {@code max} at 31 March (from person_903's month of birth, which
     * decides the age at the end of a month exactly); a child without a month of birth is left out.
     */
    static Dataset<Row> aged(Dataset<Row> cohort, Dataset<Row> person903, int min, int max) {
        Dataset<Row> births = person903.select(col("la_code").as("_b_la"), col("person_id").as("_b_person"),
                col("birth_month").as("_b_month"));
        Column age = functions.floor(functions.months_between(col("period_end"), col("_b_month")).divide(12));
        return cohort.join(births, col("la_code").equalTo(col("_b_la")).and(col("person_id").equalTo(col("_b_person"))))
                .filter(age.between(min, max))
                .drop("_b_la", "_b_person", "_b_month");
    }

    /**
     * {@code cla_12m_sdq_average}: the mean SDQ_SCORE of the children aged 5-16 with one (numerator = the sum of
     * their scores, denominator = the children), one decimal place; null where no child has a score.
     */
    static Dataset<Row> sdqAverage(Dataset<Row> years, Dataset<Row> sdqAges) {
        Dataset<Row> g = sdqAges.filter(col("sdq_score").isNotNull()).groupBy(Periods.pcols())
                .agg(functions.sum(col("sdq_score")).as("num"), functions.countDistinct(col("person_id")).as("den"));
        return years.select(Periods.pcols()).join(g, Periods.pseq(), "left")
                .withColumn("num", functions.coalesce(col("num"), lit(0L)))
                .withColumn("den", functions.coalesce(col("den"), lit(0L)))
                .withColumn("measure_id", lit(SDQ_AVERAGE))
                .withColumn("numerator", col("num").cast("long"))
                .withColumn("denominator", col("den").cast("long"))
                .withColumn("value", functions.when(col("den").gt(0),
                        functions.round(col("num").cast("double").divide(col("den")), 1)))
                .withColumn("unit", lit("mean"))
                .drop("num", "den");
    }

    private static Column yes(String column) {
        return functions.coalesce(col(column), lit(false));
    }
}
