package csc.lakehouse.measures;

import csc.lakehouse.spec.CodeLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.CinMeasureSupport.count;
import static csc.lakehouse.measures.Periods.duringInReturn;
import static csc.lakehouse.measures.CinMeasureSupport.notNfa;
import static csc.lakehouse.measures.CinMeasureSupport.numDen;
import static csc.lakehouse.measures.Periods.openAtInReturn;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Demand and the front door (measures.md; CIN census): {@code gold.front_door}. Each measure is a
 * static function of silver frames and periods returning rows in the {@link Trends} shape (before
 * {@link Trends#shape}); {@link #compute} composes them: counts from each year's own return, look-backs over
 * the history.
 */
public final class FrontDoorMeasures implements MeasureFamily {
    @Override
    public String name() { return "front_door"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("referrals", "referrals_rate", "rereferrals_12m", "assessments_completed",
                "assessments_45wd", "s47_enquiries", "s47_rate", "icpc_15wd", "children_open", "referrals_nfa",
                "referrals_not_in_need", "icpcs", "icpcs_rate", "icpc_s47_band",
                "referrals_by_source");
    }

    /** Measures that look back 12 months: published for year Y only when the return for Y-1 is held. */
    public static final List<String> LOOK_BACK = List.of("rereferrals_12m");

    /**
     * Counts in year Y and the snapshot at 31 March Y from return Y's own rows ({@code ctx.returnRows});
     * re-referrals look back over the history ({@code ctx.table}); as-at dates after the latest return are
     * provisional.
     */
    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.CIN_CENSUS);
        Dataset<Row> snaps = ctx.snapshots(MeasureContext.CIN_CENSUS);
        Dataset<Row> referral = ctx.returnRows("referral");
        Dataset<Row> assessment = ctx.returnRows("assessment");
        Dataset<Row> s47 = ctx.returnRows("s47_enquiry");
        Dataset<Row> rows = CinMeasureSupport.union(List.of(
                referrals(referral, years),
                ctx.rateRows("referrals_rate", referralCounts(referral, years)),
                rereferrals12m(referral, ctx.table("referral"), years),
                referralsNfa(referral, years),
                referralsNotInNeed(referral, years),
                referralSource(referral, years),
                assessmentsCompleted(assessment, years),
                assessments45wd(assessment, years),
                s47Enquiries(s47, years),
                ctx.rateRows("s47_rate", s47Counts(s47, years)),
                icpc15wd(s47, referral, years),
                icpcs(s47, referral, years),
                ctx.rateRows("icpcs_rate", icpcCounts(s47, referral, years)),
                icpcS47Band(s47, referral, years),
                childrenOpen(referral, snaps)));
        rows = ctx.withLookBack(CollectedFrom.apply(rows), MeasureContext.CIN_CENSUS, LOOK_BACK);
        return CinMeasureSupport.shapeAll(List.of(ctx.withProvisional(rows, MeasureContext.CIN_CENSUS)));
    }

    /** Period rows with {@code n} = distinct referrals (child, CINreferralDate) of the year's return dated in the year; NFA included. */
    public static Dataset<Row> referralCounts(Dataset<Row> referral, Dataset<Row> years) {
        return count(years, referralItems(referral, years), "person_id", "referral_date");
    }

    /** Referrals (child, CINreferralDate) of the year's return dated in the year, NFA included: one row each, with the period columns. */
    public static Dataset<Row> referralItems(Dataset<Row> referral, Dataset<Row> years) {
        return duringInReturn(years, referral, "referral_date").dropDuplicates(Periods.pnames("person_id", "referral_date"));
    }

    /** {@code referrals}: referrals (CINdetails) with CINreferralDate in the year (NFA referrals count). */
    public static Dataset<Row> referrals(Dataset<Row> referral, Dataset<Row> years) {
        return Trends.count("referrals", referralCounts(referral, years));
    }

    /**
     * {@code rereferrals_12m}: of {@code referrals} (return Y's referrals dated in year Y), those where the same
     * child had another referral in the history (NFA included, any earlier year held, vanished items left out)
     * with an earlier date on or after this referral's date minus 12 calendar months.
     *
     * @param referral per-return rows (the year's referrals)
     * @param history  the history view (what each referral looks back over)
     */
    public static Dataset<Row> rereferrals12m(Dataset<Row> referral, Dataset<Row> history, Dataset<Row> years) {
        Dataset<Row> inYear = duringInReturn(years, referral, "referral_date");
        Dataset<Row> earlier = history.select(col("la_code").as("_h_la"), col("person_id").as("_h_person"),
                col("referral_date").as("_h_date"));
        Dataset<Row> flagged = inYear.join(earlier, col("la_code").equalTo(col("_h_la"))
                .and(col("person_id").equalTo(col("_h_person")))
                .and(col("_h_date").lt(col("referral_date")))
                .and(col("_h_date").geq(add_months(col("referral_date"), -12))), "left");
        return Trends.percentRows("rereferrals_12m",
                numDen(years, flagged, col("_h_date").isNotNull(), "person_id", "referral_date"));
    }

    /**
     * {@code referrals_nfa}: of {@code referrals} (return Y's referrals dated in year Y), those with ReferralNFA
     * true (LAIT CIN_Refferals_NFA; DfE table C1 no_further_action_count).
     */
    public static Dataset<Row> referralsNfa(Dataset<Row> referral, Dataset<Row> years) {
        return Trends.percentRows("referrals_nfa", numDen(years, duringInReturn(years, referral, "referral_date"),
                notNfa().equalTo(false), "person_id", "referral_date"));
    }

    /** The code list of ReasonForClosure. */
    public static final String CLOSURE_REASONS = "cin_reason_for_closure";
    /** The start of the code-list labels of the DfE's "assessed as not in need" reasons (RC8, RC9). */
    public static final String CLOSED_AFTER_ASSESSMENT = "case closed after assessment";

    /** The ReasonForClosure codes whose label begins "Case closed after assessment" (RC8; RC9 from 2022-23). */
    public static List<String> assessedNotInNeedReasons() {
        return CodeLists.get().entries(CLOSURE_REASONS).stream()
                .filter(e -> e.label().toLowerCase().startsWith(CLOSED_AFTER_ASSESSMENT)).map(CodeLists.Entry::code).toList();
    }

    /**
     * {@code referrals_not_in_need}: of {@code referrals}, those that were not NFA and whose episode return Y
     * closed with a ReasonForClosure whose code-list label begins "Case closed after assessment": RC8 (no
     * further action) or RC9 (referred to early help; from 2022-23): the DfE's "assessed as not in need" (LAIT
     * Referrals_AssessedNotNeed, table C1 not_in_need_count). CIN rules 8825Q and 2990 make RC8/RC9 an episode
     * with an assessment and no further activity, so the reason alone decides.
     */
    public static Dataset<Row> referralsNotInNeed(Dataset<Row> referral, Dataset<Row> years) {
        Column notInNeed = notNfa().and(functions.coalesce(
                functions.upper(functions.trim(col("reason_for_closure"))).isin(assessedNotInNeedReasons().toArray()), lit(false)));
        return Trends.percentRows("referrals_not_in_need", numDen(years, duringInReturn(years, referral, "referral_date"),
                notInNeed, "person_id", "referral_date"));
    }

    /** The code list of ReferralSource, and the breakdown of {@code referrals_by_source}. */
    public static final String REFERRAL_SOURCES = "cin_referral_source";
    public static final String REFERRAL_SOURCE = "referral_source";
    /** LAIT's "Health service" group (RefBySource_HealthServ_%): the codes whose code-list label begins "Health". */
    public static final String HEALTH_SERVICES = "Health services";
    static final String HEALTH_LABEL = "health";

    /** The ReferralSource codes in code-list order (every year's: a code outside a year's list is x that year). */
    public static List<CodeLists.Entry> referralSources() {
        return CodeLists.get().entries(REFERRAL_SOURCES);
    }

    /** The ReferralSource codes of LAIT's health services group (3A-3F). */
    public static List<String> healthServiceSources() {
        return referralSources().stream().filter(e -> e.label().toLowerCase().startsWith(HEALTH_LABEL))
                .map(CodeLists.Entry::code).toList();
    }

    /**
     * {@code referrals_by_source}: {@code referrals} (return Y's referrals dated in the year, NFA included) by
     * ReferralSource, every code of the code list in its order, then LAIT's health services group (3A-3F, not part
     * of the 100%: it repeats its codes); each a percent of the Total (= {@code referrals}). A referral with a
     * missing or unknown code is in the Total but in no row; a code outside the year's code list (5D before
     * 2022-23) is x, not collected.
     */
    public static Dataset<Row> referralSource(Dataset<Row> referral, Dataset<Row> years) {
        Dataset<Row> items = duringInReturn(years, referral, "referral_date")
                .dropDuplicates(withPeriod("person_id", "referral_date"))
                .withColumn(REFERRAL_SOURCE, functions.upper(functions.trim(col("referral_source"))));
        List<String> codes = referralSources().stream().map(CodeLists.Entry::code).toList();
        Dataset<Row> perCode = Trends.distribution("referrals_by_source", years, items, REFERRAL_SOURCE, codes);
        Dataset<Row> health = Trends.distribution("referrals_by_source", years,
                        items.withColumn("_group", functions.when(col(REFERRAL_SOURCE).isin(healthServiceSources().toArray()),
                                lit(HEALTH_SERVICES))), "_group", List.of(HEALTH_SERVICES))
                .filter(col("breakdown").notEqual(Trends.TOTAL))
                .withColumn("breakdown", lit(REFERRAL_SOURCE));
        return CodeListBreakdowns.notCollectedOutsideYears(perCode.unionByName(health), referralSources(),
                REFERRAL_SOURCES, "referral source");
    }

    private static String[] withPeriod(String... item) {
        List<String> all = new java.util.ArrayList<>(Periods.P);
        all.addAll(List.of(item));
        return all.toArray(new String[0]);
    }

    /** {@code assessments_completed}: distinct assessments (child, start date) with AssessmentAuthorisationDate in the year. */
    public static Dataset<Row> assessmentsCompleted(Dataset<Row> assessment, Dataset<Row> years) {
        return Trends.count("assessments_completed",
                count(years, duringInReturn(years, assessment, "authorisation_date"), "person_id", "start_date"));
    }

    /**
     * {@code assessments_45wd}: of assessments authorised in the year whose AssessmentActualStartDate is
     * not after the authorisation, those authorised within 45 working days of the start (working days
     * counted from the day after the start; same day = 0). A start or end outside the bank-holiday
     * calendar's years counts as not within.
     */
    public static Dataset<Row> assessments45wd(Dataset<Row> assessment, Dataset<Row> years) {
        Dataset<Row> a = duringInReturn(years, assessment, "authorisation_date")
                .filter(col("start_date").leq(col("authorisation_date")));
        Column within = functions.coalesce(
                WorkingDays.workingDaysBetween(col("start_date"), col("authorisation_date")).leq(45), lit(false));
        return Trends.percentRows("assessments_45wd", numDen(years, a, within, "person_id", "start_date"));
    }

    /** Period rows with {@code n} = distinct S47 enquiries (child, S47ActualStartDate) starting in the period. */
    public static Dataset<Row> s47Counts(Dataset<Row> s47, Dataset<Row> years) {
        return count(years, duringInReturn(years, s47, "start_date"), "person_id", "start_date");
    }

    /** {@code s47_enquiries}: Section 47 enquiries with S47ActualStartDate (the initiating strategy discussion) in the year. */
    public static Dataset<Row> s47Enquiries(Dataset<Row> s47, Dataset<Row> years) {
        return Trends.count("s47_enquiries", s47Counts(s47, years));
    }

    /**
     * The initial child protection conferences held (a DateOfInitialCPC, on an S47 enquiry or at CINdetails level
     * for a transfer-in with no S47), one per child and ICPC date and return, each with {@code _from}: the S47
     * start (the strategy discussion), or the referral date for a CINdetails-level ICPC. An ICPC dated at both
     * levels for the same child and date is one conference, measured from the S47. ICPCs dated before their start
     * date are excluded (as assessments starting after authorisation are; the DfE's bands start at 0). An S47
     * marked ICPCnotRequired but carrying an ICPC date is counted: the conference was held. Columns: la_code,
     * person_id, icpc_date, _from, collection_year, {@link #WORKING_DAYS_TO_ICPC}.
     */
    public static Dataset<Row> icpcsHeld(Dataset<Row> s47, Dataset<Row> referral) {
        Dataset<Row> fromS47 = s47.filter(col("icpc_date").isNotNull())
                .select(col("la_code"), col("person_id"), col("icpc_date"), col("start_date").as("_from"), lit(1).as("_level"),
                        col("collection_year"));
        Dataset<Row> fromReferral = referral.filter(col("icpc_date").isNotNull())
                .select(col("la_code"), col("person_id"), col("icpc_date"), col("referral_date").as("_from"), lit(2).as("_level"),
                        col("collection_year"));
        return fromS47.unionByName(fromReferral)
                .withColumn("_rank", functions.row_number().over(Window.partitionBy(col("la_code"), col("person_id"),
                                col("icpc_date"), col("collection_year")).orderBy(col("_level"), col("_from").desc())))
                .filter(col("_rank").equalTo(1))
                .filter(col("_from").leq(col("icpc_date")))
                .withColumn(WORKING_DAYS_TO_ICPC, WorkingDays.workingDaysBetween(col("_from"), col("icpc_date")))
                .drop("_rank", "_level");
    }

    /** Working days from the S47 start (or referral) to the ICPC: a column of {@link #icpcsHeld}. */
    public static final String WORKING_DAYS_TO_ICPC = "_wd_to_icpc";

    /**
     * {@code icpc_15wd}: of initial child protection conferences held in the year ({@link #icpcsHeld}), those
     * held within 15 working days of the S47 start date (of the referral date for a CINdetails-level ICPC).
     */
    public static Dataset<Row> icpc15wd(Dataset<Row> s47, Dataset<Row> referral, Dataset<Row> years) {
        Column within = functions.coalesce(col(WORKING_DAYS_TO_ICPC).leq(15), lit(false));
        return Trends.percentRows("icpc_15wd",
                numDen(years, duringInReturn(years, icpcsHeld(s47, referral), "icpc_date"), within, "person_id", "icpc_date"));
    }

    /** Period rows with {@code n} = initial child protection conferences held in the year ({@link #icpcsHeld}). */
    public static Dataset<Row> icpcCounts(Dataset<Row> s47, Dataset<Row> referral, Dataset<Row> years) {
        return count(years, duringInReturn(years, icpcsHeld(s47, referral), "icpc_date"), "person_id", "icpc_date");
    }

    /** {@code icpcs}: initial child protection conferences held in the year (transfer-in ICPCs included). */
    public static Dataset<Row> icpcs(Dataset<Row> s47, Dataset<Row> referral, Dataset<Row> years) {
        return Trends.count("icpcs", icpcCounts(s47, referral, years));
    }

    /** The DfE's bands of working days from the S47 start to the ICPC (table C4, LAIT 10_ICPC .. 21_ICPC). */
    public static final List<String> ICPC_BANDS = List.of("0-10", "11-15", "16-20", "21+");
    public static final String ICPC_BAND = "working_days_band";

    /**
     * {@code icpc_s47_band}: the ICPCs held in the year ({@code icpcs}) by working days from the S47 start (the
     * referral date for a transfer-in) to the conference: {@code 0-10}, {@code 11-15}, {@code 16-20}, {@code 21+}.
     * Total row = the ICPCs (count); band rows = percent of it. The bands 0-10 and 11-15 are {@code icpc_15wd}'s
     * numerator.
     */
    public static Dataset<Row> icpcS47Band(Dataset<Row> s47, Dataset<Row> referral, Dataset<Row> years) {
        Column wd = col(WORKING_DAYS_TO_ICPC);
        // one row per conference already (icpcsHeld keeps one per child, date and return)
        Dataset<Row> items = duringInReturn(years, icpcsHeld(s47, referral), "icpc_date")
                .withColumn(ICPC_BAND, functions.when(wd.leq(10), lit(ICPC_BANDS.get(0)))
                        .when(wd.leq(15), lit(ICPC_BANDS.get(1)))
                        .when(wd.leq(20), lit(ICPC_BANDS.get(2)))
                        .otherwise(lit(ICPC_BANDS.get(3))));
        return Trends.distribution("icpc_s47_band", years, items, ICPC_BAND, ICPC_BANDS);
    }

    /**
     * {@code children_open} (snapshot): distinct children with a CIN episode open at the date (referral
     * date <= A and closure empty or after A). NFA referrals are never open episodes.
     */
    public static Dataset<Row> childrenOpen(Dataset<Row> referral, Dataset<Row> snapshots) {
        Dataset<Row> open = openAtInReturn(snapshots, referral.filter(notNfa()), "referral_date", "closure_date");
        return Trends.count("children_open", count(snapshots, open, "person_id"));
    }
}
