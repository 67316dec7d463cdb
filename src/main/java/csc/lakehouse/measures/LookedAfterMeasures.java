package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static csc.lakehouse.measures.MeasureContext.SSDA903;
import static org.apache.spark.sql.functions.*;

/**
 * Children looked after and police protection (design/measures.md, SSDA903), written to {@code gold.looked_after}.
 * Reads silver {@code cla_episode} and {@code cla_period}: the de-duplicated history of all returns.
 * Each measure is a small function of period frames and silver; {@link #compute} unions them.
 */
public final class LookedAfterMeasures implements MeasureFamily {
    public static final String THEME = "Children looked after and police protection";

    /** Legal statuses published as breakdown rows of {@code cla_starts_legal_status}, in this order. */
    public static final List<String> START_LEGAL_STATUSES =
            List.of("C1", "C2", "D1", "E1", "V2", "L1", "L2", "L3", "J1", "J2", "J3");

    static final List<String> SHORT_BREAK = List.of("V3", "V4");
    static final List<String> RETURNED_HOME = List.of("E4A", "E4B");

    @Override
    public String name() { return "looked_after"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return List.of(
                new MeasureDefinition("cla_31mar", "count", THEME, "Children looked after (snapshot)",
                        "Children (distinct) with an open SSDA903 episode at the date (DECOM <= date and DEC empty or after it), "
                                + "excluding episodes whose own legal status is V3 or V4 (short breaks). Snapshot: 31 March of "
                                + "each reporting year, --as-at, and month ends with --monthly."),
                new MeasureDefinition("cla_31mar_rate", "rate_per_10000", THEME, "Children looked after per 10,000",
                        "`cla_31mar` per 10,000 children aged 0-17 (ONS mid-(Y-1) estimate for reporting year Y)."),
                new MeasureDefinition("cla_starts", "count", THEME, "Periods of care starting",
                        "Periods of care (silver cla_period) starting in the reporting year, excluding short-break periods "
                                + "(first episode V3 or V4). A period of several abutting episodes is one start."),
                new MeasureDefinition("cla_starts_rate", "rate_per_10000", THEME, "Periods of care starting per 10,000",
                        "`cla_starts` per 10,000 children aged 0-17 (mid-(Y-1) estimate)."),
                new MeasureDefinition("cla_starts_legal_status", "count and percent", THEME, "Starts by legal status",
                        "`cla_starts` by the legal status of the first episode: the Total row is all starts (count); "
                                + "`legal_status` rows C1, C2, D1, E1, V2, L1, L2, L3, J1, J2, J3 are percent of all starts. "
                                + "A start with any other or no legal status counts in the Total only."),
                new MeasureDefinition("cla_starts_police_protection", "percent", THEME, "Starts under police protection",
                        "Of `cla_starts`, those whose first episode has legal status L1 (police protection)."),
                new MeasureDefinition("pp_returned_home_14d", "percent", THEME, "Police protection: home within 14 days",
                        "Of periods of care starting in the year whose first episode is L1, those that ended (last DEC) at "
                                + "most 14 days after they started (first DECOM) with final REC E4A or E4B (returned home)."),
                new MeasureDefinition("pp_l1_over_72h", "count", THEME, "L1 episodes over 72 hours",
                        "SSDA903 episodes with legal status L1 starting in the year that lasted more than 3 days "
                                + "(DEC - DECOM > 3 days; the 903 holds dates only; an episode still open is measured to the "
                                + "end of the reporting year). 903 rule 361."));
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> episodes = ctx.table("cla_episode");
        Dataset<Row> periods = ctx.table("cla_period");
        Dataset<Row> years = ctx.reportingYears(SSDA903);
        Dataset<Row> snapshots = ctx.snapshots(SSDA903);

        Dataset<Row> open = claOpenAt(snapshots, episodes);
        Dataset<Row> starts = startsInYear(years, periods);
        Dataset<Row> startCounts = countPerPeriod(years, starts);

        List<Dataset<Row>> parts = new ArrayList<>();
        parts.add(Trends.count("cla_31mar", open));
        parts.add(ctx.rateRows("cla_31mar_rate", open));
        parts.add(Trends.count("cla_starts", startCounts));
        parts.add(ctx.rateRows("cla_starts_rate", startCounts));
        parts.add(claStartsLegalStatus(years, starts));
        parts.add(claStartsPoliceProtection(years, starts));
        parts.add(ppReturnedHome14d(years, starts));
        parts.add(ppL1Over72h(years, episodes));
        Dataset<Row> all = null;
        for (Dataset<Row> p : parts) {
            Dataset<Row> shaped = Trends.shape(p);
            all = all == null ? shaped : all.unionByName(shaped);
        }
        return all;
    }

    /**
     * {@code cla_31mar}: per snapshot (date d = period_end), distinct children with an episode open at d
     * (DECOM <= d and (DEC empty or DEC > d)) whose own legal status is not V3/V4. An episode ending on d is
     * not open; one starting on d is.
     *
     * @return the snapshot frame plus {@code n} (0 where no child was looked after)
     */
    static Dataset<Row> claOpenAt(Dataset<Row> snapshots, Dataset<Row> episodes) {
        Dataset<Row> e = episodes.filter(not(coalesce(col("legal_status"), lit("")).isin(SHORT_BREAK.toArray())))
                .select(col("la_code").as("_la"), col("person_id").as("_item"),
                        col("start_date").as("_start"), col("end_date").as("_end"));
        Dataset<Row> matched = snapshots.join(e, col("la_code").equalTo(col("_la"))
                .and(col("_start").leq(col("period_end")))
                .and(col("_end").isNull().or(col("_end").gt(col("period_end")))));
        return countPerPeriod(snapshots, matched);
    }

    /**
     * Periods of care starting in the reporting year (DECOM of the first episode between 1 April and 31 March)
     * that are not short breaks: the period frame's columns plus {@code _item} (one per period),
     * {@code _start}, {@code _end}, {@code first_legal_status}, {@code final_reason_ceased}.
     */
    static Dataset<Row> startsInYear(Dataset<Row> years, Dataset<Row> periods) {
        Dataset<Row> p = periods.filter(not(coalesce(col("is_short_break"), lit(false))))
                .select(col("la_code").as("_la"),
                        concat_ws("|", col("person_id"), col("start_date").cast("string")).as("_item"),
                        col("start_date").as("_start"), col("end_date").as("_end"),
                        col("first_legal_status"), col("final_reason_ceased"));
        return years.join(p, col("la_code").equalTo(col("_la"))
                        .and(col("_start").between(col("period_start"), col("period_end"))))
                .drop("_la");
    }

    /** {@code cla_starts_legal_status}: distribution of starts by first legal status over {@link #START_LEGAL_STATUSES}. */
    static Dataset<Row> claStartsLegalStatus(Dataset<Row> years, Dataset<Row> starts) {
        List<String> cols = new ArrayList<>(Trends.PERIOD_COLUMNS);
        cols.add("first_legal_status");
        return Trends.distribution("cla_starts_legal_status", years,
                starts.select(cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)),
                "first_legal_status", START_LEGAL_STATUSES)
                .withColumn("breakdown", when(col("breakdown").equalTo("first_legal_status"), lit("legal_status"))
                        .otherwise(col("breakdown")));
    }

    /** {@code cla_starts_police_protection}: percent of starts whose first episode is L1. */
    static Dataset<Row> claStartsPoliceProtection(Dataset<Row> years, Dataset<Row> starts) {
        return Trends.percentRows("cla_starts_police_protection",
                numDenPerPeriod(years, starts, coalesce(col("first_legal_status").equalTo("L1"), lit(false))));
    }

    /**
     * {@code pp_returned_home_14d}: of starts whose first episode is L1, those with an end date at most 14 days
     * after the start (DEC - DECOM <= 14) and final REC E4A or E4B.
     */
    static Dataset<Row> ppReturnedHome14d(Dataset<Row> years, Dataset<Row> starts) {
        Dataset<Row> l1 = starts.filter(col("first_legal_status").equalTo("L1"));
        Column returned = col("_end").isNotNull()
                .and(datediff(col("_end"), col("_start")).leq(14))
                .and(coalesce(col("final_reason_ceased").isin(RETURNED_HOME.toArray()), lit(false)));
        return Trends.percentRows("pp_returned_home_14d", numDenPerPeriod(years, l1, returned));
    }

    /**
     * {@code pp_l1_over_72h}: L1 episodes starting in the year with DEC - DECOM > 3 days (exactly 3 days is not
     * counted; the 903 holds dates only). An episode still open is measured to the end of the reporting year.
     */
    static Dataset<Row> ppL1Over72h(Dataset<Row> years, Dataset<Row> episodes) {
        Dataset<Row> e = episodes.filter(col("legal_status").equalTo("L1"))
                .select(col("la_code").as("_la"),
                        concat_ws("|", col("person_id"), col("start_date").cast("string")).as("_item"),
                        col("start_date").as("_start"), col("end_date").as("_end"));
        Dataset<Row> matched = years.join(e, col("la_code").equalTo(col("_la"))
                        .and(col("_start").between(col("period_start"), col("period_end"))))
                .filter(datediff(coalesce(col("_end"), col("period_end")), col("_start")).gt(3));
        return Trends.count("pp_l1_over_72h", countPerPeriod(years, matched));
    }

    /** Distinct {@code _item} per period of {@code periods}; every period gets a row ({@code n} = 0 when none). */
    static Dataset<Row> countPerPeriod(Dataset<Row> periods, Dataset<Row> matched) {
        Dataset<Row> counts = matched.groupBy(keyCols()).agg(countDistinct(col("_item")).as("n"));
        return periods.join(counts, Trends.toSeq(Trends.PERIOD_COLUMNS), "left")
                .withColumn("n", coalesce(col("n"), lit(0L)).cast("long"));
    }

    /** Per period: {@code den} = distinct {@code _item}, {@code num} = those where {@code flag} holds (0/0 when none). */
    static Dataset<Row> numDenPerPeriod(Dataset<Row> periods, Dataset<Row> items, Column flag) {
        Dataset<Row> counts = items.groupBy(keyCols()).agg(
                countDistinct(when(flag, col("_item"))).as("num"), countDistinct(col("_item")).as("den"));
        return periods.join(counts, Trends.toSeq(Trends.PERIOD_COLUMNS), "left")
                .withColumn("num", coalesce(col("num"), lit(0L)).cast("long"))
                .withColumn("den", coalesce(col("den"), lit(0L)).cast("long"));
    }

    private static Column[] keyCols() {
        return Trends.PERIOD_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
