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
 * Reads silver {@code cla_episode} per return (counts and snapshots of year Y from return Y) and
 * {@code cla_period} (history) for police-protection returns home.
 * Each measure is a small function of period frames and silver; {@link #compute} unions them.
 */
public final class LookedAfterMeasures implements MeasureFamily {
    /** Legal statuses published as breakdown rows of {@code cla_starts_legal_status}, in this order. */
    public static final List<String> START_LEGAL_STATUSES =
            List.of("C1", "C2", "D1", "E1", "V2", "L1", "L2", "L3", "J1", "J2", "J3");

    static final List<String> SHORT_BREAK = List.of("V3", "V4");
    static final List<String> RETURNED_HOME = List.of("E4A", "E4B");

    @Override
    public String name() { return "looked_after"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("cla_31mar", "cla_31mar_rate", "cla_starts", "cla_starts_rate",
                "cla_starts_legal_status", "cla_starts_police_protection", "pp_returned_home_14d", "pp_l1_over_72h");
    }

    /** Look-forward: a start's 14-day window must be covered by the data before its year is published. */
    public static final List<String> LOOK_FORWARD_14D = List.of("pp_returned_home_14d");

    /**
     * Counts in year Y and the snapshot at 31 March Y from return Y's own episodes ({@code ctx.returnRows});
     * {@code pp_returned_home_14d} over every L1 period of care in the history ({@code ctx.table("cla_period")})
     * once its 14-day window is covered; as-at dates after the latest return are provisional.
     */
    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> episodes = ctx.returnRows("cla_episode");
        Dataset<Row> years = ctx.reportingYearsToDate(SSDA903);
        Dataset<Row> snapshots = ctx.snapshots(SSDA903);

        Dataset<Row> open = claOpenAt(snapshots, episodes);
        Dataset<Row> starts = firstStartsInYear(years, episodes);
        Dataset<Row> startCounts = Periods.count(years, starts, "person_id");

        List<Dataset<Row>> parts = new ArrayList<>();
        parts.add(Trends.count("cla_31mar", open));
        parts.add(ctx.rateRows("cla_31mar_rate", open));
        parts.add(withNotStartsNote(Trends.count("cla_starts", startCounts), notStartsInYear(years, episodes)));
        parts.add(ctx.rateRows("cla_starts_rate", startCounts));
        parts.add(claStartsLegalStatus(years, starts));
        parts.add(claStartsPoliceProtection(years, starts));
        parts.add(ppReturnedHome14d(years, periodsStartingWithS(ctx.table("cla_period"), ctx.table("cla_episode"))));
        parts.add(ppL1Over72h(years, episodes));
        Dataset<Row> all = CollectedFrom.apply(CinMeasureSupport.union(parts));   // codes a return could not hold yet: x
        all = ctx.withLookForward(all, SSDA903, LOOK_FORWARD_14D, 0, 14, "14 days after a start on 31 March");
        return CinMeasureSupport.shape(ctx.withProvisional(all, SSDA903));
    }

    private static Column isS() {
        return coalesce(upper(trim(col("reason_new_episode"))).equalTo("S"), lit(false));
    }

    private static Column isShortBreak(String legalStatus) {
        return coalesce(upper(trim(col(legalStatus))).isin(SHORT_BREAK.toArray()), lit(false));
    }

    /**
     * {@code cla_31mar}: per snapshot (date d = period_end), distinct children with an episode of the serving
     * return open at d (DECOM <= d and (DEC empty or DEC > d)) whose own legal status is not V3/V4. An episode
     * ending on d is not open; one starting on d is.
     *
     * @return the snapshot frame plus {@code n} (0 where no child was looked after)
     */
    static Dataset<Row> claOpenAt(Dataset<Row> snapshots, Dataset<Row> episodes) {
        return Periods.count(snapshots, claOpenItems(snapshots, episodes), "person_id");
    }

    /** Children looked after at each snapshot (short breaks V3/V4 left out): one row per child, with the period columns. */
    static Dataset<Row> claOpenItems(Dataset<Row> snapshots, Dataset<Row> episodes) {
        Dataset<Row> e = episodes.filter(not(isShortBreak("legal_status")));
        return Periods.openAtInReturn(snapshots, e, "start_date", "end_date").select(Periods.pcols("person_id")).distinct();
    }

    /**
     * Children starting to be looked after in the year, each once, at the first period of care that starts in the
     * year (DfE: "only the first occasion on which a child started to be looked after in the year"): return Y's
     * episodes with RNE S and DECOM in the year whose legal status is not V3/V4 (a short-break period is not a
     * start); per child the earliest. Columns: period columns, {@code person_id}, {@code start_date},
     * {@code first_legal_status}.
     */
    static Dataset<Row> firstStartsInYear(Dataset<Row> years, Dataset<Row> episodes) {
        Dataset<Row> s = Periods.duringInReturn(years, episodes.filter(isS().and(not(isShortBreak("legal_status")))),
                "start_date");
        return s.withColumn("_n", row_number().over(org.apache.spark.sql.expressions.Window
                        .partitionBy(Periods.pcols("person_id")).orderBy(col("start_date"))))
                .filter(col("_n").equalTo(1))
                .select(Periods.pcols("person_id", "start_date", "legal_status"))
                .withColumn("first_legal_status", upper(trim(col("legal_status")))).drop("legal_status");
    }

    /**
     * Episodes of return Y starting in year Y that neither abut the child's previous episode in that return
     * (previous REC X1 and DEC = this DECOM) nor have RNE S: a 903 data-quality finding, never a start.
     * Period rows with {@code n} = such episodes.
     */
    static Dataset<Row> notStartsInYear(Dataset<Row> years, Dataset<Row> episodes) {
        org.apache.spark.sql.expressions.WindowSpec w = org.apache.spark.sql.expressions.Window
                .partitionBy(col("la_code"), col("person_id"), col("collection_year")).orderBy(col("start_date"));
        Dataset<Row> e = episodes
                .withColumn("_abuts", coalesce(lag(col("reason_ceased"), 1).over(w).equalTo("X1")
                        .and(lag(col("end_date"), 1).over(w).equalTo(col("start_date"))), lit(false)))
                .filter(not(col("_abuts")).and(not(isS())));
        return Periods.count(years, Periods.duringInReturn(years, e, "start_date"), "person_id", "start_date");
    }

    /** Adds the data-quality note to {@code cla_starts} rows of years with episodes that are neither S nor abutting. */
    static Dataset<Row> withNotStartsNote(Dataset<Row> startRows, Dataset<Row> notStarts) {
        Dataset<Row> n = notStarts.select(col("la_code").as("_q_la"), col("time_period").as("_q_tp"), col("n").as("_q_n"));
        Column note = when(col("_q_n").gt(0), concat(col("_q_n").cast("string"),
                lit(" episode(s) starting in the year neither abut the previous episode nor have RNE S: a 903 "
                        + "data-quality finding, not counted as starts")));
        return startRows.join(n, col("la_code").equalTo(col("_q_la")).and(col("time_period").equalTo(col("_q_tp"))), "left")
                .withColumn("note", note).drop("_q_la", "_q_tp", "_q_n");
    }

    /**
     * Periods of care (history) that start with an RNE S episode: a period opened by an episode that neither
     * abuts nor has RNE S is a data-quality finding, not a period start.
     */
    static Dataset<Row> periodsStartingWithS(Dataset<Row> periods, Dataset<Row> historyEpisodes) {
        Dataset<Row> s = historyEpisodes.filter(isS()).select(col("la_code").as("_s_la"), col("person_id").as("_s_person"),
                col("start_date").as("_s_start")).distinct();
        return periods.join(s, col("la_code").equalTo(col("_s_la")).and(col("person_id").equalTo(col("_s_person")))
                .and(col("start_date").equalTo(col("_s_start"))), "left_semi");
    }

    /** {@code cla_starts_legal_status}: distribution of first occasions by first legal status over {@link #START_LEGAL_STATUSES}. */
    static Dataset<Row> claStartsLegalStatus(Dataset<Row> years, Dataset<Row> starts) {
        List<String> cols = new ArrayList<>(Trends.PERIOD_COLUMNS);
        cols.add("first_legal_status");
        return Trends.distribution("cla_starts_legal_status", years,
                starts.select(cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)),
                "first_legal_status", START_LEGAL_STATUSES)
                .withColumn("breakdown", when(col("breakdown").equalTo("first_legal_status"), lit("legal_status"))
                        .otherwise(col("breakdown")));
    }

    /** {@code cla_starts_police_protection}: percent of first occasions whose first episode is L1. */
    static Dataset<Row> claStartsPoliceProtection(Dataset<Row> years, Dataset<Row> starts) {
        return Trends.percentRows("cla_starts_police_protection",
                Periods.numDen(years, starts, coalesce(col("first_legal_status").equalTo("L1"), lit(false)), "person_id"));
    }

    /**
     * {@code pp_returned_home_14d}: of every period of care (not only first occasions: repeat entries under police
     * protection matter) starting in the year under L1 (first episode RNE S, legal status L1), those with an end
     * date at most 14 days after the start (DEC - DECOM <= 14) and final REC E4A or E4B.
     *
     * @param periods silver cla_period rows (history) that start with an RNE S episode
     */
    static Dataset<Row> ppReturnedHome14d(Dataset<Row> years, Dataset<Row> periods) {
        Dataset<Row> l1 = Periods.during(years, periods.filter(not(coalesce(col("is_short_break"), lit(false))))
                .filter(upper(trim(col("first_legal_status"))).equalTo("L1")), "start_date");
        Column returned = col("end_date").isNotNull()
                .and(datediff(col("end_date"), col("start_date")).leq(14))
                .and(coalesce(col("final_reason_ceased").isin(RETURNED_HOME.toArray()), lit(false)));
        return Trends.percentRows("pp_returned_home_14d", Periods.numDen(years, l1, returned, "person_id", "start_date"));
    }

    /**
     * {@code pp_l1_over_72h}: L1 episodes of return Y starting in the year with DEC - DECOM > 3 days (exactly 3 days
     * is not counted; the 903 holds dates only). An episode still open is measured to the end of the reporting year.
     */
    static Dataset<Row> ppL1Over72h(Dataset<Row> years, Dataset<Row> episodes) {
        Dataset<Row> matched = Periods.duringInReturn(years, episodes.filter(col("legal_status").equalTo("L1")), "start_date")
                .filter(datediff(coalesce(col("end_date"), col("period_end")), col("start_date")).gt(3));
        return Trends.count("pp_l1_over_72h", Periods.count(years, matched, "person_id", "start_date"));
    }
}
