package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.RecommendationRows.OUT;
import static csc.lakehouse.measures.RecommendationRows.P;
import static csc.lakehouse.measures.RecommendationRows.cols;
import static csc.lakehouse.measures.RecommendationRows.concat;
import static csc.lakehouse.measures.RecommendationRows.openAt;
import static csc.lakehouse.measures.RecommendationRows.scala;
import static csc.lakehouse.measures.RecommendationRows.snapshotsFromData;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * R2, supervision and management oversight: children supervised within 4 and 8 weeks (local tracker
 * {@code supervisions}; children open from the CIN census, or the tracker's case dates where the LA has no
 * census), and case-holding social workers over their team's caseload target (local tracker
 * {@code caseloads}; children per FTE where the tracker gives FTE). Where no caseload tracker covers a date, the
 * council's SSD extract stands in (issue 18, {@link #ssdCaseloads}): children with an open involvement per worker,
 * per FTE from ssd_professionals, against the one target per FTE of {@code ssd_timescales} in targets.yaml. The
 * tracker comes first where a council keeps one because it holds each team's own target, which the SSD does not.
 * Supervision stays with its tracker: the SSD has no supervision table.
 */
public final class SupervisionAndOversight implements OfstedRecommendation {
    @Override
    public String recommendationId() { return "R2"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of("supervision_4wk", "supervision_8wk", "caseload_over_target",
                "caseload_over_target_pct");
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> sup = ctx.table("tracker_supervisions");
        Dataset<Row> cinOpen = ctx.table("referral").filter(functions.coalesce(col("referral_nfa"), lit(false)).equalTo(false))
                .select(col("la_code"), col("person_id"), col("referral_date").as("start"), col("closure_date").as("end"),
                        lit("source: local tracker supervisions; children open: CIN census episodes").as("note"));
        Dataset<Row> trkOpen = sup.filter(col("case_start_date").isNotNull())
                .select(col("la_code"), col("person_id"), col("case_start_date").as("start"), col("case_end_date").as("end"),
                        lit("source: local tracker supervisions; children open: tracker case dates").as("note"));
        Dataset<Row> supervision = supervisionBySource(snapshotsFromData(ctx.spark(),
                        sup.select(col("la_code"), col("supervision_date")), "supervision_date", ctx.asAt()),
                cinOpen, trkOpen, sup.select("la_code", "person_id", "supervision_date"), censusEnds(ctx));
        Dataset<Row> cl = ctx.table("tracker_caseloads");
        Dataset<Row> tracker = caseloads(snapshotsFromData(ctx.spark(), cl, "as_at_date", ctx.asAt()), cl, TRACKER_SOURCE);
        Dataset<Row> inv = ctx.table("involvement");
        double target = SsdCaseHistoryMeasures.Timescales.load().caseloadTargetPerFte();
        Dataset<Row> invSnaps = snapshotsFromData(ctx.spark(), inv, "start_date", ctx.asAt());
        Dataset<Row> ssd = SsdCaseHistoryMeasures.withinExtract(caseloads(invSnaps,
                ssdCaseloads(invSnaps, inv, ctx.table("professional"), target),
                "SSD extract (involvements open on the date, FTE from ssd_professionals, target " + target
                        + " children per FTE in targets.yaml)"), inv);
        return supervision.unionByName(RecommendationRows.prefer(tracker, ssd));
    }

    static final String TRACKER_SOURCE = "local tracker caseloads";

    /**
     * Caseload items as the tracker holds them, from the SSD: per snapshot date and worker, the children with an
     * involvement of that worker open on the date (started on or before it, not ended before it), the worker's FTE
     * from ssd_professionals (none: children held), the council's one target per FTE, every worker case-holding.
     * Items: la_code, worker_id, children_held, team_target, as_at_date, case_holding, fte.
     */
    public static Dataset<Row> ssdCaseloads(Dataset<Row> snapshots, Dataset<Row> involvement, Dataset<Row> professional,
                                            double targetPerFte) {
        Dataset<Row> open = openAt(snapshots, involvement.select("la_code", "worker_id", "person_id", "start_date", "end_date"),
                "start_date", "end_date").filter(col("worker_id").isNotNull());
        Dataset<Row> held = open.groupBy(col("la_code"), col("worker_id"), col("period_end").as("as_at_date"))
                .agg(functions.count_distinct(col("person_id")).as("children_held"));
        Dataset<Row> fte = professional.select(col("la_code").as("_fla"), col("worker_id").as("_fw"), col("fte"));
        return held.join(fte, col("la_code").equalTo(col("_fla")).and(col("worker_id").equalTo(col("_fw"))), "left")
                .select(col("la_code"), col("worker_id"), col("children_held"), lit(targetPerFte).as("team_target"),
                        col("as_at_date"), lit(true).as("case_holding"), col("fte"));
    }

    /**
     * A supervision row is published only when the tracker covers its whole window: the date minus 28 days
     * (supervision_4wk) or 56 days (supervision_8wk) is on or after the LA's first supervision in the tracker.
     * Otherwise a child supervised before the tracker existed would count as not supervised: the row is not
     * published and its note says why (a part-year tracker, measures.md "Part years").
     */
    public static Dataset<Row> windowCovered(Dataset<Row> rows, Dataset<Row> supervisions) {
        Dataset<Row> first = supervisions.filter(col("supervision_date").isNotNull()).groupBy(col("la_code").as("_s_la"))
                .agg(functions.min("supervision_date").as("_s_first"));
        Column days = when(col("measure_id").equalTo("supervision_4wk"), lit(28)).otherwise(lit(56));
        Dataset<Row> r = rows.join(first, col("la_code").equalTo(col("_s_la")), "left");
        Column windowStart = functions.date_sub(col("period_end"), days);
        r = Trends.notPublished(r, col("_s_first").isNotNull().and(windowStart.lt(col("_s_first"))), functions.concat(
                lit("the local supervision tracker starts on "), col("_s_first").cast("string"), lit(", less than "),
                days.cast("string"), lit(" days before this date: supervisions before it are not known (a part-year tracker)")));
        return r.select(cols(OUT));
    }

    /** (la_code, census_end): 31 March of the latest CIN census held per LA. */
    static Dataset<Row> censusEnds(MeasureContext ctx) {
        List<Row> rows = new java.util.ArrayList<>();
        for (String la : ctx.las(MeasureContext.CIN_CENSUS)) {
            Integer y = ctx.latestReturn(la, MeasureContext.CIN_CENSUS);
            if (y != null) rows.add(org.apache.spark.sql.RowFactory.create(la, java.sql.Date.valueOf(Periods.yearEnd(y))));
        }
        return ctx.spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("la_code", org.apache.spark.sql.types.DataTypes.StringType)
                .add("census_end", org.apache.spark.sql.types.DataTypes.DateType));
    }

    /**
     * Supervision at each snapshot, with the children open at the date (the denominator) from the source that knows
     * them: the tracker's own case dates ({@code trackerOpen}) where the LA's tracker gives them and the date is after
     * 31 March of the latest CIN census held ({@code censusEnds}: la_code, census_end), or no census is held at all;
     * otherwise the CIN census episodes ({@code censusOpen}). A census-served date after the latest census is
     * provisional (closures since that 31 March are unknown); a tracker-served one is not: the tracker records them.
     * Rows whose window the tracker does not cover are not published ({@link #windowCovered}).
     */
    public static Dataset<Row> supervisionBySource(Dataset<Row> snapshots, Dataset<Row> censusOpen, Dataset<Row> trackerOpen,
                                                   Dataset<Row> supervisions, Dataset<Row> censusEnds) {
        Dataset<Row> trackerLas = trackerOpen.select(col("la_code").as("_t_la")).distinct();
        Dataset<Row> ends = censusEnds.select(col("la_code").as("_c_la"), col("census_end"));
        List<String> periodCols = List.of(MeasureContext.PERIOD_SCHEMA.fieldNames());
        Dataset<Row> s = snapshots.select(cols(periodCols))
                .join(trackerLas, col("la_code").equalTo(col("_t_la")), "left")
                .join(ends, col("la_code").equalTo(col("_c_la")), "left");
        Column afterCensus = col("census_end").isNull().or(col("period_end").gt(col("census_end")));
        Column byTracker = col("_t_la").isNotNull().and(afterCensus);
        // a window the tracker does not cover is not published, before (and instead of) any provisional mark
        Dataset<Row> fromTracker = windowCovered(
                supervision(s.filter(byTracker).select(cols(periodCols)), trackerOpen, supervisions), supervisions);
        Dataset<Row> fromCensus = windowCovered(
                supervision(s.filter(functions.not(byTracker)).select(cols(periodCols)), censusOpen, supervisions), supervisions);
        Dataset<Row> c = fromCensus.join(ends, col("la_code").equalTo(col("_c_la")), "left");
        c = Trends.provisional(c, col("period_end").gt(col("census_end")), functions.concat(
                lit("as at a date after 31 March "), functions.year(col("census_end")).cast("string"),
                lit(", the latest cin_census return held, and the tracker gives no case dates: children whose cases "
                        + "closed since then are not yet known"))).drop("_c_la", "census_end");
        return fromTracker.unionByName(c.select(cols(OUT)));
    }

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
        return percentWithNote(a, "supervision_4wk", col("n4"), col("den"))
                .unionByName(percentWithNote(a, "supervision_8wk", col("n8"), col("den")));
    }

    /**
     * caseload_over_target (count; denominator = case-holding workers) and caseload_over_target_pct at
     * each snapshot, from the latest caseload count on or before the date. A worker is over target when
     * children_held / fte > team_target where fte is given and positive (a 0.5 FTE worker holding 10
     * children carries 20 per FTE), else when children_held > team_target. Items: la_code, worker_id,
     * children_held, team_target, as_at_date, case_holding, fte (optional).
     */
    public static Dataset<Row> caseloads(Dataset<Row> snapshots, Dataset<Row> caseloads) {
        return caseloads(snapshots, caseloads, TRACKER_SOURCE);
    }

    /** As {@link #caseloads(Dataset, Dataset)}, the rows' notes naming {@code source}. */
    public static Dataset<Row> caseloads(Dataset<Row> snapshots, Dataset<Row> caseloads, String source) {
        Dataset<Row> withFte = java.util.Arrays.asList(caseloads.columns()).contains("fte") ? caseloads
                : caseloads.withColumn("fte", lit(null).cast("double"));
        Dataset<Row> c = snapshots.select(cols(P)).join(withFte.withColumnRenamed("la_code", "_ila"),
                col("la_code").equalTo(col("_ila")).and(col("as_at_date").leq(col("period_end")))).drop("_ila");
        c = c.withColumn("_latest", functions.max("as_at_date").over(Window.partitionBy(cols(P))))
                .filter(col("as_at_date").equalTo(col("_latest")))
                .filter(functions.coalesce(col("case_holding"), lit(true)).and(col("children_held").gt(0)));
        Column perFte = col("fte").isNotNull().and(col("fte").gt(0));
        Column caseload = when(perFte, col("children_held").divide(col("fte"))).otherwise(col("children_held").cast("double"));
        Dataset<Row> a = c.groupBy(cols(P)).agg(count(lit(1)).as("den"),
                        sum(when(caseload.gt(col("team_target")), 1).otherwise(0)).as("over"),
                        sum(when(perFte, 1).otherwise(0)).as("fte_given"),
                        functions.max("_latest").as("_latest"))
                .withColumn("note", functions.concat(lit("source: " + source + " as at "), col("_latest").cast("string"),
                        lit("; children per FTE for "), col("fte_given").cast("string"), lit(" of "), col("den").cast("string"),
                        lit(" workers (FTE given), children held for the rest")));
        Dataset<Row> countRows = a.withColumn("measure_id", lit("caseload_over_target"))
                .withColumn("numerator", col("over").cast("long")).withColumn("denominator", col("den").cast("long"))
                .withColumn("value", col("over").cast("double")).withColumn("unit", lit("count"))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL))
                .select(cols(OUT));
        return countRows.unionByName(percentWithNote(a, "caseload_over_target_pct", col("over"), col("den")));
    }

    /** A percent row per aggregate row, keeping the row's own {@code note}. */
    static Dataset<Row> percentWithNote(Dataset<Row> a, String id, Column num, Column den) {
        return a.withColumn("_num", num).withColumn("_den", den)
                .withColumn("measure_id", lit(id)).withColumn("numerator", col("_num").cast("long"))
                .withColumn("denominator", col("_den").cast("long"))
                .withColumn("value", Trends.percent(col("_num"), col("_den"))).withColumn("unit", lit("percent"))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL))
                .select(cols(OUT));
    }
}
