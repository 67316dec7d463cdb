package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The measures behind the council's eight Ofsted recommendations ({@code gold.ofsted_recommendations}),
 * plus the two police-protection measures that need the local tracker (time of day, sibling groups).
 * Statutory data is used where it can serve, the local trackers otherwise; each row's {@code note} names
 * its source ("source: CIN census ..." / "source: local tracker ..."). Every measure is a small pure
 * function of period rows and item frames, tested by hand beside its fixture.
 *
 * <p>Tracker-only measures take their periods from the tracker's own dates: every reporting year from
 * the first to the last date in the tracker (the last may be part-year), and for snapshots the
 * 31 March of those years that the tracker reaches, plus {@code --as-at}.
 */
public final class OfstedRecommendationMeasures implements MeasureFamily {
    public static final String NAME = "ofsted_recommendations";
    public static final List<String> P = Trends.PERIOD_COLUMNS;
    public static final List<String> HOMELESS_OUTCOMES =
            List.of("accommodated_s20", "supported_s17", "returned_to_family", "other");

    private final int timescaleDays;
    private final int ppWeeks;
    private final Optional<List<LocalDate>> holidays;

    public OfstedRecommendationMeasures() {
        this(parameter("strategy_discussion_timescale_working_days", 3), parameter("pre_proceedings_weeks", 16),
                BankHolidays.load());
    }

    public OfstedRecommendationMeasures(int timescaleDays, int ppWeeks, Optional<List<LocalDate>> holidays) {
        this.timescaleDays = timescaleDays;
        this.ppWeeks = ppWeeks;
        this.holidays = holidays;
    }

    @SuppressWarnings("unchecked")
    static int parameter(String name, int dflt) {
        Map<String, Object> all = DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class);
        Object p = all.get("parameters");
        Object v = p instanceof Map<?, ?> m ? m.get(name) : null;
        return v instanceof Number n ? n.intValue() : dflt;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public List<MeasureDefinition> definitions() {
        String t = "Ofsted recommendations";
        return List.of(
                new MeasureDefinition("strategy_discussion_days", "days", t, "Working days from referral to strategy discussion",
                        "Mean working days (weekdays that are not bank holidays, from the day after the referral/contact up to and including the strategy discussion) over strategy discussions held in the year. Local tracker strategy_discussions; where an LA has none, CIN census S47ActualStartDate less CINreferralDate (only discussions that led to a s47)."),
                new MeasureDefinition("strategy_discussion_in_timescale", "percent", t, "Strategy discussions within the local timescale",
                        "Of strategy discussions held in the year, those held within the local timescale (data-schemas/ofsted_recommendations.yaml, default 3 working days) of the referral/contact. Sources as strategy_discussion_days."),
                new MeasureDefinition("strategy_police_attended", "percent", t, "Strategy discussions attended by police",
                        "Of strategy discussions held in the year with attendance recorded, those the police attended. Local tracker only."),
                new MeasureDefinition("supervision_4wk", "percent", t, "Children supervised within 4 weeks (snapshot)",
                        "Of children open to social care at the date (an open CIN census episode not NFA; where the LA has no CIN census, the tracker's case dates), those whose latest recorded case supervision on or before the date is at most 28 days before it."),
                new MeasureDefinition("supervision_8wk", "percent", t, "Children supervised within 8 weeks (snapshot)",
                        "As supervision_4wk with 56 days."),
                new MeasureDefinition("caseload_over_target", "count", t, "Social workers above their caseload target (snapshot)",
                        "At the latest caseload count on or before the date: case-holding workers (children_held > 0 and case_holding not N) holding more children than their team's target. numerator = that count, denominator = case-holding workers."),
                new MeasureDefinition("caseload_over_target_pct", "percent", t, "Percent of social workers above their caseload target (snapshot)",
                        "caseload_over_target as a percent of case-holding workers."),
                new MeasureDefinition("pre_proceedings_over_16w", "count", t, "Children in pre-proceedings over 16 weeks (snapshot)",
                        "Children in pre-proceedings open at the date (start <= date, end empty or after it) that started more than 16 x 7 days before it. Total row = children; breakdown count_of = families (distinct family ids, tracker only). From 2026-27 (CIN census pre-proceedings module) the CIN census where it holds pre-proceedings, otherwise the local tracker."),
                new MeasureDefinition("homeless_1617", "count", t, "16/17-year-olds presenting as homeless, by outcome",
                        "Presentations in the year (Total, count) and the percent with each outcome (accommodated_s20, supported_s17, returned_to_family, other). Local tracker homelessness_16_17."),
                new MeasureDefinition("homeless_1617_seen_cro", "percent", t, "Homeless 16/17-year-olds seen by the children's rights officer",
                        "Of presentations in the year, those seen by the children's rights officer."),
                new MeasureDefinition("unregistered_u16_placements", "count", t, "Under-16s placed in unregistered settings",
                        "Placements in unregistered settings starting in the year of children aged under 16 at the start. Local tracker unregistered_placements."),
                new MeasureDefinition("unregistered_u16_notified", "percent", t, "Unregistered under-16 placements notified to Ofsted",
                        "Of unregistered_u16_placements, those notified to Ofsted on or before the placement start."),
                new MeasureDefinition("ppm_held", "percent", t, "Looked-after children with a permanence planning meeting (snapshot)",
                        "Of children looked after at the date (an open period of care, not short breaks), those with a permanence planning meeting in the current period on or before the date. SSDA903 periods of care and the local tracker permanence_planning."),
                new MeasureDefinition("ppm_by_second_review", "percent", t, "Permanence planning meeting by the second review (snapshot)",
                        "Of children looked after at the date whose second statutory review of the current period (SSDA903 reviews) is on or before the date, those with a permanence planning meeting on or before that second review."),
                new MeasureDefinition("early_help_threshold", "percent", t, "Closed to early help after assessment and re-referred within 12 months",
                        "Of CIN episodes closed in the year with ReasonForClosure RC9 (case closed after assessment, referred to early help), those whose child was referred again within 12 months of the closure (referral date after the closure date and at most 12 calendar months after it). CIN census. Recent closures have had less than 12 months to be re-referred."),
                new MeasureDefinition("early_help_threshold_referrals_5d", "count", t, "Referrals from early help",
                        "Referrals in the year with ReferralSource 5D (early help). CIN census."),
                new MeasureDefinition("early_help_threshold_closed_rc9", "count", t, "Episodes closed to early help after assessment",
                        "CIN episodes closed in the year with ReasonForClosure RC9. CIN census."),
                new MeasureDefinition("pp_sibling_groups", "count", t, "Police protection entries in sibling groups",
                        "Children taken into police protection in the year who were part of a sibling group (a sibling_group_id recorded). Total row = those entries; breakdown count_of = groups (distinct sibling groups). Local tracker police_protection_events."),
                new MeasureDefinition("pp_out_of_hours", "percent", t, "Police protection entries out of hours",
                        "Of children taken into police protection in the year, those whose police protection started outside 09:00-17:00 Monday to Friday (17:00 itself is out of hours), or on an England and Wales bank holiday when the calendar is available. Local tracker police_protection_events."));
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        SparkSession spark = ctx.spark();
        String hol = BankHolidays.sqlArray(holidays.orElse(List.of()));
        String holNote = holidays.isPresent() ? "" : "; bank holidays not excluded (no calendar in data-schemas)";
        List<Dataset<Row>> parts = new ArrayList<>();

        // R1 strategy discussions: tracker first, CIN census s47 otherwise
        Dataset<Row> sd = ctx.table("tracker_strategy_discussions")
                .select(col("la_code"), col("referral_date"), col("strategy_date"), col("police_attended"));
        Dataset<Row> sdTracker = strategyDiscussions(yearsFromData(spark, sd, "strategy_date"), sd, hol, timescaleDays,
                "source: local tracker strategy_discussions" + holNote);
        Dataset<Row> s47 = ctx.table("s47_enquiry").select(col("la_code"), col("referral_date"),
                col("start_date").as("strategy_date"), lit(null).cast("boolean").as("police_attended"));
        Dataset<Row> sdStat = strategyDiscussions(ctx.reportingYears(MeasureContext.CIN_CENSUS), s47, hol, timescaleDays,
                "source: CIN census S47ActualStartDate - CINreferralDate (s47s only)" + holNote)
                .filter(col("measure_id").notEqual("strategy_police_attended"));
        parts.add(prefer(sdTracker, sdStat));

        // R2 supervision and caseloads
        Dataset<Row> sup = ctx.table("tracker_supervisions");
        Dataset<Row> cinOpen = ctx.table("referral").filter(functions.coalesce(col("referral_nfa"), lit(false)).equalTo(false))
                .select(col("la_code"), col("person_id"), col("referral_date").as("start"), col("closure_date").as("end"),
                        lit("source: local tracker supervisions; children open: CIN census episodes").as("note"));
        Dataset<Row> trkOpen = sup.filter(col("case_start_date").isNotNull())
                .select(col("la_code"), col("person_id"), col("case_start_date").as("start"), col("case_end_date").as("end"),
                        lit("source: local tracker supervisions; children open: tracker case dates").as("note"))
                .join(cinOpen.select("la_code").distinct(), scala(List.of("la_code")), "left_anti");
        parts.add(supervision(snapshotsFromData(spark, sup.select(col("la_code"), col("supervision_date")), "supervision_date", ctx.asAt()),
                cinOpen.unionByName(trkOpen), sup.select("la_code", "person_id", "supervision_date")));
        Dataset<Row> cl = ctx.table("tracker_caseloads");
        parts.add(caseloads(snapshotsFromData(spark, cl, "as_at_date", ctx.asAt()), cl));

        // R4 pre-proceedings: CIN census from 2026-27 where it holds them, tracker otherwise
        Dataset<Row> ppT = ctx.table("tracker_pre_proceedings").select(col("la_code"), col("person_id"), col("family_id"),
                col("pp_start_date").as("start"), col("pp_end_date").as("end"));
        Dataset<Row> ppS = ctx.table("pre_proceedings").select(col("la_code"), col("person_id"),
                lit(null).cast("string").as("family_id"), col("pp_start_date").as("start"), col("step_decision_date").as("end"));
        Dataset<Row> ppStatLas = ppS.select("la_code").distinct();
        Dataset<Row> statSnaps = ctx.snapshots(MeasureContext.CIN_CENSUS).filter(col("reporting_year").geq(2027))
                .join(ppStatLas, scala(List.of("la_code")), "left_semi");
        parts.add(prefer(preProceedings(statSnaps, ppS, ppWeeks, false,
                        "source: CIN census pre-proceedings (PPStartDate, StepDecisionDate); families not in the census"),
                preProceedings(snapshotsFromData(spark, ppT, "start", ctx.asAt()), ppT, ppWeeks, true,
                        "source: local tracker pre_proceedings")));

        // R5, R6
        Dataset<Row> hl = ctx.table("tracker_homelessness_16_17");
        parts.add(homeless(yearsFromData(spark, hl, "presentation_date"), hl));
        Dataset<Row> up = ctx.table("tracker_unregistered_placements");
        parts.add(unregistered(yearsFromData(spark, up, "placement_start"), up));

        // R7 early help threshold (CIN census)
        parts.add(earlyHelp(ctx.reportingYears(MeasureContext.CIN_CENSUS), ctx.table("referral")));

        // R8 permanence planning: 903 periods of care and reviews, for LAs with the tracker
        Dataset<Row> ppm = ctx.table("tracker_permanence_planning");
        Dataset<Row> lacSnaps = ctx.snapshots(MeasureContext.SSDA903)
                .join(ppm.select("la_code").distinct(), scala(List.of("la_code")), "left_semi");
        parts.add(permanence(lacSnaps, ctx.table("cla_period"), ctx.table("cla_review"), ppm));

        // police protection from the tracker
        Dataset<Row> pp = ctx.table("tracker_police_protection_events");
        parts.add(policeProtection(yearsFromData(spark, pp.withColumn("_d", functions.to_date(col("event_datetime"))), "_d"),
                pp, hol, "source: local tracker police_protection_events" + holNote));

        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i), true);
        return Trends.shape(all);
    }

    // ---------------------------------------------------------------- periods

    /** Reporting years from the first to the last date of {@code dateCol} per LA (the last may be part-year). */
    public static Dataset<Row> yearsFromData(SparkSession spark, Dataset<Row> items, String dateCol) {
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            if (r.get(0) == null) continue;
            int from = ry(r.getDate(1).toLocalDate()), to = ry(r.getDate(2).toLocalDate());
            for (int y = from; y <= to; y++) rows.add(yearRow(r.getString(0), y));
        }
        return spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA);
    }

    /** 31 March of each year the data reaches (first date .. last date), plus the as-at date. */
    public static Dataset<Row> snapshotsFromData(SparkSession spark, Dataset<Row> items, String dateCol, Optional<LocalDate> asAt) {
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            if (r.get(0) == null) continue;
            LocalDate first = r.getDate(1).toLocalDate(), last = r.getDate(2).toLocalDate();
            for (int y = ry(first); y <= ry(last); y++) {
                LocalDate d = LocalDate.of(y, 3, 31);
                if (!d.isAfter(last)) rows.add(RowFactory.create(r.getString(0), MeasureContext.timePeriod(y), "Reporting year",
                        java.sql.Date.valueOf(d), java.sql.Date.valueOf(d), y));
            }
            if (asAt.isPresent() && !asAt.get().isBefore(first)) {
                LocalDate d = asAt.get();
                rows.add(RowFactory.create(r.getString(0), d.toString(), "As at date", java.sql.Date.valueOf(d),
                        java.sql.Date.valueOf(d), ry(d)));
            }
        }
        return spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA);
    }

    static Row yearRow(String la, int y) {
        return RowFactory.create(la, MeasureContext.timePeriod(y), "Reporting year",
                java.sql.Date.valueOf(LocalDate.of(y - 1, 4, 1)), java.sql.Date.valueOf(LocalDate.of(y, 3, 31)), y);
    }

    static int ry(LocalDate d) { return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear(); }

    /** Items (with la_code) whose {@code dateCol} falls in a period, joined to the period columns. */
    static Dataset<Row> within(Dataset<Row> periods, Dataset<Row> items, String dateCol) {
        Dataset<Row> it = items.withColumnRenamed("la_code", "_ila");
        return periods.select(cols(P)).join(it, col("la_code").equalTo(col("_ila"))
                .and(col(dateCol).between(col("period_start"), col("period_end")))).drop("_ila");
    }

    /** Items open at the snapshot date: start on or before it and end empty or after it. */
    static Dataset<Row> openAt(Dataset<Row> snapshots, Dataset<Row> items, String start, String end) {
        Dataset<Row> it = items.withColumnRenamed("la_code", "_ila");
        return snapshots.select(cols(P)).join(it, col("la_code").equalTo(col("_ila"))
                .and(col(start).leq(col("period_end")))
                .and(col(end).isNull().or(col(end).gt(col("period_end"))))).drop("_ila");
    }

    /** Aggregates per period, every period kept (missing aggregates null; counts coalesced to 0 by the caller). */
    static Dataset<Row> perPeriod(Dataset<Row> periods, Dataset<Row> joined, Column... aggs) {
        Dataset<Row> agg = joined.groupBy(cols(P)).agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
        return periods.select(cols(P)).join(agg, scala(P), "left");
    }

    /** Primary rows, and fallback rows for (measure, LA, period) the primary does not cover. */
    public static Dataset<Row> prefer(Dataset<Row> primary, Dataset<Row> fallback) {
        List<String> k = List.of("measure_id", "la_code", "time_period", "time_identifier");
        return primary.unionByName(fallback.join(primary.select(cols(k)).distinct(), scala(k), "left_anti"), true);
    }

    static Column[] cols(List<String> names) { return names.stream().map(functions::col).toArray(Column[]::new); }

    static scala.collection.immutable.Seq<String> scala(List<String> names) { return Trends.toSeq(names); }

    static Column zero(String c) { return functions.coalesce(col(c), lit(0L)); }

    static final List<String> OUT = List.of("la_code", "time_period", "time_identifier", "period_start", "period_end",
            "measure_id", "numerator", "denominator", "value", "unit", "breakdown", "breakdown_value", "note");

    static Dataset<Row> measure(Dataset<Row> rows, String id, String unit, Column num, Column den, Column value, String note) {
        return rows.withColumn("measure_id", lit(id))
                .withColumn("_n", num.cast("long")).withColumn("_d", den.cast("long"))
                .withColumn("value", value.cast("double")).withColumn("unit", lit(unit))
                .withColumn("numerator", col("_n")).withColumn("denominator", col("_d"))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL))
                .withColumn("note", lit(note)).select(cols(OUT));
    }

    /**
     * Working days from the day after {@code start} up to and including {@code end} (same day = 0;
     * null when either is missing or end is before start), skipping weekends and the holidays array.
     */
    public static Column workingDays(String start, String end, String holidaysSql) {
        return functions.expr("CASE WHEN " + start + " IS NULL OR " + end + " IS NULL OR " + end + " < " + start
                + " THEN NULL WHEN " + end + " = " + start + " THEN 0 ELSE size(filter(sequence(date_add(" + start
                + ", 1), " + end + "), x -> dayofweek(x) NOT IN (1, 7) AND NOT array_contains(" + holidaysSql + ", x))) END");
    }

    // ---------------------------------------------------------------- R1

    /**
     * strategy_discussion_days (mean working days referral to discussion, 2 dp; numerator = total
     * working days, denominator = discussions), strategy_discussion_in_timescale (percent within
     * {@code timescale} working days) and strategy_police_attended (percent of discussions with
     * attendance recorded). Items: la_code, referral_date, strategy_date, police_attended.
     */
    public static Dataset<Row> strategyDiscussions(Dataset<Row> periods, Dataset<Row> items, String holidaysSql,
                                                   int timescale, String note) {
        Dataset<Row> j = within(periods, items, "strategy_date")
                .withColumn("_wd", workingDays("referral_date", "strategy_date", holidaysSql));
        Dataset<Row> a = perPeriod(periods, j,
                sum(col("_wd")).as("sum_wd"), count(col("_wd")).as("n_wd"),
                sum(when(col("_wd").leq(timescale), 1).otherwise(0)).as("in_ts"),
                sum(when(col("police_attended").equalTo(true), 1).otherwise(0)).as("police"),
                count(col("police_attended")).as("police_den"));
        return measure(a, "strategy_discussion_days", "days", zero("sum_wd"), zero("n_wd"),
                        when(zero("n_wd").gt(0), functions.round(col("sum_wd").divide(col("n_wd")), 2)), note)
                .unionByName(measure(a, "strategy_discussion_in_timescale", "percent", zero("in_ts"), zero("n_wd"),
                        Trends.percent(zero("in_ts"), zero("n_wd")), note + "; timescale " + timescale + " working days"))
                .unionByName(measure(a, "strategy_police_attended", "percent", zero("police"), zero("police_den"),
                        Trends.percent(zero("police"), zero("police_den")), note));
    }

    // ---------------------------------------------------------------- R2

    /**
     * supervision_4wk / supervision_8wk at each snapshot: of children open at the date ({@code open}:
     * la_code, person_id, start, end, note), those whose latest supervision on or before the date is at
     * most 28 / 56 days before it. Children never supervised count in the denominator only.
     */
    public static Dataset<Row> supervision(Dataset<Row> snapshots, Dataset<Row> open, Dataset<Row> supervisions) {
        Dataset<Row> o = openAt(snapshots, open, "start", "end").select(cols(P, "person_id", "note"))
                .dropDuplicates(concat(P, "person_id").toArray(new String[0]));
        Dataset<Row> s = supervisions.withColumnRenamed("la_code", "_sla").withColumnRenamed("person_id", "_sp");
        Dataset<Row> latest = o.join(s, col("la_code").equalTo(col("_sla")).and(col("person_id").equalTo(col("_sp")))
                        .and(col("supervision_date").leq(col("period_end"))), "left")
                .groupBy(cols(P, "person_id", "note")).agg(functions.max("supervision_date").as("latest"))
                .withColumn("_days", functions.datediff(col("period_end"), col("latest")));
        Dataset<Row> a = latest.groupBy(cols(P)).agg(count(lit(1)).as("den"),
                sum(when(col("_days").leq(28), 1).otherwise(0)).as("n4"),
                sum(when(col("_days").leq(56), 1).otherwise(0)).as("n8"), functions.first("note").as("note"));
        return measureWithNote(a, "supervision_4wk", col("n4"), col("den"))
                .unionByName(measureWithNote(a, "supervision_8wk", col("n8"), col("den")));
    }

    static Dataset<Row> measureWithNote(Dataset<Row> a, String id, Column num, Column den) {
        return a.withColumn("_num", num).withColumn("_den", den)
                .withColumn("measure_id", lit(id)).withColumn("numerator", col("_num").cast("long"))
                .withColumn("denominator", col("_den").cast("long"))
                .withColumn("value", Trends.percent(col("_num"), col("_den"))).withColumn("unit", lit("percent"))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL))
                .select(cols(OUT));
    }

    /**
     * caseload_over_target (count; denominator = case-holding workers) and caseload_over_target_pct at
     * each snapshot, from the latest caseload count on or before the date. Items: la_code, worker_id,
     * children_held, team_target, as_at_date, case_holding.
     */
    public static Dataset<Row> caseloads(Dataset<Row> snapshots, Dataset<Row> caseloads) {
        Dataset<Row> c = snapshots.select(cols(P)).join(caseloads.withColumnRenamed("la_code", "_ila"),
                col("la_code").equalTo(col("_ila")).and(col("as_at_date").leq(col("period_end")))).drop("_ila");
        c = c.withColumn("_latest", functions.max("as_at_date").over(Window.partitionBy(cols(P))))
                .filter(col("as_at_date").equalTo(col("_latest")))
                .filter(functions.coalesce(col("case_holding"), lit(true)).and(col("children_held").gt(0)));
        Dataset<Row> a = c.groupBy(cols(P)).agg(count(lit(1)).as("den"),
                        sum(when(col("children_held").gt(col("team_target")), 1).otherwise(0)).as("over"),
                        functions.max("_latest").as("_latest"))
                .withColumn("note", functions.concat(lit("source: local tracker caseloads as at "), col("_latest").cast("string")));
        Dataset<Row> countRows = a.withColumn("measure_id", lit("caseload_over_target"))
                .withColumn("numerator", col("over").cast("long")).withColumn("denominator", col("den").cast("long"))
                .withColumn("value", col("over").cast("double")).withColumn("unit", lit("count"))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL))
                .select(cols(OUT));
        return countRows.unionByName(measureWithNote(a, "caseload_over_target_pct", col("over"), col("den")));
    }

    // ---------------------------------------------------------------- R4

    /**
     * pre_proceedings_over_16w at each snapshot: children in pre-proceedings open at the date that
     * started more than {@code weeks} x 7 days before it (Total row), and with {@code families} the
     * distinct families among them (breakdown count_of = families). Items: la_code, person_id,
     * family_id, start, end.
     */
    public static Dataset<Row> preProceedings(Dataset<Row> snapshots, Dataset<Row> items, int weeks, boolean families,
                                              String note) {
        Dataset<Row> o = openAt(snapshots, items, "start", "end")
                .filter(functions.datediff(col("period_end"), col("start")).gt(weeks * 7));
        Dataset<Row> a = perPeriod(snapshots, o, countDistinct(col("person_id")).as("children"),
                countDistinct(col("family_id")).as("families"));
        Dataset<Row> kids = countRows(a, "pre_proceedings_over_16w", zero("children"), note);
        if (!families) return kids;
        return kids.unionByName(countRows(a, "pre_proceedings_over_16w", zero("families"), note)
                .withColumn("breakdown", lit("count_of")).withColumn("breakdown_value", lit("families")));
    }

    static Dataset<Row> countRows(Dataset<Row> a, String id, Column n, String note) {
        return measure(a, id, "count", n, lit(null), n, note);
    }

    // ---------------------------------------------------------------- R5, R6

    /**
     * homeless_1617: presentations in the year (Total, count) with the percent by outcome, and
     * homeless_1617_seen_cro: percent seen by the children's rights officer. Items: la_code,
     * presentation_date, outcome, seen_by_childrens_rights_officer.
     */
    public static Dataset<Row> homeless(Dataset<Row> periods, Dataset<Row> items) {
        String note = "source: local tracker homelessness_16_17";
        Dataset<Row> j = within(periods, items, "presentation_date");
        Dataset<Row> dist = Trends.distribution("homeless_1617", periods, j.select(cols(P, "outcome")), "outcome",
                HOMELESS_OUTCOMES).withColumn("note", lit(note));
        Dataset<Row> a = perPeriod(periods, j, count(lit(1)).as("n"),
                sum(when(col("seen_by_childrens_rights_officer").equalTo(true), 1).otherwise(0)).as("seen"));
        return dist.unionByName(measure(a, "homeless_1617_seen_cro", "percent", zero("seen"), zero("n"),
                Trends.percent(zero("seen"), zero("n")), note));
    }

    /**
     * unregistered_u16_placements (count of placements starting in the year of children under 16 at the
     * start) and unregistered_u16_notified (percent of those notified to Ofsted on or before the start).
     * Items: la_code, age_at_start, placement_start, ofsted_notified_date.
     */
    public static Dataset<Row> unregistered(Dataset<Row> periods, Dataset<Row> items) {
        String note = "source: local tracker unregistered_placements";
        Dataset<Row> j = within(periods, items.filter(col("age_at_start").lt(16)), "placement_start");
        Dataset<Row> a = perPeriod(periods, j, count(lit(1)).as("n"), sum(when(col("ofsted_notified_date")
                .leq(col("placement_start")), 1).otherwise(0)).as("notified"));
        return countRows(a, "unregistered_u16_placements", zero("n"), note)
                .unionByName(measure(a, "unregistered_u16_notified", "percent", zero("notified"), zero("n"),
                        Trends.percent(zero("notified"), zero("n")), note));
    }

    // ---------------------------------------------------------------- R7

    /**
     * early_help_threshold_referrals_5d (referrals in the year from source 5D),
     * early_help_threshold_closed_rc9 (episodes closed in the year with RC9) and early_help_threshold
     * (percent of those RC9 closures whose child was referred again within 12 months after the closure).
     * Items: silver referral.
     */
    public static Dataset<Row> earlyHelp(Dataset<Row> periods, Dataset<Row> referrals) {
        String note = "source: CIN census ReferralSource / ReasonForClosure";
        Dataset<Row> r5d = within(periods, referrals.filter(col("referral_source").equalTo("5D")), "referral_date");
        Dataset<Row> a5d = perPeriod(periods, r5d, count(lit(1)).as("n"));
        Dataset<Row> closed = within(periods, referrals.filter(col("reason_for_closure").equalTo("RC9"))
                .select("la_code", "person_id", "closure_date"), "closure_date");
        Dataset<Row> later = referrals.select(col("la_code").as("_la"), col("person_id").as("_p"), col("referral_date").as("_rd"));
        Dataset<Row> flagged = closed.join(later, col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                        .and(col("_rd").gt(col("closure_date"))).and(col("_rd").leq(functions.add_months(col("closure_date"), 12))), "left")
                .groupBy(cols(P, "person_id", "closure_date")).agg(count(col("_rd")).as("_later"));
        Dataset<Row> aRc9 = perPeriod(periods, flagged, count(lit(1)).as("n"),
                sum(when(col("_later").gt(0), 1).otherwise(0)).as("rereferred"));
        return countRows(a5d, "early_help_threshold_referrals_5d", zero("n"), note)
                .unionByName(countRows(aRc9, "early_help_threshold_closed_rc9", zero("n"), note))
                .unionByName(measure(aRc9, "early_help_threshold", "percent", zero("rereferred"), zero("n"),
                        Trends.percent(zero("rereferred"), zero("n")), note + "; re-referral within 12 months of closure"));
    }

    // ---------------------------------------------------------------- R8

    /**
     * ppm_held and ppm_by_second_review at each snapshot. Children looked after at the date: an open
     * period of care (cla_period, not a short break). Their reviews in the current period on or before
     * the date (cla_review), and their permanence planning meetings in the period on or before the date
     * (tracker_permanence_planning).
     */
    public static Dataset<Row> permanence(Dataset<Row> snapshots, Dataset<Row> periodsOfCare, Dataset<Row> reviews,
                                          Dataset<Row> meetings) {
        String note = "source: SSDA903 periods of care and reviews; local tracker permanence_planning";
        Dataset<Row> lac = openAt(snapshots, periodsOfCare.filter(functions.coalesce(col("is_short_break"), lit(false)).equalTo(false))
                .select(col("la_code"), col("person_id"), col("start_date").as("poc_start"), col("end_date").as("poc_end")),
                "poc_start", "poc_end").select(cols(P, "person_id", "poc_start"));
        Dataset<Row> rv = lac.join(reviews.select(col("la_code").as("_la"), col("person_id").as("_p"), col("review_date")),
                        col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                                .and(col("review_date").geq(col("poc_start"))).and(col("review_date").leq(col("period_end"))))
                .withColumn("_n", functions.row_number().over(Window.partitionBy(cols(P, "person_id")).orderBy("review_date")))
                .filter(col("_n").equalTo(2)).select(cols(P, "person_id", "review_date"))
                .withColumnRenamed("review_date", "second_review");
        Dataset<Row> pm = lac.join(meetings.select(col("la_code").as("_la"), col("person_id").as("_p"), col("meeting_date")),
                        col("la_code").equalTo(col("_la")).and(col("person_id").equalTo(col("_p")))
                                .and(col("meeting_date").geq(col("poc_start"))).and(col("meeting_date").leq(col("period_end"))))
                .groupBy(cols(P, "person_id")).agg(functions.min("meeting_date").as("first_ppm"));
        Dataset<Row> base = lac.join(rv, scala(concat(P, "person_id")), "left").join(pm, scala(concat(P, "person_id")), "left");
        Dataset<Row> a = perPeriod(snapshots, base, count(lit(1)).as("lac"),
                sum(when(col("first_ppm").isNotNull(), 1).otherwise(0)).as("held"),
                count(col("second_review")).as("reviewed2"),
                sum(when(col("first_ppm").leq(col("second_review")), 1).otherwise(0)).as("by2"));
        return measure(a, "ppm_held", "percent", zero("held"), zero("lac"), Trends.percent(zero("held"), zero("lac")), note)
                .unionByName(measure(a, "ppm_by_second_review", "percent", zero("by2"), zero("reviewed2"),
                        Trends.percent(zero("by2"), zero("reviewed2")), note));
    }

    // ---------------------------------------------------------------- police protection

    /**
     * pp_sibling_groups (entries in the year with a sibling group; breakdown count_of = groups) and
     * pp_out_of_hours (percent of entries starting outside 09:00-17:00 Monday-Friday or on a bank
     * holiday). Items: la_code, person_id, sibling_group_id, event_datetime.
     */
    public static Dataset<Row> policeProtection(Dataset<Row> periods, Dataset<Row> events, String holidaysSql, String note) {
        Dataset<Row> j = within(periods, events.withColumn("_d", functions.to_date(col("event_datetime"))), "_d")
                .withColumn("_ooh", functions.expr("dayofweek(_d) IN (1, 7) OR hour(event_datetime) < 9 OR hour(event_datetime) >= 17"
                        + " OR array_contains(" + holidaysSql + ", _d)"));
        Dataset<Row> a = perPeriod(periods, j, count(lit(1)).as("n"),
                sum(when(col("sibling_group_id").isNotNull(), 1).otherwise(0)).as("sib"),
                countDistinct(col("sibling_group_id")).as("groups"),
                sum(when(col("_ooh"), 1).otherwise(0)).as("ooh"));
        return countRows(a, "pp_sibling_groups", zero("sib"), note)
                .unionByName(countRows(a, "pp_sibling_groups", zero("groups"), note)
                        .withColumn("breakdown", lit("count_of")).withColumn("breakdown_value", lit("groups")))
                .unionByName(measure(a, "pp_out_of_hours", "percent", zero("ooh"), zero("n"),
                        Trends.percent(zero("ooh"), zero("n")), note));
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    static Column[] cols(List<String> a, String... more) { return cols(concat(a, more)); }
}
