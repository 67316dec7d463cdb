package csc.lakehouse.publish;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RuleCounts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

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

    /** The silver table comparing each return with the case-management system (issue 18). */
    public static final String RECONCILIATION = "return_reconciliation";
    /** Its statuses, in the order the outputs show them. */
    public static final List<String> STATUSES = List.of("matched", "missing_from_return", "missing_from_system", "differing");

    /**
     * The returns against the system, counted (no child's row leaves the lakehouse): per LA, return and item, the
     * items of each status and, of the differing ones, how often each field differs ("referral_source 3, ...").
     * Empty when the lakehouse holds no reconciliation (no SSD extract beside the returns).
     */
    public static List<Map<String, Object>> returnReconciliation(Lakehouse lake) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!lake.exists(Layer.SILVER, RECONCILIATION)) return out;
        Dataset<Row> rec = lake.read(Layer.SILVER, RECONCILIATION);
        Map<String, Map<String, Object>> byReturn = new TreeMap<>();
        for (Row r : rec.groupBy("la_code", "collection_year", "item", "status").count().collectAsList()) {
            Map<String, Object> m = byReturn.computeIfAbsent(r.getString(0) + "|" + r.getInt(1) + "|" + r.getString(2), k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("la_code", r.getString(0));
                n.put("collection_year", r.getInt(1));
                n.put("item", r.getString(2));
                for (String st : STATUSES) n.put(st, 0L);
                n.put("fields_differing", "");
                return n;
            });
            m.put(r.getString(3), r.getLong(4));
        }
        Map<String, Map<String, Long>> fields = new TreeMap<>();
        for (Row r : rec.filter(col("fields_differing").isNotNull())
                .select(col("la_code"), col("collection_year"), col("item"),
                        explode(split(col("fields_differing"), ",")).as("field"))
                .groupBy(col("la_code"), col("collection_year"), col("item"), trim(col("field")).as("field")).count()
                .collectAsList()) {
            fields.computeIfAbsent(r.getString(0) + "|" + r.getInt(1) + "|" + r.getString(2), k -> new TreeMap<>())
                    .put(r.getString(3), r.getLong(4));
        }
        fields.forEach((k, f) -> {
            List<String> parts = new ArrayList<>();
            f.forEach((name, n) -> parts.add(name + " " + n));
            if (byReturn.containsKey(k)) byReturn.get(k).put("fields_differing", String.join(", ", parts));
        });
        out.addAll(byReturn.values());
        return out;
    }
}
