package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureSupport.count;
import static csc.lakehouse.measures.CinMeasureSupport.during;
import static csc.lakehouse.measures.CinMeasureSupport.numDen;
import static csc.lakehouse.measures.CinMeasureSupport.openAt;
import static csc.lakehouse.measures.CinMeasureSupport.pcols;
import static csc.lakehouse.measures.CinMeasureSupport.pseq;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Measures only case-level history allows, from the SSD silver tables ({@code gold.ssd_case_history}): contacts,
 * statutory visits within timescale, time to strategy discussion, caseloads per FTE from involvements, children with
 * three or more social workers, missing-episode return interviews. Periods come from the data (the SSD is all year
 * round, not one return a year): reporting years and, with {@code --monthly}, calendar months (period measures) or
 * month ends (snapshots). Timescales are {@code ssd_timescales} in {@code data-schemas/targets.yaml}.
 */
public final class SsdCaseHistoryMeasures implements MeasureFamily {
    static final String NOTE = "from the council's Standard Safeguarding Dataset extract";

    @Override
    public String name() { return "ssd_case_history"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("ssd_contacts", "ssd_contacts_rate", "ssd_contact_conversion",
                "ssd_strategy_discussion_wd_median", "ssd_strategy_discussion_in_timescale",
                "ssd_cp_visits_in_timescale", "ssd_cin_visits_in_timescale", "ssd_cla_visits_in_timescale",
                "ssd_caseload_per_fte", "ssd_caseload_over_target", "ssd_three_plus_social_workers_12m",
                "ssd_missing_rhi_offered", "ssd_missing_rhi_accepted");
    }

    /** The timescales: {@code ssd_timescales} in targets.yaml, each with a default. */
    public record Timescales(int cpVisitWorkingDays, int cinVisitWorkingDays, int claFirstVisitDays, int claVisitDaysFirstYear,
                             int claVisitDaysAfter, int strategyDiscussionWorkingDays, double caseloadTargetPerFte,
                             int extractTimeframeYears) {
        @SuppressWarnings("unchecked")
        public static Timescales load() {
            Object t = DataSchemas.readYaml("targets.yaml", Map.class).get("ssd_timescales");
            Map<String, Object> m = t instanceof Map<?, ?> ? (Map<String, Object>) t : Map.of();
            return new Timescales(i(m, "cp_visit_working_days", 10), i(m, "cin_visit_working_days", 20),
                    i(m, "cla_first_visit_days", 7), i(m, "cla_visit_days_first_year", 42), i(m, "cla_visit_days_after", 91),
                    i(m, "strategy_discussion_working_days", 1),
                    m.get("caseload_target_per_fte") instanceof Number n ? n.doubleValue() : 18.0,
                    i(m, "extract_timeframe_years", 6));
        }

        private static int i(Map<String, Object> m, String k, int d) {
            return m.get(k) instanceof Number n ? n.intValue() : d;
        }
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        SparkSession spark = ctx.spark();
        Timescales ts = Timescales.load();
        Dataset<Row> contact = ctx.table("contact");
        Dataset<Row> s47 = ctx.table("s47_enquiry_ssd");
        Dataset<Row> referral = ctx.table("referral_ssd");
        Dataset<Row> cpPlan = ctx.table("cp_plan_ssd");
        Dataset<Row> cinPlan = ctx.table("cin_plan_ssd");
        Dataset<Row> claEpisode = ctx.table("cla_episode_ssd");
        Dataset<Row> involvement = ctx.table("involvement");
        Dataset<Row> missing = ctx.table("missing_episode_ssd");

        Dataset<Row> contactYears = RecommendationRows.yearsFromData(spark, contact, "contact_date");
        Dataset<Row> contactPeriods = periods(spark, contact, "contact_date", ctx.monthly());
        Dataset<Row> s47Periods = periods(spark, s47, "start_date", ctx.monthly());
        Dataset<Row> missPeriods = periods(spark, missing, "end_date", ctx.monthly());
        Dataset<Row> cpSnaps = snapshots(spark, cpPlan, "start_date", ctx);
        Dataset<Row> cinSnaps = snapshots(spark, cinPlan, "start_date", ctx);
        Dataset<Row> claSnaps = snapshots(spark, claEpisode, "start_date", ctx);
        Dataset<Row> invSnaps = snapshots(spark, involvement, "start_date", ctx);

        List<Dataset<Row>> parts = new ArrayList<>();
        parts.add(contacts(contactPeriods, contact));
        parts.add(ctx.rateRows("ssd_contacts_rate", contactCounts(contactYears, contact)));
        parts.add(contactConversion(contactPeriods, contact));
        parts.addAll(strategyDiscussions(s47Periods, s47, referral, ts.strategyDiscussionWorkingDays()));
        parts.add(cpVisits(cpSnaps, cpPlan, ctx.table("cp_visit"), ts.cpVisitWorkingDays()));
        parts.add(cinVisits(cinSnaps, cinPlan, ctx.table("cin_visit"), ts.cinVisitWorkingDays()));
        parts.add(claVisits(claSnaps, claEpisode, ctx.table("cla_visit"), ts));
        parts.addAll(caseloads(invSnaps, involvement, ctx.table("professional"), ts.caseloadTargetPerFte()));
        parts.add(threePlusSocialWorkers(invSnaps, involvement));
        parts.addAll(returnInterviews(missPeriods, missing));
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i), true);
        Dataset<Row> shaped = Trends.shape(all.withColumn("note", coalesce(col("note"), lit(NOTE))));
        // a period starting before the extract's timeframe misses the items that ended before it: not published
        Dataset<Row> from = extractFrom(ctx.table("person_ssd").select("la_code", "extracted_at")
                .unionByName(contact.select("la_code", "extracted_at")), ts.extractTimeframeYears());
        Dataset<Row> marked = Trends.notPublished(shaped.join(from, col("la_code").equalTo(col("_ssd_la")), "left"),
                col("_ssd_from").isNotNull().and(col("period_start").lt(col("_ssd_from"))),
                functions.concat(lit("the SSD extract reaches back to "), col("_ssd_from").cast("string"),
                        lit(" (extract_timeframe_years in targets.yaml): items that ended before it are not in it")));
        return marked.drop("_ssd_la", "_ssd_from");
    }

    /**
     * The first day an SSD extract is whole from, per LA ({@code _ssd_la, _ssd_from}): its earliest extraction date
     * less the extract's timeframe (the SSD's {@code @ssd_timeframe_years}; {@code extract_timeframe_years} in
     * targets.yaml). The SSD's SQL keeps only items open at some time since then, so a period starting earlier misses
     * every item that ended before it: an artefact of the extract's edge, not a figure. Input: la_code, extracted_at.
     */
    public static Dataset<Row> extractFrom(Dataset<Row> ssdRows, int timeframeYears) {
        return ssdRows.groupBy(col("la_code").as("_ssd_la")).agg(functions.min("extracted_at").as("_x"))
                .select(col("_ssd_la"), functions.add_months(functions.to_date(col("_x")), -12 * timeframeYears).as("_ssd_from"));
    }

    /** Rows (with la_code and period_start) of the periods an SSD extract covers whole ({@link #extractFrom}). */
    public static Dataset<Row> withinExtract(Dataset<Row> rows, Dataset<Row> ssdRows) {
        Dataset<Row> from = extractFrom(ssdRows.select("la_code", "extracted_at"), Timescales.load().extractTimeframeYears());
        return rows.join(from, col("la_code").equalTo(col("_ssd_la")), "left")
                .filter(col("_ssd_from").isNull().or(col("period_start").geq(col("_ssd_from"))))
                .drop("_ssd_la", "_ssd_from");
    }

    // ---------------------------------------------------------------- periods

    /** Reporting years the data reaches and, when monthly, its calendar months ({@code Month}, {@code YYYY-MM}). */
    static Dataset<Row> periods(SparkSession spark, Dataset<Row> items, String dateCol, boolean monthly) {
        Dataset<Row> years = RecommendationRows.yearsFromData(spark, items, dateCol);
        if (!monthly) return years;
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            YearMonth m = YearMonth.from(r.getDate(1).toLocalDate()), last = YearMonth.from(r.getDate(2).toLocalDate());
            for (; !m.isAfter(last); m = m.plusMonths(1)) {
                LocalDate s = m.atDay(1), e = m.atEndOfMonth();
                rows.add(RowFactory.create(r.getString(0), m.toString(), "Month", java.sql.Date.valueOf(s),
                        java.sql.Date.valueOf(e), Periods.reportingYear(s)));
            }
        }
        return years.unionByName(spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA));
    }

    /** 31 March of each year the data reaches, the as-at date and, when monthly, every month end. */
    static Dataset<Row> snapshots(SparkSession spark, Dataset<Row> items, String dateCol, MeasureContext ctx) {
        Dataset<Row> snaps = RecommendationRows.snapshotsFromData(spark, items, dateCol, ctx.asAt());
        if (!ctx.monthly()) return snaps;
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            YearMonth m = YearMonth.from(r.getDate(1).toLocalDate()), last = YearMonth.from(r.getDate(2).toLocalDate());
            for (; !m.isAfter(last); m = m.plusMonths(1)) {
                LocalDate d = m.atEndOfMonth();
                if (d.getMonthValue() == 3) continue;   // 31 March is the reporting-year row
                rows.add(RowFactory.create(r.getString(0), d.toString(), "As at date", java.sql.Date.valueOf(d),
                        java.sql.Date.valueOf(d), Periods.reportingYear(d)));
            }
        }
        return snaps.unionByName(spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA)).dropDuplicates("la_code", "time_period");
    }

    // ---------------------------------------------------------------- contacts

    static Dataset<Row> contactCounts(Dataset<Row> periods, Dataset<Row> contact) {
        return count(periods, during(periods, contact, "contact_date"), "contact_id");
    }

    /** {@code ssd_contacts}: distinct contacts dated in the period. */
    public static Dataset<Row> contacts(Dataset<Row> periods, Dataset<Row> contact) {
        return Trends.count("ssd_contacts", contactCounts(periods, contact));
    }

    /** {@code ssd_contact_conversion}: of contacts in the period, those whose outcome is a new referral. */
    public static Dataset<Row> contactConversion(Dataset<Row> periods, Dataset<Row> contact) {
        return Trends.percentRows("ssd_contact_conversion", numDen(periods, during(periods, contact, "contact_date"),
                coalesce(col("outcome_new_referral"), lit(false)), "contact_id"));
    }

    // ---------------------------------------------------------------- strategy discussions

    /**
     * S47 enquiries started in the period, each with the working days from its referral's date to its start (the
     * strategy discussion): the median, and the share within {@code timescale} working days. Enquiries whose
     * referral is not in the extract, or whose start is before the referral, are left out.
     */
    public static List<Dataset<Row>> strategyDiscussions(Dataset<Row> periods, Dataset<Row> s47, Dataset<Row> referral, int timescale) {
        Dataset<Row> r = referral.select(col("la_code").as("_rla"), col("referral_id").as("_rid"), col("referral_date"));
        Dataset<Row> items = s47.select("la_code", "s47_id", "referral_id", "start_date")
                .join(r, col("la_code").equalTo(col("_rla")).and(col("referral_id").equalTo(col("_rid"))))
                .withColumn("_wd", WorkingDays.workingDaysBetween(col("referral_date"), col("start_date")))
                .filter(col("_wd").isNotNull().and(col("_wd").geq(0)));
        Dataset<Row> in = during(periods, items, "start_date");
        Dataset<Row> median = periods.select(pcols()).join(in.groupBy(pcols())
                        .agg(functions.percentile(col("_wd"), lit(0.5)).as("value"), functions.count_distinct(col("s47_id")).as("_n")),
                pseq(), "left")
                .withColumn("measure_id", lit("ssd_strategy_discussion_wd_median"))
                .withColumn("numerator", lit(null).cast("long"))
                .withColumn("denominator", coalesce(col("_n"), lit(0L)))
                .withColumn("unit", lit("days")).drop("_n");
        Dataset<Row> share = Trends.percentRows("ssd_strategy_discussion_in_timescale",
                numDen(periods, in, col("_wd").leq(timescale), "s47_id"));
        return List.of(median, share);
    }

    // ---------------------------------------------------------------- visits

    /**
     * {@code ssd_cp_visits_in_timescale}: of CP plans open at the date A, those whose latest visit on or before A in
     * which the child was seen is no more than {@code wd} working days before A; a plan with no such visit counts as
     * within while its start is no more than {@code wd} working days before A.
     */
    public static Dataset<Row> cpVisits(Dataset<Row> snaps, Dataset<Row> cpPlan, Dataset<Row> cpVisit, int wd) {
        Dataset<Row> open = openAt(snaps, cpPlan.select("la_code", "cp_plan_id", "start_date", "end_date"), "start_date", "end_date");
        Dataset<Row> v = cpVisit.filter(coalesce(col("seen"), lit(true)))
                .select(col("la_code").as("_vla"), col("cp_plan_id").as("_vplan"), col("visit_date"));
        Dataset<Row> last = open.join(v, col("la_code").equalTo(col("_vla")).and(col("cp_plan_id").equalTo(col("_vplan")))
                        .and(col("visit_date").leq(col("period_end"))), "left")
                .groupBy(pcols("cp_plan_id", "start_date")).agg(functions.max("visit_date").as("_last"));
        Column from = coalesce(col("_last"), col("start_date"));
        Column within = coalesce(WorkingDays.workingDaysBetween(from, col("period_end")).leq(wd), lit(false));
        return Trends.percentRows("ssd_cp_visits_in_timescale", numDen(snaps, last, within, "cp_plan_id"));
    }

    /** {@code ssd_cin_visits_in_timescale}: as CP visits, for CIN plans, with the child's visits since the plan started. */
    public static Dataset<Row> cinVisits(Dataset<Row> snaps, Dataset<Row> cinPlan, Dataset<Row> cinVisit, int wd) {
        Dataset<Row> open = openAt(snaps, cinPlan.select("la_code", "cin_plan_id", "person_id", "start_date", "end_date"),
                "start_date", "end_date");
        Dataset<Row> v = cinVisit.filter(coalesce(col("seen"), lit(true)))
                .select(col("la_code").as("_vla"), col("person_id").as("_vp"), col("visit_date"));
        Dataset<Row> last = open.join(v, col("la_code").equalTo(col("_vla")).and(col("person_id").equalTo(col("_vp")))
                        .and(col("visit_date").leq(col("period_end"))).and(col("visit_date").geq(col("start_date"))), "left")
                .groupBy(pcols("cin_plan_id", "start_date")).agg(functions.max("visit_date").as("_last"));
        Column from = coalesce(col("_last"), col("start_date"));
        Column within = coalesce(WorkingDays.workingDaysBetween(from, col("period_end")).leq(wd), lit(false));
        return Trends.percentRows("ssd_cin_visits_in_timescale", numDen(snaps, last, within, "cin_plan_id"));
    }

    /**
     * {@code ssd_cla_visits_in_timescale}: of periods of care open at A (an episode open at A), those whose latest
     * visit on or before A is within the interval the regulations allow (calendar days: {@code claVisitDaysFirstYear}
     * while the period is under a year old at A, {@code claVisitDaysAfter} after); with no visit yet, within while the
     * period started no more than {@code claFirstVisitDays} before A.
     */
    public static Dataset<Row> claVisits(Dataset<Row> snaps, Dataset<Row> claEpisode, Dataset<Row> claVisit, Timescales ts) {
        Dataset<Row> periodStart = claEpisode.groupBy("la_code", "period_id").agg(functions.min("start_date").as("_pstart"))
                .withColumnRenamed("la_code", "_sla").withColumnRenamed("period_id", "_spid");
        Dataset<Row> open = openAt(snaps, claEpisode.select("la_code", "period_id", "start_date", "end_date"), "start_date", "end_date")
                .join(periodStart, col("la_code").equalTo(col("_sla")).and(col("period_id").equalTo(col("_spid"))))
                .select(pcols("period_id", "_pstart")).dropDuplicates();
        Dataset<Row> v = claVisit.filter(coalesce(col("seen"), lit(true)))
                .select(col("la_code").as("_vla"), col("period_id").as("_vpid"), col("visit_date"));
        Dataset<Row> last = open.join(v, col("la_code").equalTo(col("_vla")).and(col("period_id").equalTo(col("_vpid")))
                        .and(col("visit_date").leq(col("period_end"))), "left")
                .groupBy(pcols("period_id", "_pstart")).agg(functions.max("visit_date").as("_last"));
        Column allowed = when(functions.datediff(col("period_end"), col("_pstart")).lt(365), lit(ts.claVisitDaysFirstYear()))
                .otherwise(lit(ts.claVisitDaysAfter()));
        Column within = when(col("_last").isNull(), functions.datediff(col("period_end"), col("_pstart")).leq(ts.claFirstVisitDays()))
                .otherwise(functions.datediff(col("period_end"), col("_last")).leq(allowed));
        return Trends.percentRows("ssd_cla_visits_in_timescale", numDen(snaps, last, within, "period_id"));
    }

    // ---------------------------------------------------------------- caseloads and workers

    /**
     * Caseloads at each date A from involvements open at A (start on or before A, end empty or after A): children
     * per worker divided by the worker's FTE ({@code professional.fte}, 1 when missing or not positive). The mean
     * over workers holding cases ({@code ssd_caseload_per_fte}, one decimal) and the share over {@code target}.
     */
    public static List<Dataset<Row>> caseloads(Dataset<Row> snaps, Dataset<Row> involvement, Dataset<Row> professional, double target) {
        Dataset<Row> open = openAt(snaps, involvement.select("la_code", "worker_id", "person_id", "start_date", "end_date"),
                "start_date", "end_date").filter(col("worker_id").isNotNull());
        Dataset<Row> fte = professional.select(col("la_code").as("_fla"), col("worker_id").as("_fw"), col("fte"));
        Dataset<Row> perWorker = open.groupBy(pcols("worker_id")).agg(functions.count_distinct(col("person_id")).as("_children"))
                .join(fte, col("la_code").equalTo(col("_fla")).and(col("worker_id").equalTo(col("_fw"))), "left")
                .withColumn("_per_fte", col("_children").divide(when(col("fte").gt(0), col("fte")).otherwise(lit(1.0))));
        Dataset<Row> mean = snaps.select(pcols()).join(perWorker.groupBy(pcols())
                        .agg(functions.avg("_per_fte").as("_avg"), functions.count("worker_id").as("_workers")), pseq(), "left")
                .withColumn("measure_id", lit("ssd_caseload_per_fte"))
                .withColumn("numerator", lit(null).cast("long"))
                .withColumn("denominator", coalesce(col("_workers"), lit(0L)))
                .withColumn("value", functions.round(col("_avg"), 1))
                .withColumn("unit", lit("count")).drop("_avg", "_workers");
        Dataset<Row> over = Trends.percentRows("ssd_caseload_over_target",
                numDen(snaps, perWorker, col("_per_fte").gt(target), "worker_id"));
        return List.of(mean, over);
    }

    /**
     * {@code ssd_three_plus_social_workers_12m}: of children with an open involvement at A, those with involvements of
     * three or more distinct workers overlapping the 12 months to A (start on or before A, end empty or after A less
     * 12 months).
     */
    public static Dataset<Row> threePlusSocialWorkers(Dataset<Row> snaps, Dataset<Row> involvement) {
        Dataset<Row> inv = involvement.select("la_code", "worker_id", "person_id", "start_date", "end_date");
        Dataset<Row> open = openAt(snaps, inv, "start_date", "end_date").select(pcols("person_id")).dropDuplicates();
        Dataset<Row> year = inv.withColumnRenamed("la_code", "_ila").withColumnRenamed("person_id", "_ip");
        Dataset<Row> workers = open.join(year, col("la_code").equalTo(col("_ila")).and(col("person_id").equalTo(col("_ip")))
                        .and(col("start_date").leq(col("period_end")))
                        .and(col("end_date").isNull().or(col("end_date").gt(functions.add_months(col("period_end"), -12)))))
                .groupBy(pcols("person_id")).agg(functions.count_distinct(col("worker_id")).as("_workers"));
        return Trends.percentRows("ssd_three_plus_social_workers_12m", numDen(snaps, workers, col("_workers").geq(3), "person_id"));
    }

    // ---------------------------------------------------------------- missing

    /** Missing episodes ending in the period: the share with a return interview offered, and accepted of offered. */
    public static List<Dataset<Row>> returnInterviews(Dataset<Row> periods, Dataset<Row> missing) {
        Dataset<Row> ended = during(periods, missing.select("la_code", "missing_id", "end_date", "rhi_offered", "rhi_accepted"), "end_date");
        Dataset<Row> offered = Trends.percentRows("ssd_missing_rhi_offered",
                numDen(periods, ended, coalesce(col("rhi_offered"), lit(false)), "missing_id"));
        Dataset<Row> accepted = Trends.percentRows("ssd_missing_rhi_accepted",
                numDen(periods, ended.filter(coalesce(col("rhi_offered"), lit(false))), coalesce(col("rhi_accepted"), lit(false)), "missing_id"));
        return List.of(offered, accepted);
    }

}
