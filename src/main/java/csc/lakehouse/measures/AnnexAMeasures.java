package csc.lakehouse.measures;

import csc.lakehouse.spec.AnnexASpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static csc.lakehouse.measures.Periods.numDen;
import static csc.lakehouse.measures.Periods.pcols;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * What councils read from an Ofsted Annex A workbook the way the ChAT does (issue 15): caseloads by worker and
 * team from the Allocated Worker and Allocated Team columns; the front door's conversion from contacts (List 1) to
 * early help (List 2) and to referral (List 3); children on CP plans (List 7) and looked after (List 8) visited and
 * reviewed within timescale, and looked-after children with a health assessment in date, from the latest dates the
 * lists carry (timescales: {@code ssd_timescales} and {@code review_timescales} in data-schemas/targets.yaml). They
 * need nothing but one workbook, since a council may hold nothing else for the current year.
 *
 * <p>A workbook is a snapshot of the months up to the date it was run, not a reporting year: each measure is one
 * {@code As at date} row per LA, for its latest workbook (the collection year of the newest workbook held), dated
 * at the latest date that workbook holds (the date ingest dated it by: dates after 31 March of its collection year
 * are typos there and are ignored here too). Only the latest workbook is measured because an earlier workbook's
 * rows that a later one re-lists belong to the later one in silver (the later return wins its keys), so an earlier
 * workbook is no longer whole. A measure whose columns the workbook does not fill is not published and its note
 * says why, never a zero.
 */
public final class AnnexAMeasures implements MeasureFamily {
    /** The source name of Annex A workbooks in silver.returns_held. */
    public static final String SOURCE = "annex_a";

    @Override
    public String name() { return "annex_a"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("annex_a_unallocated", "annex_a_caseload_per_worker",
                "annex_a_workers_over_caseload_target", "annex_a_teams_over_caseload_target",
                "annex_a_contacts_to_referral", "annex_a_contacts_to_early_help",
                "annex_a_cp_visits_in_timescale", "annex_a_cla_visits_in_timescale",
                "annex_a_cp_reviews_in_timescale", "annex_a_cla_reviews_in_timescale",
                "annex_a_cla_health_assessment_in_date", "annex_a_pathway_plans_reviewed");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        // one small job (a row per LA): the as-at frame is then local, as the context's periods are, so the measures'
        // joins broadcast it without re-running the aggregation over the nine lists for each of them
        Dataset<Row> dated = asAtDates(latestWorkbooks(ctx), listDates(ctx));
        Dataset<Row> snap = ctx.spark().createDataFrame(dated.collectAsList(), dated.schema());
        double target = SsdCaseHistoryMeasures.Timescales.load().caseloadTargetPerFte();
        Dataset<Row> children = openChildren(snap, ctx.table("annex_a_children_in_care"),
                ctx.table("annex_a_child_protection"), ctx.table("annex_a_children_in_need"),
                ctx.table("annex_a_assessments"));
        List<Dataset<Row>> parts = new ArrayList<>(caseloads(snap, children, target));
        parts.add(conversion("annex_a_contacts_to_referral", snap, ctx.table("annex_a_contacts"),
                ctx.table("annex_a_referrals"), "referral_date", "List 3 (referrals)"));
        parts.add(conversion("annex_a_contacts_to_early_help", snap, ctx.table("annex_a_contacts"),
                ctx.table("annex_a_early_help"), "assessment_start_date", "List 2 (early help assessments)"));
        SsdCaseHistoryMeasures.Timescales visits = SsdCaseHistoryMeasures.Timescales.load();
        ReviewTimescales reviews = ReviewTimescales.load();
        Dataset<Row> cp = ctx.table("annex_a_child_protection");
        Dataset<Row> cla = ctx.table("annex_a_children_in_care");
        parts.add(cpVisits(snap, cp, visits.cpVisitWorkingDays()));
        parts.add(claVisits(snap, cla, visits));
        parts.add(cpReviews(snap, cp, reviews));
        parts.add(claReviews(snap, cla, reviews));
        parts.add(claHealthAssessments(snap, cla, reviews));
        parts.add(pathwayPlans(snap, ctx.table("annex_a_care_leavers"), reviews));
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i), true);
        return Trends.shape(all);
    }

    // ---------------------------------------------------------------- the workbook's as-at date

    /** (la_code, return_year): the collection year of the latest Annex A workbook held per LA. */
    static Dataset<Row> latestWorkbooks(MeasureContext ctx) {
        List<Row> rows = new ArrayList<>();
        for (String la : ctx.las(SOURCE)) {
            Integer y = ctx.latestReturn(la, SOURCE);
            if (y != null) rows.add(RowFactory.create(la, y));
        }
        return ctx.spark().createDataFrame(rows, new StructType().add("la_code", DataTypes.StringType)
                .add("return_year", DataTypes.IntegerType));
    }

    /** (la_code, collection_year, d): the latest date of each row of every list, over the lists' date columns. */
    static Dataset<Row> listDates(MeasureContext ctx) {
        Dataset<Row> all = null;
        for (AnnexASpec.ListSpec l : AnnexASpec.get().lists) {
            if (l.silver_table == null) continue;
            List<Column> dates = new ArrayList<>();
            // dates after 31 March of the row's collection year are typos ingest did not date the workbook by
            Column yearEnd = functions.make_date(col("collection_year"), lit(3), lit(31));
            for (AnnexASpec.Column c : l.columns) {
                if ("date".equals(c.type)) dates.add(when(col(c.silverName()).leq(yearEnd), col(c.silverName())));
            }
            if (dates.isEmpty()) continue;
            Column latest = dates.size() == 1 ? dates.get(0) : functions.greatest(dates.toArray(new Column[0]));
            Dataset<Row> d = ctx.table(l.silver_table).select(col("la_code"), col("collection_year"), latest.as("d"));
            all = all == null ? d : all.unionByName(d);
        }
        return all;
    }

    /**
     * The as-at period of each LA's latest workbook: the latest date among its rows ({@code dates}: la_code,
     * collection_year, d), as an {@code As at date} row (period_start = period_end = the date) carrying
     * {@code return_year}, the collection year whose rows serve it. An LA whose workbook holds no date gets no row.
     */
    public static Dataset<Row> asAtDates(Dataset<Row> workbooks, Dataset<Row> dates) {
        Dataset<Row> latest = dates.groupBy(col("la_code").as("_dla"), col("collection_year").as("_dyear"))
                .agg(functions.max("d").as("_asat"));
        return workbooks.join(latest, col("la_code").equalTo(col("_dla")).and(col("return_year").equalTo(col("_dyear"))))
                .filter(col("_asat").isNotNull())
                .select(col("la_code"), functions.date_format(col("_asat"), "yyyy-MM-dd").as("time_period"),
                        lit(Periods.AS_AT_DATE).as("time_identifier"), col("_asat").as("period_start"),
                        col("_asat").as("period_end"), Periods.reportingYear(col("_asat")).as("reporting_year"),
                        col("return_year"));
    }

    /** The latest workbook's rows of a list (collection_year = the period's return_year), with the period columns. */
    static Dataset<Row> inWorkbook(Dataset<Row> snap, Dataset<Row> list) {
        return list.join(snap.select(pcols("return_year")), Periods.seq("la_code"))
                .filter(col("collection_year").equalTo(col("return_year"))).drop("return_year");
    }

    static Column workbookNote(String what) {
        return functions.concat(lit("Annex A workbook as at "), col("time_period"),
                lit(" (the latest date it holds): " + what));
    }

    // ---------------------------------------------------------------- caseloads

    /**
     * Children open at the as-at date with their allocation: the rows open at the date of List 8 (looked after: no
     * Date Ceased, or later), List 7 (CP plan: no end date, or later), List 6 (CIN: no closure date, or later) and List 4
     * (assessment not yet authorised), one per child: the child's allocated worker and team are those of the first of
     * these lists, in that order (List 6's Case Status order: looked after, then CP plan, CIN plan, open assessment),
     * that gives a worker, else of the first list that holds the child. Output: period columns, person_id,
     * allocated_worker, allocated_team.
     */
    public static Dataset<Row> openChildren(Dataset<Row> snap, Dataset<Row> cla, Dataset<Row> cp, Dataset<Row> cin,
                                            Dataset<Row> assessments) {
        Dataset<Row> open = open(snap, cla, "cla_start_date", "cla_end_date", 1)
                .unionByName(open(snap, cp, "cpp_start_date", "cpp_end_date", 2))
                .unionByName(open(snap, cin, "cin_start_date", "cin_closure_date", 3))
                .unionByName(open(snap, assessments, "assessment_start_date", "assessment_authorised_date", 4));
        Column[] part = pcols("person_id");
        return open.withColumn("_rank", functions.row_number().over(Window.partitionBy(part)
                        .orderBy(col("allocated_worker").isNull(), col("_list"), col("allocated_team").isNull())))
                .filter(col("_rank").equalTo(1)).select(pcols("person_id", "allocated_worker", "allocated_team"));
    }

    private static Dataset<Row> open(Dataset<Row> snap, Dataset<Row> list, String start, String end, int order) {
        return inWorkbook(snap, list)
                .filter(col(start).leq(col("period_end")).and(col(end).isNull().or(col(end).gt(col("period_end")))))
                .select(pcols("person_id", "allocated_worker", "allocated_team"))
                .withColumn("_list", lit(order));
    }

    /**
     * The caseload measures at the as-at date, from the open children ({@link #openChildren}):
     * <ul>
     *   <li>{@code annex_a_unallocated}: of children open, those with no allocated worker;</li>
     *   <li>{@code annex_a_caseload_per_worker}: children with an allocated worker / distinct allocated workers, one
     *       decimal (numerator, denominator);</li>
     *   <li>{@code annex_a_workers_over_caseload_target}: of allocated workers, those holding more children than the
     *       council's caseload target (Annex A has no FTE: children held, not per FTE);</li>
     *   <li>{@code annex_a_teams_over_caseload_target}: of allocated teams with allocated workers, those whose
     *       children per worker (their children with a worker / their distinct workers) is over the target.</li>
     * </ul>
     * Where no open child has an allocated worker (team) the workbook's lists do not give the column: the worker
     * (team) measures are not published and their note says so.
     */
    public static List<Dataset<Row>> caseloads(Dataset<Row> snap, Dataset<Row> children, double target) {
        Dataset<Row> given = children.groupBy(pcols()).agg(
                functions.count(col("allocated_worker")).as("_workers_given"),
                functions.count(col("allocated_team")).as("_teams_given"));
        Dataset<Row> allocated = children.filter(col("allocated_worker").isNotNull());
        Dataset<Row> perWorker = allocated.groupBy(pcols("allocated_worker"))
                .agg(functions.count_distinct(col("person_id")).as("_children"));
        Dataset<Row> perTeam = allocated.filter(col("allocated_team").isNotNull()).groupBy(pcols("allocated_team"))
                .agg(functions.count_distinct(col("person_id")).as("_children"),
                        functions.count_distinct(col("allocated_worker")).as("_workers"));

        Dataset<Row> unallocated = Trends.percentRows("annex_a_unallocated",
                numDen(snap, children, col("allocated_worker").isNull(), "person_id"));
        Dataset<Row> sums = numDen(snap, perWorker, lit(true), "allocated_worker")
                .join(perWorker.groupBy(pcols()).agg(functions.sum("_children").as("_held")), Periods.pseq(), "left");
        Dataset<Row> mean = sums.withColumn("measure_id", lit("annex_a_caseload_per_worker"))
                .withColumn("numerator", coalesce(col("_held"), lit(0L)).cast("long"))
                .withColumn("denominator", col("den").cast("long"))
                .withColumn("value", when(col("den").gt(0), functions.round(col("_held").cast("double").divide(col("den")), 1)))
                .withColumn("unit", lit("mean")).drop("num", "den", "_held");
        Dataset<Row> workersOver = Trends.percentRows("annex_a_workers_over_caseload_target",
                numDen(snap, perWorker, col("_children").gt(target), "allocated_worker"));
        Dataset<Row> teamsOver = Trends.percentRows("annex_a_teams_over_caseload_target",
                numDen(snap, perTeam, col("_children").divide(col("_workers")).gt(target), "allocated_team"));

        String targetText = target == Math.rint(target) ? String.valueOf((long) target) : String.valueOf(target);
        List<Dataset<Row>> out = new ArrayList<>();
        for (Dataset<Row> rows : List.of(unallocated, mean, workersOver, teamsOver)) {
            Dataset<Row> r = rows.join(given, Periods.pseq(), "left")
                    .withColumn("note", workbookNote("children open on Lists 8, 7, 6 and 4; caseload target "
                            + targetText + " children per worker (data-schemas/targets.yaml)"));
            Column teamMeasure = col("measure_id").equalTo("annex_a_teams_over_caseload_target");
            r = Trends.notPublished(r, coalesce(col("_workers_given"), lit(0L)).equalTo(0),
                    functions.concat(lit("no open child on the Annex A workbook as at "), col("time_period"),
                            lit(" has an Allocated Worker: the lists do not give the column")));
            r = Trends.notPublished(r, teamMeasure.and(coalesce(col("_teams_given"), lit(0L)).equalTo(0)),
                    functions.concat(lit("no open child on the Annex A workbook as at "), col("time_period"),
                            lit(" has an Allocated Team: the lists do not give the column")));
            out.add(r.drop("_workers_given", "_teams_given"));
        }
        return out;
    }

    // ---------------------------------------------------------------- the front door: List 1 to Lists 2 and 3

    /**
     * {@code measureId}: of the contacts the workbook lists (List 1; one per child and Date of Contact, on or before
     * the as-at date), those followed by an item of {@code next} (List 3 referrals, List 2 early help assessments)
     * for the same child dated on or after the contact and before the child's next contact: each item is credited to
     * the latest contact before it. A contact near the as-at date may not have been converted yet. Not published
     * when the workbook lists no contacts, or no item of {@code next} at all ({@code nextList} names the list).
     */
    public static Dataset<Row> conversion(String measureId, Dataset<Row> snap, Dataset<Row> contacts, Dataset<Row> next,
                                          String nextDate, String nextList) {
        Dataset<Row> k = inWorkbook(snap, contacts).filter(col("contact_date").leq(col("period_end")))
                .select(pcols("person_id", "contact_date")).distinct()
                .withColumn("_next_contact", functions.lead("contact_date", 1)
                        .over(Window.partitionBy(pcols("person_id")).orderBy("contact_date")));
        Dataset<Row> items = inWorkbook(snap, next).filter(col(nextDate).leq(col("period_end")))
                .select(col("la_code").as("_nla"), col("person_id").as("_np"), col(nextDate).as("_nd"));
        Dataset<Row> flagged = k.join(items, col("la_code").equalTo(col("_nla")).and(col("person_id").equalTo(col("_np")))
                .and(col("_nd").geq(col("contact_date")))
                .and(col("_next_contact").isNull().or(col("_nd").lt(col("_next_contact")))), "left");
        Dataset<Row> listed = snap.select(pcols()).join(inWorkbook(snap, next).filter(col(nextDate).leq(col("period_end")))
                .groupBy(pcols()).agg(functions.count(lit(1)).as("_listed")), Periods.pseq(), "left");
        Dataset<Row> r = Trends.percentRows(measureId,
                        numDen(snap, flagged, col("_nd").isNotNull(), "person_id", "contact_date"))
                .join(listed, Periods.pseq(), "left")
                .withColumn("note", workbookNote("contacts on List 1 followed by " + nextList
                        + " before the child's next contact"));
        r = Trends.notPublished(r, col("denominator").equalTo(0), functions.concat(
                lit("the Annex A workbook as at "), col("time_period"), lit(" lists no contacts (List 1 absent or empty)")));
        r = Trends.notPublished(r, coalesce(col("_listed"), lit(0L)).equalTo(0), functions.concat(
                lit("the Annex A workbook as at "), col("time_period"), lit(" has no " + nextList + ": conversion unknown")));
        return r.drop("_listed");
    }

    // ---------------------------------------------------------------- visits, reviews and health assessments

    /**
     * Whether {@code from} is at most {@code wd} working days before {@code to} (false when null or after it). Dates
     * far before {@code to} are false without a look-up, so an old start date outside the bank-holiday calendar
     * (Annex A lists children who came into care years ago) never reaches it.
     */
    static Column withinWorkingDays(Column from, Column to, int wd) {
        Column days = functions.datediff(to, from);
        return coalesce(when(days.geq(0).and(days.leq(2 * wd + 14)),
                WorkingDays.workingDaysBetween(from, to).leq(wd)), lit(false));
    }

    /** A date column of the list, as null when after the as-at date (it cannot be known then: a typo). */
    static Column known(String dateCol) {
        return when(col(dateCol).leq(col("period_end")), col(dateCol));
    }

    /**
     * {@code measureId}: of the rows of a list open at the as-at date (start on or before it, end empty or after it;
     * one per child and start), those for which {@code within} holds. Not published when no open row gives
     * {@code dateCol} ({@code heading}): the workbook does not carry the dates.
     */
    static Dataset<Row> inTimescale(String measureId, Dataset<Row> snap, Dataset<Row> list, String start, String end,
                                    String dateCol, String heading, int listNo, Column within, String what) {
        Dataset<Row> open = inWorkbook(snap, list)
                .filter(col(start).leq(col("period_end")).and(col(end).isNull().or(col(end).gt(col("period_end")))));
        Dataset<Row> given = open.groupBy(pcols()).agg(functions.count(known(dateCol)).as("_given"));
        Dataset<Row> r = Trends.percentRows(measureId, numDen(snap, open, within, "person_id", start))
                .join(given, Periods.pseq(), "left")
                .withColumn("note", workbookNote(what));
        r = Trends.notPublished(r, coalesce(col("_given"), lit(0L)).equalTo(0), functions.concat(
                lit("no open row of List " + listNo + " on the Annex A workbook as at "), col("time_period"),
                lit(" gives a " + heading + ": the list does not carry the dates")));
        return r.drop("_given");
    }

    /**
     * {@code annex_a_cp_visits_in_timescale}: of CP plans open at the as-at date (List 7), those whose Date of the
     * Last Statutory Visit is at most {@code wd} working days before it; a plan with no visit yet is within while it
     * started at most {@code wd} working days before.
     */
    public static Dataset<Row> cpVisits(Dataset<Row> snap, Dataset<Row> cp, int wd) {
        Column last = known("last_visit_date");
        // one working-day look-up (its calendar is a literal in the plan): from the visit, else from the start
        Column within = withinWorkingDays(coalesce(last, col("cpp_start_date")), col("period_end"), wd);
        return inTimescale("annex_a_cp_visits_in_timescale", snap, cp, "cpp_start_date", "cpp_end_date",
                "last_visit_date", "Date of the Last Statutory Visit", 7, within,
                "CP plans open on List 7 visited within " + wd + " working days (ssd_timescales)");
    }

    /**
     * {@code annex_a_cla_visits_in_timescale}: of children looked after at the as-at date (List 8), those whose Date of
     * Last Social Work Visit is within the regulations' interval (calendar days: the first-year interval while the
     * child has been looked after under 365 days, the later interval after); with no visit yet, within while the
     * child came into care at most the first-visit days before.
     */
    public static Dataset<Row> claVisits(Dataset<Row> snap, Dataset<Row> cla, SsdCaseHistoryMeasures.Timescales ts) {
        Column last = known("last_visit_date");
        Column inCare = functions.datediff(col("period_end"), col("cla_start_date"));
        Column allowed = when(inCare.lt(365), lit(ts.claVisitDaysFirstYear())).otherwise(lit(ts.claVisitDaysAfter()));
        Column within = when(last.isNull(), inCare.leq(ts.claFirstVisitDays()))
                .otherwise(functions.datediff(col("period_end"), last).leq(allowed));
        return inTimescale("annex_a_cla_visits_in_timescale", snap, cla, "cla_start_date", "cla_end_date",
                "last_visit_date", "Date of Last Social Work Visit", 8, within,
                "children looked after on List 8 visited within " + ts.claVisitDaysFirstYear() + " days (first year) or "
                        + ts.claVisitDaysAfter() + " days (ssd_timescales)");
    }

    /**
     * {@code annex_a_cp_reviews_in_timescale}: of CP plans open at the as-at date (List 7), those whose Date of latest
     * review conference is at most the review interval (calendar months) before it; a plan with no review yet is
     * in timescale while it started at most the first-review months before.
     */
    public static Dataset<Row> cpReviews(Dataset<Row> snap, Dataset<Row> cp, ReviewTimescales ts) {
        Column last = known("latest_review_date");
        Column within = when(last.isNull(), functions.add_months(col("cpp_start_date"), ts.cpFirstReviewMonths()).geq(col("period_end")))
                .otherwise(functions.add_months(last, ts.cpReviewMonths()).geq(col("period_end")));
        return inTimescale("annex_a_cp_reviews_in_timescale", snap, cp, "cpp_start_date", "cpp_end_date",
                "latest_review_date", "Date of latest review conference", 7, within,
                "CP plans open on List 7 reviewed within " + ts.cpReviewMonths() + " months, or started within "
                        + ts.cpFirstReviewMonths() + " (review_timescales)");
    }

    /**
     * {@code annex_a_cla_reviews_in_timescale}: of children looked after at the as-at date (List 8), those whose Date
     * of Latest Statutory Review is at most the review interval (calendar months) before it; with no review yet,
     * in timescale while they came into care at most the first-review working days before.
     */
    public static Dataset<Row> claReviews(Dataset<Row> snap, Dataset<Row> cla, ReviewTimescales ts) {
        Column last = known("latest_review_date");
        Column within = when(last.isNull(), withinWorkingDays(col("cla_start_date"), col("period_end"), ts.claFirstReviewWorkingDays()))
                .otherwise(functions.add_months(last, ts.claReviewMonths()).geq(col("period_end")));
        return inTimescale("annex_a_cla_reviews_in_timescale", snap, cla, "cla_start_date", "cla_end_date",
                "latest_review_date", "Date of Latest Statutory Review", 8, within,
                "children looked after on List 8 reviewed within " + ts.claReviewMonths() + " months, or in care under "
                        + ts.claFirstReviewWorkingDays() + " working days (review_timescales)");
    }

    /**
     * {@code annex_a_cla_health_assessment_in_date}: of children looked after at the as-at date (List 8), those whose
     * Date of Last Health Assessment is at most the interval for their age before it (calendar months: the under-5
     * interval while under 5 at the date, from the month of birth, else from Age of Child; the other interval
     * otherwise); with no assessment yet, in date while they came into care at most the initial assessment's working
     * days before.
     */
    public static Dataset<Row> claHealthAssessments(Dataset<Row> snap, Dataset<Row> cla, ReviewTimescales ts) {
        Column last = known("last_health_assessment_date");
        Column under5 = coalesce(functions.add_months(col("date_of_birth"), 60).gt(col("period_end")), col("age").lt(5), lit(false));
        Column months = when(under5, lit(ts.healthAssessmentMonthsUnder5())).otherwise(lit(ts.healthAssessmentMonths()));
        Column within = when(last.isNull(), withinWorkingDays(col("cla_start_date"), col("period_end"),
                        ts.healthFirstAssessmentWorkingDays()))
                .otherwise(functions.add_months(last, months).geq(col("period_end")));
        return inTimescale("annex_a_cla_health_assessment_in_date", snap, cla, "cla_start_date", "cla_end_date",
                "last_health_assessment_date", "Date of Last Health Assessment", 8, within,
                "children looked after on List 8 with a health assessment within " + ts.healthAssessmentMonths()
                        + " months (" + ts.healthAssessmentMonthsUnder5() + " under 5) (review_timescales)");
    }

    /**
     * {@code annex_a_pathway_plans_reviewed}: of the relevant and former relevant care leavers on List 9 (those a
     * pathway plan is for; qualifying care leavers are left out), those whose Latest Pathway Plan Review Date is at
     * most the review interval (calendar months) before the as-at date. Not published when no such care leaver has a
     * review date (the list's layout before January 2024 has no such column).
     */
    public static Dataset<Row> pathwayPlans(Dataset<Row> snap, Dataset<Row> careLeavers, ReviewTimescales ts) {
        Dataset<Row> leavers = inWorkbook(snap, careLeavers)
                .filter(col("eligibility").isin("relevant_child", "former_relevant_child"));
        Column last = known("latest_pathway_plan_review_date");
        Column within = coalesce(functions.add_months(last, ts.pathwayPlanReviewMonths()).geq(col("period_end")), lit(false));
        Dataset<Row> given = leavers.groupBy(pcols()).agg(functions.count(last).as("_given"));
        Dataset<Row> r = Trends.percentRows("annex_a_pathway_plans_reviewed", numDen(snap, leavers, within, "person_id"))
                .join(given, Periods.pseq(), "left")
                .withColumn("note", workbookNote("relevant and former relevant care leavers on List 9 whose pathway plan "
                        + "was reviewed within " + ts.pathwayPlanReviewMonths() + " months (review_timescales)"));
        r = Trends.notPublished(r, coalesce(col("_given"), lit(0L)).equalTo(0), functions.concat(
                lit("no relevant or former relevant care leaver on List 9 of the Annex A workbook as at "), col("time_period"),
                lit(" has a Latest Pathway Plan Review Date: the list (before its January 2024 layout) does not carry it")));
        return r.drop("_given");
    }
}
