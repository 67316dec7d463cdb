package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.CinMeasureSupport.count;
import static csc.lakehouse.measures.Periods.duringInReturn;
import static csc.lakehouse.measures.Periods.openAtInReturn;
import static csc.lakehouse.measures.CinMeasureSupport.monthBand;
import static csc.lakehouse.measures.CinMeasureSupport.notNfa;
import static csc.lakehouse.measures.CinMeasureSupport.numDen;
import static csc.lakehouse.measures.CinMeasureSupport.pcols;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Children in need and child protection (measures.md; CIN census): {@code gold.cin_cp}. Snapshot
 * measures use {@code ctx.snapshots("cin_census")} (31 March of each complete year, --as-at, monthly
 * month ends); the others {@code ctx.reportingYears("cin_census")}.
 */
public final class ChildProtectionMeasures implements MeasureFamily {
    public static final String DURATION_BAND = "duration_band";
    public static final List<String> CIN_BANDS = List.of("<3m", "3-<6m", "6-<12m", "12-<24m", "24m+");
    public static final List<String> CIN_PLAN_BANDS = List.of("<9m", "9-<12m", "12-<24m", "24m+");
    public static final List<String> CPP_BANDS = CIN_BANDS;
    public static final String CPP_11M = "11m+";
    public static final List<String> CATEGORIES = List.of("NEG", "EMO", "PHY", "SAB", "MUL");

    @Override
    public String name() { return "cin_cp"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("cin_31mar", "cin_31mar_rate", "cin_open_duration", "cin_plan_duration",
                "cpp_starts", "cpp_starts_rate", "cpp_31mar", "cpp_31mar_rate", "cpp_repeat", "cpp_duration",
                "cpp_ended_2yr", "cpp_category", "cpp_reviewed_in_timescale", "cpp_ended_duration", "cin_ended_duration");
    }

    /** Measures that look back (a repeat plan): published for year Y only when the return for Y-1 is held. */
    public static final List<String> LOOK_BACK = List.of("cpp_repeat");

    /**
     * Counts in year Y and the snapshot at 31 March Y from return Y's own rows ({@code ctx.returnRows});
     * repeat plans look back over the history ({@code ctx.table}); CIN plan durations before CINPlanDates were
     * collected ({@code data-schemas/collected_from.yaml}) are {@code x}; as-at dates after the latest return
     * are provisional.
     */
    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYearsToDate(MeasureContext.CIN_CENSUS);
        Dataset<Row> snaps = ctx.snapshots(MeasureContext.CIN_CENSUS);
        Dataset<Row> referral = ctx.returnRows("referral");
        Dataset<Row> cinPlan = ctx.returnRows("cin_plan");
        Dataset<Row> cp = ctx.returnRows("cp_plan");
        Dataset<Row> rows = CinMeasureSupport.union(List.of(
                cin31mar(referral, snaps),
                ctx.rateRows("cin_31mar_rate", cinOpenCounts(referral, snaps)),
                cinOpenDuration(referral, snaps),
                cinPlanDuration(cinPlan, snaps),
                cppStarts(cp, years),
                ctx.rateRows("cpp_starts_rate", cppStartCounts(cp, years)),
                cpp31mar(cp, snaps),
                ctx.rateRows("cpp_31mar_rate", cppOpenCounts(cp, snaps)),
                cppRepeat(cp, ctx.table("cp_plan"), years),
                cppDuration(cp, snaps),
                cppEnded2yr(cp, years),
                cppCategory(cp, years),
                cppReviewedInTimescale(cp, ctx.returnRows("cp_review"), snaps, ReviewTimescales.load()),
                cppEndedDuration(cp, years),
                cinEndedDuration(referral, years)));
        rows = notCollected(rows);
        rows = ctx.withLookBack(rows, MeasureContext.CIN_CENSUS, LOOK_BACK);
        return CinMeasureSupport.shapeAll(List.of(ctx.withProvisional(rows, MeasureContext.CIN_CENSUS)));
    }

    /**
     * Measures over items or codes a census could not hold yet are {@code x}, not 0 (CIN plans before the first
     * census holding CINPlanDates): the rules of data-schemas/collected_from.yaml ({@link CollectedFrom}).
     */
    static Dataset<Row> notCollected(Dataset<Row> rows) {
        return CollectedFrom.apply(rows);
    }

    // ---- children in need -------------------------------------------------------------------------

    /** Snapshot rows with {@code n} = CIN episodes open at the date (NFA referrals never open). */
    public static Dataset<Row> cinOpenCounts(Dataset<Row> referral, Dataset<Row> snaps) {
        return count(snaps, cinOpenItems(referral, snaps), "person_id", "referral_date");
    }

    /** The CIN episodes open at each snapshot (NFA referrals never open): one row per episode, with the period columns. */
    public static Dataset<Row> cinOpenItems(Dataset<Row> referral, Dataset<Row> snaps) {
        return openAtInReturn(snaps, referral.filter(notNfa()), "referral_date", "closure_date")
                .dropDuplicates(Periods.pnames("person_id", "referral_date"));
    }

    /** {@code cin_31mar} (snapshot): CIN episodes, not children, open at the date (DfE At31_episodes). */
    public static Dataset<Row> cin31mar(Dataset<Row> referral, Dataset<Row> snaps) {
        return Trends.count("cin_31mar", cinOpenCounts(referral, snaps));
    }

    /**
     * {@code cin_open_duration} (snapshot): open CIN episodes by calendar months from the referral date to
     * the snapshot date A: {@code <3m}, {@code 3-<6m}, {@code 6-<12m}, {@code 12-<24m}, {@code 24m+}
     * (band "m or more" when referral + m months <= A). Total row = episodes; band rows = percent.
     */
    public static Dataset<Row> cinOpenDuration(Dataset<Row> referral, Dataset<Row> snaps) {
        Dataset<Row> items = cinOpenItems(referral, snaps)
                .withColumn(DURATION_BAND, monthBand(col("referral_date"), col("period_end"),
                        new int[]{3, 6, 12, 24}, CIN_BANDS.toArray(new String[0])));
        return Trends.distribution("cin_open_duration", snaps, items, DURATION_BAND, CIN_BANDS);
    }

    /**
     * {@code cin_plan_duration} (snapshot): children on an open CIN plan at A by calendar months since the
     * plan started: {@code <9m}, {@code 9-<12m}, {@code 12-<24m}, {@code 24m+}; percent of all children on
     * open CIN plans. A child with two open plans (invalid, CIN rule 4004) counts once, by the latest start.
     */
    public static Dataset<Row> cinPlanDuration(Dataset<Row> cinPlan, Dataset<Row> snaps) {
        Dataset<Row> items = cinPlanOpenItems(cinPlan, snaps)
                .withColumn(DURATION_BAND, monthBand(col("start_date"), col("period_end"),
                        new int[]{9, 12, 24}, CIN_PLAN_BANDS.toArray(new String[0])));
        return Trends.distribution("cin_plan_duration", snaps, items, DURATION_BAND, CIN_PLAN_BANDS);
    }

    /** Children on an open CIN plan at each snapshot, once each (by the latest start): period columns, person_id, start_date. */
    public static Dataset<Row> cinPlanOpenItems(Dataset<Row> cinPlan, Dataset<Row> snaps) {
        return openAtInReturn(snaps, cinPlan, "start_date", "end_date")
                .groupBy(pcols("person_id")).agg(functions.max("start_date").as("start_date"));
    }

    // ---- child protection ------------------------------------------------------------------------

    /** Period rows with {@code n} = distinct CP plans (child, CPPstartDate) starting in the year. */
    public static Dataset<Row> cppStartCounts(Dataset<Row> cp, Dataset<Row> years) {
        return count(years, cppStartItems(cp, years), "person_id", "start_date");
    }

    /** CP plans (child, CPPstartDate) of the year's return starting in the year: one row each, with the period columns. */
    public static Dataset<Row> cppStartItems(Dataset<Row> cp, Dataset<Row> years) {
        return duringInReturn(years, cp, "start_date").dropDuplicates(Periods.pnames("person_id", "start_date"));
    }

    /** {@code cpp_starts}: CP plans starting in the year. */
    public static Dataset<Row> cppStarts(Dataset<Row> cp, Dataset<Row> years) {
        return Trends.count("cpp_starts", cppStartCounts(cp, years));
    }

    /** Snapshot rows with {@code n} = CP plans open at the date (start <= A, end empty or > A). */
    public static Dataset<Row> cppOpenCounts(Dataset<Row> cp, Dataset<Row> snaps) {
        return count(snaps, cppOpenItems(cp, snaps), "person_id", "start_date");
    }

    /** CP plans open at each snapshot: one row per plan (child, CPPstartDate), with the period columns. */
    public static Dataset<Row> cppOpenItems(Dataset<Row> cp, Dataset<Row> snaps) {
        return openAtInReturn(snaps, cp, "start_date", "end_date").dropDuplicates(Periods.pnames("person_id", "start_date"));
    }

    /** {@code cpp_31mar} (snapshot): CP plans open at the date. */
    public static Dataset<Row> cpp31mar(Dataset<Row> cp, Dataset<Row> snaps) {
        return Trends.count("cpp_31mar", cppOpenCounts(cp, snaps));
    }

    /**
     * CP plans with {@code _repeat}: a second or subsequent plan, i.e. NumberOfPreviousCPP >= 1 or an
     * earlier CP plan (earlier CPPstartDate) of the same child in the same LA anywhere in the history.
     */
    static Dataset<Row> withRepeat(Dataset<Row> cp) {
        Column firstStart = functions.min("start_date").over(Window.partitionBy("la_code", "person_id"));
        return cp.withColumn("_repeat", coalesce(col("number_of_previous_cpp").geq(1), lit(false))
                .or(firstStart.lt(col("start_date"))));
    }

    /**
     * {@code cpp_repeat}: of {@code cpp_starts} (return Y's plans starting in year Y), those that are a second or
     * subsequent plan: NumberOfPreviousCPP >= 1, or an earlier CP plan of the same child in the history.
     *
     * @param cp      per-return rows (the year's starts)
     * @param history the history view (earlier plans)
     */
    public static Dataset<Row> cppRepeat(Dataset<Row> cp, Dataset<Row> history, Dataset<Row> years) {
        return Trends.percentRows("cpp_repeat", numDen(years, cppStartsFlaggedRepeat(cp, history, years),
                col(REPEAT), "person_id", "start_date"));
    }

    /** Column of {@link #cppStartsFlaggedRepeat}: the plan is a second or subsequent one. */
    public static final String REPEAT = "_is_repeat";

    /**
     * The year's CP plan starts, each with {@link #REPEAT}: NumberOfPreviousCPP >= 1 or an earlier plan of the child
     * in the history. A start may appear on several rows (one per earlier plan): count distinct (person_id, start_date).
     */
    public static Dataset<Row> cppStartsFlaggedRepeat(Dataset<Row> cp, Dataset<Row> history, Dataset<Row> years) {
        Dataset<Row> starts = duringInReturn(years, cp, "start_date");
        Dataset<Row> earlier = history.select(col("la_code").as("_h_la"), col("person_id").as("_h_person"),
                col("start_date").as("_h_start"));
        Dataset<Row> flagged = starts.join(earlier, col("la_code").equalTo(col("_h_la"))
                .and(col("person_id").equalTo(col("_h_person"))).and(col("_h_start").lt(col("start_date"))), "left");
        Column repeat = coalesce(col("number_of_previous_cpp").geq(1), lit(false)).or(col("_h_start").isNotNull());
        return flagged.withColumn(REPEAT, repeat);
    }

    /**
     * {@code cpp_duration} (snapshot): open CP plans by calendar months since CPPstartDate: {@code <3m},
     * {@code 3-<6m}, {@code 6-<12m}, {@code 12-<24m}, {@code 24m+}, plus an {@code 11m+} row (start + 11
     * months <= A; numerator/denominator = plans 11m+/all open plans) that is not part of the bands' 100%.
     */
    public static Dataset<Row> cppDuration(Dataset<Row> cp, Dataset<Row> snaps) {
        Dataset<Row> items = cppOpenItems(cp, snaps)
                .withColumn(DURATION_BAND, monthBand(col("start_date"), col("period_end"),
                        new int[]{3, 6, 12, 24}, CPP_BANDS.toArray(new String[0])));
        Dataset<Row> bands = Trends.distribution("cpp_duration", snaps, items, DURATION_BAND, CPP_BANDS);
        Dataset<Row> over11 = numDen(snaps, items, add_months(col("start_date"), 11).leq(col("period_end")),
                "person_id", "start_date")
                .withColumn("measure_id", lit("cpp_duration"))
                .withColumn("breakdown", lit(DURATION_BAND))
                .withColumn("breakdown_value", lit(CPP_11M))
                .withColumn("numerator", col("num"))
                .withColumn("denominator", col("den"))
                .withColumn("value", when(col("den").gt(0), Trends.percent(col("num"), col("den"))).otherwise(lit(0.0)))
                .withColumn("unit", lit("percent"))
                .drop("num", "den", "reporting_year");
        return bands.unionByName(over11, true);
    }

    /**
     * {@code cpp_ended_2yr}: of CP plans with CPPendDate in the year, those that lasted 2 years or more
     * (start + 24 calendar months <= end).
     */
    public static Dataset<Row> cppEnded2yr(Dataset<Row> cp, Dataset<Row> years) {
        Dataset<Row> ended = duringInReturn(years, cp.filter(col("end_date").isNotNull()), "end_date");
        return Trends.percentRows("cpp_ended_2yr", numDen(years, ended,
                add_months(col("start_date"), 24).leq(col("end_date")), "person_id", "start_date"));
    }

    /**
     * {@code cpp_category}: CP plans starting in the year by InitialCategoryOfAbuse
     * ({@code category_of_abuse} = NEG, EMO, PHY, SAB, MUL). Total row = all starts (a plan with a missing
     * or other category is in the Total but in no category row).
     */
    public static Dataset<Row> cppCategory(Dataset<Row> cp, Dataset<Row> years) {
        Dataset<Row> items = duringInReturn(years, cp, "start_date")
                .dropDuplicates(Periods.pnames("person_id", "start_date"))
                .withColumn("category_of_abuse", functions.upper(functions.trim(col("initial_category"))));
        return Trends.distribution("cpp_category", years, items, "category_of_abuse", CATEGORIES);
    }

    /**
     * {@code cpp_reviewed_in_timescale} (snapshot; the DfE's table D6, LAIT RevCP): of CP plans open at the date
     * that began at least 3 months before it (start + 3 calendar months <= A), those whose reviews were all held
     * in timescale: the first review (CPPreviewDate) within 3 months of the plan's start (the ICPC, CIN rule 2885)
     * and each later one within 6 months of the one before (date <= previous + 6 calendar months), and the next
     * review not overdue at A (the last review, or the start if none, + 6 months, or + 3 months, >= A). Reviews
     * are the plan's reviews in the same return as the plan, dated after its start (rule 8841) and on or before A.
     * The 3 and 6 months are {@code review_timescales} in targets.yaml (Working Together).
     *
     * @param reviews per-return silver cp_review rows
     */
    public static Dataset<Row> cppReviewedInTimescale(Dataset<Row> cp, Dataset<Row> reviews, Dataset<Row> snaps,
                                                      ReviewTimescales ts) {
        int first = ts.cpFirstReviewMonths(), then = ts.cpReviewMonths();
        Dataset<Row> due = openAtInReturn(snaps, cp, "start_date", "end_date")
                .filter(add_months(col("start_date"), first).leq(col("period_end")))
                .select(pcols("person_id", "start_date", "collection_year"))
                .dropDuplicates(Periods.pnames("person_id", "start_date"));
        Dataset<Row> r = reviews.select(col("la_code").as("_r_la"), col("person_id").as("_r_person"),
                col("cp_start_date").as("_r_start"), col("review_date"), col("collection_year").as("_r_year")).distinct();
        Dataset<Row> withReviews = due.join(r, col("la_code").equalTo(col("_r_la"))
                .and(col("person_id").equalTo(col("_r_person"))).and(col("start_date").equalTo(col("_r_start")))
                .and(col("collection_year").eqNullSafe(col("_r_year")))
                .and(col("review_date").gt(col("start_date"))).and(col("review_date").leq(col("period_end"))), "left");
        Column previous = functions.lag(col("review_date"), 1)
                .over(Window.partitionBy(pcols("person_id", "start_date")).orderBy(col("review_date")));
        Column dueBy = when(previous.isNull(), add_months(col("start_date"), first)).otherwise(add_months(previous, then));
        Dataset<Row> plans = withReviews
                .withColumn("_late", when(col("review_date").gt(dueBy), lit(1)).otherwise(lit(0)))
                .groupBy(pcols("person_id", "start_date"))
                .agg(functions.max("_late").as("_any_late"), functions.max("review_date").as("_last"));
        Column nextDue = when(col("_last").isNull(), add_months(col("start_date"), first))
                .otherwise(add_months(col("_last"), then));
        Column inTimescale = col("_any_late").equalTo(0).and(nextDue.geq(col("period_end")));
        return Trends.percentRows("cpp_reviewed_in_timescale",
                numDen(snaps, plans, inTimescale, "person_id", "start_date"));
    }

    /**
     * {@code cpp_ended_duration}: CP plans with CPPendDate in the year (return Y's) by calendar months from
     * CPPstartDate to CPPendDate: {@code <3m}, {@code 3-<6m}, {@code 6-<12m}, {@code 12-<24m}, {@code 24m+} (band
     * "m or more" when start + m months <= end; the {@code 24m+} row is {@code cpp_ended_2yr}). Total row = plans
     * ended (count); band rows = percent (the DfE's table D7).
     */
    public static Dataset<Row> cppEndedDuration(Dataset<Row> cp, Dataset<Row> years) {
        Dataset<Row> items = duringInReturn(years, cp.filter(col("end_date").isNotNull()), "end_date")
                .dropDuplicates(Periods.pnames("person_id", "start_date"))
                .withColumn(DURATION_BAND, monthBand(col("start_date"), col("end_date"),
                        new int[]{3, 6, 12, 24}, CPP_BANDS.toArray(new String[0])));
        return Trends.distribution("cpp_ended_duration", years, items, DURATION_BAND, CPP_BANDS);
    }

    /**
     * {@code cin_ended_duration}: CIN episodes (not NFA) with CINclosureDate in the year (return Y's) by calendar
     * months from CINreferralDate to the closure: {@code <3m}, {@code 3-<6m}, {@code 6-<12m}, {@code 12-<24m},
     * {@code 24m+}. Total row = episodes ended (count); band rows = percent (the DfE's table B5, "duration of
     * episodes of need ending in the year", LAIT CINCease*).
     */
    public static Dataset<Row> cinEndedDuration(Dataset<Row> referral, Dataset<Row> years) {
        Dataset<Row> items = duringInReturn(years, referral.filter(notNfa()).filter(col("closure_date").isNotNull()),
                        "closure_date")
                .dropDuplicates(Periods.pnames("person_id", "referral_date"))
                .withColumn(DURATION_BAND, monthBand(col("referral_date"), col("closure_date"),
                        new int[]{3, 6, 12, 24}, CIN_BANDS.toArray(new String[0])));
        return Trends.distribution("cin_ended_duration", years, items, DURATION_BAND, CIN_BANDS);
    }
}
