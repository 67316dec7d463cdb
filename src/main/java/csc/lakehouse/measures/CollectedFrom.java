package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Items and codes a return could not hold yet are {@code x} (not collected), never 0: the rules of
 * {@code data-schemas/collected_from.yaml} (an item's first collection year, a code's {@code from_year} in its code
 * list), applied to measure rows by {@link #apply}. Data, not Java constants: a measure or breakdown over a new item
 * or code is covered by a line in the YAML.
 */
public final class CollectedFrom {
    private CollectedFrom() {}

    /**
     * One rule: rows of {@code measureId} (any measure when null), and of {@code breakdown} = {@code breakdownValue}
     * when those are given, for periods in reporting years before {@code firstYear}, are not collected.
     */
    public record Rule(String measureId, String breakdown, String breakdownValue, int firstYear, String what) {
        String reason() {
            String tp = Periods.timePeriod(firstYear);
            return "not collected: " + what + " first collected in " + tp.substring(0, 4) + "-" + tp.substring(4)
                    + " (collection year " + firstYear + ")";
        }
    }

    /** Every rule of collected_from.yaml, codes resolved against their code lists. */
    @SuppressWarnings("unchecked")
    public static List<Rule> rules() {
        Map<String, Object> all = DataSchemas.readYaml(MeasureContext.COLLECTED_FROM, Map.class);
        List<Rule> out = new ArrayList<>();
        if (all.get("items") instanceof Map<?, ?> items) {
            for (Map.Entry<?, ?> e : items.entrySet()) {
                Map<String, Object> item = (Map<String, Object>) e.getValue();
                Object first = item.get("first_collection_year");
                if (!(first instanceof Number n)) continue;
                String what = item.getOrDefault("what", e.getKey()) + " were";
                for (Object m : (List<Object>) item.getOrDefault("measures", List.of())) {
                    out.add(new Rule(m.toString(), null, null, n.intValue(), what));
                }
            }
        }
        if (all.get("codes") instanceof List<?> codes) {
            for (Object o : codes) {
                Map<String, Object> c = (Map<String, Object>) o;
                String list = c.get("code_list").toString(), code = c.get("code").toString();
                Optional<Integer> first = MeasureContext.firstCollectionYear(list, code);
                first.ifPresent(y -> out.add(new Rule(c.get("measure").toString(), null, null, y,
                        c.getOrDefault("what", code).toString() + " was")));
            }
        }
        if (all.get("breakdowns") instanceof Map<?, ?> breakdowns) {
            for (Map.Entry<?, ?> e : breakdowns.entrySet()) {
                String list = e.getValue().toString();
                for (csc.lakehouse.spec.CodeLists.Entry code : csc.lakehouse.spec.CodeLists.get().entries(list)) {
                    if (code.fromYear() == null) continue;
                    MeasureContext.firstCollectionYear(list, code.code()).ifPresent(y -> out.add(new Rule(null,
                            e.getKey().toString(), code.code(), y, "code " + code.code() + " (" + list + ") was")));
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /** {@link #apply(Dataset, List)} with {@link #rules()}. */
    public static Dataset<Row> apply(Dataset<Row> rows) {
        return apply(rows, rules());
    }

    /**
     * Marks the rows each rule covers as not collected ({@link Trends#notCollected}: values null, note
     * {@code [x] not collected: ...}). A period is before the first year when the reporting year of its end is.
     * Rows without breakdown columns are Total rows: breakdown rules do not touch them.
     */
    public static Dataset<Row> apply(Dataset<Row> rows, List<Rule> rules) {
        boolean hasBreakdown = Arrays.asList(rows.columns()).contains("breakdown")
                && Arrays.asList(rows.columns()).contains("breakdown_value");
        Column reason = null;   // one pass: the first rule that covers the row gives the reason
        for (Rule rule : rules) {
            if (rule.breakdown() != null && !hasBreakdown) continue;
            Column where = Periods.reportingYear(col("period_end")).lt(rule.firstYear());
            if (rule.measureId() != null) where = where.and(col("measure_id").equalTo(rule.measureId()));
            if (rule.breakdown() != null) {
                where = where.and(col("breakdown").equalTo(rule.breakdown()))
                        .and(col("breakdown_value").equalTo(rule.breakdownValue()));
            }
            reason = reason == null ? when(where, lit(rule.reason())) : reason.when(where, lit(rule.reason()));
        }
        if (reason == null) return rows;
        return Trends.notCollected(rows.withColumn("_x_reason", reason), col("_x_reason").isNotNull(), col("_x_reason"))
                .drop("_x_reason");
    }
}
