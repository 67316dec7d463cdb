package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.CinMeasureSupport.count;
import static csc.lakehouse.measures.CinMeasureSupport.during;
import static csc.lakehouse.measures.CinMeasureSupport.median1dp;
import static csc.lakehouse.measures.CinMeasureSupport.numDen;
import static csc.lakehouse.measures.CinMeasureSupport.pcols;
import static csc.lakehouse.measures.CinMeasureSupport.pseq;
import static csc.lakehouse.measures.CinMeasureSupport.seq;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;

/**
 * Neglect cohort (measures.md): {@code gold.neglect}. A child's <b>first neglect identification</b> is
 * the earliest of: the authorisation date of an assessment with factor 16A; the start of a CP plan
 * whose initial or latest category is NEG. The care-entry measures read silver {@code cla_period}
 * (SSDA903) and are published only for years with a 903 return ({@code ctx.reportingYears("ssda903")});
 * short-break periods are excluded. CIN and 903 records are matched on (la_code, person_id).
 */
public final class NeglectCohort implements MeasureFamily {
    public static final String NEGLECT_FACTOR = "16A";

    @Override
    public String name() { return "neglect"; }

    /** Breakdown of {@code neglect_new}: how the child was first identified. */
    public static final String IDENTIFIED_AT = "identified_at";
    public static final List<String> IDENTIFIED_AT_VALUES = List.of("assessment", "cp_plan");
    public static final String MEDIAN = "median";

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("neglect_new", "neglect_days_to_cpp", "neglect_repeat_cpp",
                "neglect_late_care_entry", "neglect_prior_referrals");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.CIN_CENSUS);
        Dataset<Row> years903 = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> cp = ctx.table("cp_plan");
        Dataset<Row> first = firstNeglect(factors(ctx), cp);
        Dataset<Row> entrants = neglectedCareEntrants(years903, ctx.table("cla_period"), first);
        Dataset<Row> rows = CinMeasureSupport.union(List.of(
                neglectNew(first, years),
                neglectDaysToCpp(factors(ctx), cp, years),
                neglectRepeatCpp(cp, years),
                neglectLateCareEntry(entrants, years903),
                neglectPriorReferrals(entrants, ctx.table("referral"), years903)));
        return CinMeasureSupport.shapeAll(List.of(ctx.withLookBack(CollectedFrom.apply(rows), MeasureContext.CIN_CENSUS, LOOK_BACK)));
    }

    /**
     * Measures that look back over the CIN census before year Y (a child's first identification, the neglect before
     * a care start and the referrals before it): published for year Y only when the CIN census for Y-1 is held,
     * otherwise every child already identified before the drop's first census would count as new in its first year.
     */
    public static final List<String> LOOK_BACK = List.of("neglect_new", "neglect_late_care_entry", "neglect_prior_referrals");

    /**
     * Assessment factors: silver {@code assessment_factor} (derived), or, when the lakehouse has not built
     * it, the {@code factors} array of silver {@code assessment} exploded to the same columns.
     */
    public static Dataset<Row> factors(MeasureContext ctx) {
        if (ctx.has("assessment_factor") || !ctx.has("assessment")) return ctx.table("assessment_factor");
        return ctx.table("assessment").select(col("la_code"), col("person_id"), col("start_date"),
                col("authorisation_date"), functions.explode(col("factors")).as("factor"));
    }

    /**
     * {@code la_code, person_id, first_neglect, identified_at}: each child's first neglect identification,
     * and whether it was an assessment with factor 16A ({@code assessment}; also when the assessment was
     * authorised on the day the plan started) or the start of a NEG CP plan ({@code cp_plan}).
     */
    public static Dataset<Row> firstNeglect(Dataset<Row> assessmentFactor, Dataset<Row> cp) {
        Dataset<Row> fromAssessment = firstNeglectAssessment(assessmentFactor);
        Dataset<Row> fromPlan = cp.filter(isNeg(col("initial_category")).or(isNeg(col("latest_category"))))
                .groupBy("la_code", "person_id").agg(functions.min("start_date").as("_plan"));
        return fromAssessment.join(fromPlan, seq("la_code", "person_id"), "full_outer")
                .withColumn("identified_at", functions.when(col("_plan").isNull()
                        .or(col("first_16a").isNotNull().and(col("first_16a").leq(col("_plan")))), lit("assessment"))
                        .otherwise(lit("cp_plan")))
                .withColumn("first_neglect", functions.least(col("first_16a"), col("_plan")))
                .select("la_code", "person_id", "first_neglect", "identified_at");
    }

    /** {@code la_code, person_id, first_16a}: the authorisation date of each child's first assessment with factor 16A. */
    public static Dataset<Row> firstNeglectAssessment(Dataset<Row> assessmentFactor) {
        return assessmentFactor
                .filter(functions.upper(functions.trim(col("factor"))).equalTo(NEGLECT_FACTOR)
                        .and(col("authorisation_date").isNotNull()))
                .groupBy("la_code", "person_id").agg(functions.min("authorisation_date").as("first_16a"));
    }

    private static Column isNeg(Column c) {
        return coalesce(functions.upper(functions.trim(c)).equalTo("NEG"), lit(false));
    }

    /**
     * {@code neglect_new}: children whose first neglect identification falls in the year (Total, count), with
     * breakdown {@code identified_at} = assessment / cp_plan (percent of the Total; numerator = children).
     */
    public static Dataset<Row> neglectNew(Dataset<Row> firstNeglect, Dataset<Row> years) {
        return Trends.distribution("neglect_new", years, during(years, firstNeglect, "first_neglect"),
                IDENTIFIED_AT, IDENTIFIED_AT_VALUES);
    }

    /**
     * {@code neglect_days_to_cpp}: median calendar days from the child's first assessment with factor 16A
     * (authorisation date) to the start of the first CP plan (any category) on or after it, over children
     * whose that plan started in the year. A child first identified at a CP plan is measured only from a
     * later 16A assessment (to a later plan): a plan is never its own identification. numerator = the
     * number of children; value = the median (mean of the middle two for an even count), null when none.
     */
    public static Dataset<Row> neglectDaysToCpp(Dataset<Row> assessmentFactor, Dataset<Row> cp, Dataset<Row> years) {
        Dataset<Row> assessed = firstNeglectAssessment(assessmentFactor);
        Dataset<Row> plans = cp.select(col("la_code").as("_la"), col("person_id").as("_p"), col("start_date"));
        Dataset<Row> kids = assessed.join(plans, col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                        .and(col("start_date").geq(col("first_16a"))))
                .groupBy("la_code", "person_id", "first_16a").agg(functions.min("start_date").as("first_cp"))
                .withColumn("_days", datediff(col("first_cp"), col("first_16a")));
        Dataset<Row> agg = during(years, kids, "first_cp").groupBy(pcols())
                .agg(functions.count_distinct(col("person_id")).as("n"), median1dp(col("_days")).as("value"));
        return years.select(pcols()).join(agg, pseq(), "left")
                .withColumn("measure_id", lit("neglect_days_to_cpp"))
                .withColumn("numerator", coalesce(col("n"), lit(0L)))
                .withColumn("denominator", lit(null).cast("long"))
                .withColumn("unit", lit("days"))
                .drop("n");
    }

    /** {@code neglect_repeat_cpp}: of CP plans starting in the year with initial category NEG, those second or subsequent. */
    public static Dataset<Row> neglectRepeatCpp(Dataset<Row> cp, Dataset<Row> years) {
        Dataset<Row> neg = during(years, ChildProtectionMeasures.withRepeat(cp), "start_date")
                .filter(isNeg(col("initial_category")));
        return Trends.percentRows("neglect_repeat_cpp", numDen(years, neg, col("_repeat"), "person_id", "start_date"));
    }

    /**
     * Children starting a (non-short-break) period of care in a 903 year whose first neglect
     * identification is before the care start: period columns, person_id, care_start (the child's first
     * care start in the year), first_neglect.
     */
    public static Dataset<Row> neglectedCareEntrants(Dataset<Row> years903, Dataset<Row> claPeriod, Dataset<Row> firstNeglect) {
        Dataset<Row> starts = claPeriod.filter(coalesce(col("is_short_break"), lit(false)).equalTo(false));
        return during(years903, starts, "start_date")
                .groupBy(pcols("person_id")).agg(functions.min("start_date").as("care_start"))
                .join(firstNeglect, seq("la_code", "person_id"))
                .filter(col("first_neglect").lt(col("care_start")));
    }

    /**
     * {@code neglect_late_care_entry}: of children starting a period of care in the year whose neglect was
     * identified before the care start, those identified 2 years or more before it (first neglect + 24
     * calendar months <= care start). 903 years only; short breaks excluded.
     */
    public static Dataset<Row> neglectLateCareEntry(Dataset<Row> entrants, Dataset<Row> years903) {
        return Trends.percentRows("neglect_late_care_entry", numDen(years903, entrants,
                add_months(col("first_neglect"), 24).leq(col("care_start")), "person_id"));
    }

    /**
     * {@code neglect_prior_referrals}: of the same children, the median number of referrals (NFA included,
     * any year held) with CINreferralDate before the care start. numerator = the number of children; unit
     * {@value #MEDIAN}: the value is a statistic (1 dp), neither rounded nor suppressed as a count of children.
     */
    public static Dataset<Row> neglectPriorReferrals(Dataset<Row> entrants, Dataset<Row> referral, Dataset<Row> years903) {
        Dataset<Row> refs = referral.select(col("la_code").as("_r_la"), col("person_id").as("_r_person"),
                col("referral_date")).dropDuplicates();
        Dataset<Row> perChild = entrants.join(refs, col("la_code").equalTo(col("_r_la"))
                        .and(col("person_id").equalTo(col("_r_person")))
                        .and(col("referral_date").lt(col("care_start"))), "left")
                .groupBy(pcols("person_id")).agg(functions.count(col("referral_date")).as("_prior"));
        Dataset<Row> agg = perChild.groupBy(pcols())
                .agg(functions.count(lit(1)).as("n"), median1dp(col("_prior")).as("value"));
        return years903.select(pcols()).join(agg, pseq(), "left")
                .withColumn("measure_id", lit("neglect_prior_referrals"))
                .withColumn("numerator", coalesce(col("n"), lit(0L)))
                .withColumn("denominator", lit(null).cast("long"))
                .withColumn("unit", lit(MEDIAN))
                .drop("n");
    }
}
