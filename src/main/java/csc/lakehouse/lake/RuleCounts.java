package csc.lakehouse.lake;

import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

/**
 * A silver table's rule counts as its quarantine and warnings tables hold them, counted the way conform counts them
 * while it writes: a quarantined row under every rule it broke ({@code rules_broken}), a warning row (one per rule
 * and kept row) under its rule. Conform reads them for the tables it kept as they were; publish reads them when the
 * run conformed nothing. One definition, so a re-run's data-quality report equals the run's before it.
 */
public final class RuleCounts {
    private RuleCounts() {}

    /** Rows quarantined from {@code table} by rule; empty when it has no quarantine table. */
    public static Map<String, Long> quarantined(Lakehouse lake, String table) {
        Map<String, Long> out = new TreeMap<>();
        if (!lake.exists(Layer.QUARANTINE, table)) return out;
        for (Row r : lake.read(Layer.QUARANTINE, table).select(explode(col("rules_broken")).as("rule"))
                .groupBy("rule").count().collectAsList()) {
            out.put(String.valueOf(r.get(0)), r.getLong(1));
        }
        return out;
    }

    /** Warnings on the rows {@code table} kept, by rule; empty when it has no warnings table. */
    public static Map<String, Long> warned(Lakehouse lake, String table) {
        Map<String, Long> out = new TreeMap<>();
        if (!lake.exists(Layer.QUARANTINE, table + WARNINGS)) return out;
        for (Row r : lake.read(Layer.QUARANTINE, table + WARNINGS).groupBy("rule_id").count().collectAsList()) {
            out.put(String.valueOf(r.get(0)), r.getLong(1));
        }
        return out;
    }

    /** The suffix of a silver table's warnings table in the quarantine layer. */
    public static final String WARNINGS = "_warnings";
}
