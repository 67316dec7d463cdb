package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.DerivedSilverTable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Episode continuity over the history of silver {@code cla_episode} (each episode's latest return's row, vanished
 * episodes left out), with window
 * functions only. An episode <em>continues</em> the previous one of the same child when that one ended
 * with REC X1 on the day this one starts (DEC = DECOM) and this one is not RNE S. Runs of continuing
 * episodes are grouped into:
 * <ul>
 *   <li>{@code cla_period}: a new period at every episode that does not continue the previous one. An
 *       episode with RNE other than S that does not continue anything still starts a period (counted and
 *       logged as a warning). The period ends with its last episode; it is open ({@code end_date} null)
 *       while that episode has no DEC or ended with X1 and no next episode has arrived yet.
 *       {@code is_short_break} when the first legal status is V3 or V4;</li>
 *   <li>{@code legal_status}: a new spell whenever the legal status changes or the episodes do not abut;</li>
 *   <li>{@code placement}: a new placement on RNE S, P, T, B or U, or when the episodes do not abut.</li>
 * </ul>
 */
public final class CarePeriods {
    private static final Logger LOG = LogManager.getLogger(CarePeriods.class);

    private CarePeriods() {}

    static WindowSpec byChild() {
        return Window.partitionBy(col("la_code"), col("person_id")).orderBy(col("start_date"));
    }

    /** Episodes with {@code _abuts} (previous episode X1 and DEC = this DECOM). */
    static Dataset<Row> withContinuity(Dataset<Row> episodes) {
        WindowSpec w = byChild();
        return episodes
                .withColumn("_prev_end", lag(col("end_date"), 1).over(w))
                .withColumn("_prev_rec", lag(col("reason_ceased"), 1).over(w))
                .withColumn("_abuts", functions.coalesce(col("_prev_rec").equalTo("X1")
                        .and(col("_prev_end").equalTo(col("start_date"))), lit(false)));
    }

    /** Numbers runs of episodes: a new run where {@code newRun} is true. */
    static Dataset<Row> runs(Dataset<Row> episodes, Column newRun, String name) {
        WindowSpec upTo = byChild().rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        return episodes.withColumn(name, functions.sum(when(newRun, 1).otherwise(0)).over(upTo));
    }

    private static Column lastBy(String c) {
        return functions.max_by(col(c), col("start_date"));
    }

    private static Column firstBy(String c) {
        return functions.min_by(col(c), col("start_date"));
    }

    /** Lineage of a derived row: the latest return among its episodes. */
    private static Column[] lineage() {
        return new Column[]{functions.max(col("collection_year")).as("collection_year"),
                functions.max_by(col("source_file_sha256"), col("collection_year")).as("source_file_sha256")};
    }

    public static Dataset<Row> periods(Dataset<Row> episodes) {
        Dataset<Row> e = withContinuity(episodes);
        Column starts = functions.not(col("_abuts")).or(col("reason_new_episode").equalTo("S"));
        e = runs(e, starts, "_period");
        Column last = functions.struct(col("start_date"), col("end_date"), col("reason_ceased"));
        Dataset<Row> g = e.groupBy(col("la_code"), col("person_id"), col("_period")).agg(
                functions.min(col("start_date")).as("start_date"),
                lastBy("end_date").as("_last_end"),
                lastBy("reason_ceased").as("final_reason_ceased"),
                firstBy("legal_status").as("first_legal_status"),
                firstBy("placement_type").as("first_placement_type"),
                firstBy("episode_id").as("first_episode_id"),
                firstBy("reason_new_episode").as("_first_rne"),
                functions.count(lit(1)).cast("int").as("episode_count"),
                lineage()[0], lineage()[1]);
        return g.withColumn("end_date", when(col("final_reason_ceased").isNull()
                                .or(col("final_reason_ceased").notEqual("X1")), col("_last_end")))
                .withColumn("is_short_break", functions.coalesce(col("first_legal_status").isin("V3", "V4"), lit(false)))
                .withColumn("period_id", Ssda903Columns.hashId(col("la_code"), col("person_id"), col("start_date")));
    }

    /** Periods whose first episode is not RNE S (the warning the period builder logs). */
    public static long periodsNotStartingWithS(Dataset<Row> periods) {
        return periods.filter(functions.coalesce(col("_first_rne").notEqual("S"), lit(true))).count();
    }

    public static Dataset<Row> legalStatuses(Dataset<Row> episodes) {
        Dataset<Row> e = withContinuity(episodes.filter(col("legal_status").isNotNull()))
                .withColumn("_prev_ls", lag(col("legal_status"), 1).over(byChild()));
        Column newSpell = functions.not(col("_abuts")).or(functions.not(functions.coalesce(
                col("_prev_ls").equalTo(col("legal_status")), lit(false))));
        e = runs(e, newSpell, "_spell");
        return e.groupBy(col("la_code"), col("person_id"), col("_spell")).agg(
                firstBy("legal_status").as("legal_status"),
                functions.min(col("start_date")).as("start_date"),
                lastBy("end_date").as("end_date"),
                lineage()[0], lineage()[1]);
    }

    public static Dataset<Row> placements(Dataset<Row> episodes) {
        Dataset<Row> e = withContinuity(episodes);
        Column newPlacement = functions.not(col("_abuts"))
                .or(functions.coalesce(col("reason_new_episode").isin("S", "P", "T", "B", "U"), lit(true)));
        e = runs(e, newPlacement, "_placement");
        return e.groupBy(col("la_code"), col("person_id"), col("_placement")).agg(
                        functions.min(col("start_date")).as("start_date"),
                        lastBy("end_date").as("end_date"),
                        firstBy("placement_type").as("placement_type"),
                        firstBy("placement_provider").as("placement_provider"),
                        firstBy("urn").as("urn"),
                        firstBy("placement_postcode_district").as("placement_postcode_district"),
                        lineage()[0], lineage()[1])
                .withColumn("placement_id", Ssda903Columns.hashId(col("la_code"), col("person_id"), col("start_date")));
    }

    /** The episodes' history (each episode's latest row, not vanished); null stays null. */
    static Dataset<Row> history(Dataset<Row> episodes) {
        return episodes == null ? null : csc.lakehouse.conform.SilverWriter.history(episodes);
    }

    /** {@code cla_period} as a derived silver table. */
    public static final class PeriodTable implements DerivedSilverTable {
        @Override
        public String table() { return "cla_period"; }

        @Override
        public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
            Dataset<Row> episodes = history(silver.get("cla_episode"));
            if (episodes == null) return Optional.empty();
            Dataset<Row> p = periods(episodes);
            long odd = periodsNotStartingWithS(p);
            if (odd > 0) {
                LOG.warn("cla_period: {} period(s) start with an episode whose RNE is not S (no abutting X1 episode before it)", odd);
            }
            return Optional.of(p);
        }
    }

    public static final class LegalStatusTable implements DerivedSilverTable {
        @Override
        public String table() { return "legal_status"; }

        @Override
        public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
            return Optional.ofNullable(history(silver.get("cla_episode"))).map(CarePeriods::legalStatuses);
        }
    }

    public static final class PlacementTable implements DerivedSilverTable {
        @Override
        public String table() { return "placement"; }

        @Override
        public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
            return Optional.ofNullable(history(silver.get("cla_episode"))).map(CarePeriods::placements);
        }
    }
}
