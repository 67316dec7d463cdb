package csc.lakehouse.publish;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RuleCounts;

import java.util.Map;
import java.util.TreeMap;

/**
 * Quarantine and warning counts by table and rule, read from the lakehouse (for the workbook and evidence pack, when
 * the run conformed nothing and so counted nothing itself), counted as conform counts them ({@link RuleCounts}).
 */
public final class DataQuality {
    private DataQuality() {}

    /** Validation warnings (rows kept) by table and rule, from the {@code *_warnings} tables. */
    public static Map<String, Map<String, Long>> warningsByRule(Lakehouse lake) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String t : lake.tables(Layer.QUARANTINE)) {
            if (!t.endsWith(RuleCounts.WARNINGS)) continue;
            String table = t.substring(0, t.length() - RuleCounts.WARNINGS.length());
            Map<String, Long> m = RuleCounts.warned(lake, table);
            if (!m.isEmpty()) out.put(table, m);
        }
        return out;
    }

    /** Quarantined rows by table and rule: a row that broke two rules counts under both. */
    public static Map<String, Map<String, Long>> quarantineByRule(Lakehouse lake) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String t : lake.tables(Layer.QUARANTINE)) {
            if (t.endsWith(RuleCounts.WARNINGS)) continue;
            Map<String, Long> m = RuleCounts.quarantined(lake, t);
            if (!m.isEmpty()) out.put(t, m);
        }
        return out;
    }
}
