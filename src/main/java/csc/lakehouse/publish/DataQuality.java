package csc.lakehouse.publish;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.TreeMap;

/** Quarantine counts by table and rule, read from the lakehouse (for the workbook and evidence pack). */
public final class DataQuality {
    private DataQuality() {}

    /** Validation warnings (rows kept) by table and rule, from the {@code *_warnings} tables. */
    public static Map<String, Map<String, Long>> warningsByRule(Lakehouse lake) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String t : lake.tables(Layer.QUARANTINE)) {
            if (!t.endsWith("_warnings")) continue;
            for (Row r : lake.read(Layer.QUARANTINE, t).groupBy("rule_id").count().collectAsList()) {
                out.computeIfAbsent(t, k -> new TreeMap<>()).put(String.valueOf(r.get(0)), r.getLong(1));
            }
        }
        return out;
    }

    public static Map<String, Map<String, Long>> quarantineByRule(Lakehouse lake) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String t : lake.tables(Layer.QUARANTINE)) {
            if (t.endsWith("_warnings")) continue;
            for (Row r : lake.read(Layer.QUARANTINE, t).groupBy("rule_id").count().collectAsList()) {
                out.computeIfAbsent(t, k -> new TreeMap<>()).put(r.getString(0), r.getLong(1));
            }
        }
        return out;
    }
}
