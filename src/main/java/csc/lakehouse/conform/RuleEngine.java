package csc.lakehouse.conform;

import csc.lakehouse.spec.CodeLists;
import csc.lakehouse.spec.RuleSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Applies a {@link RuleSet} to typed rows in one pass: each rule becomes a boolean column, broken
 * rules are gathered into an array, and the row is split into kept rows and quarantined rows. A row
 * that breaks several error rules is quarantined once, under the first (all ids are kept in
 * {@code rules_broken}).
 */
public final class RuleEngine {
    private RuleEngine() {}

    /** Result of validation; {@code checked} is cached because both outputs read it. */
    public record Validated(Dataset<Row> kept, Dataset<Row> quarantined, Dataset<Row> warnings) {}

    public static final String ERRORS = "_errors";
    public static final String WARNINGS = "_warnings";

    /**
     * @param typed rows with typed columns, {@code collection_year}, lineage columns and {@code _src}
     */
    public static Validated apply(Dataset<Row> typed, RuleSet rules) {
        return split(check(typed, rules));
    }

    /** Splits rows carrying {@link #ERRORS} and {@link #WARNINGS} (from {@link #check}) into kept, quarantined, warned. */
    public static Validated split(Dataset<Row> checked) {
        Dataset<Row> kept = checked.filter(functions.size(col(ERRORS)).equalTo(0));
        Dataset<Row> bad = checked.filter(functions.size(col(ERRORS)).gt(0));
        Dataset<Row> warn = kept.filter(functions.size(col(WARNINGS)).gt(0));
        return new Validated(kept.drop(ERRORS, WARNINGS), bad, warn);
    }

    /** The typed rows plus {@link #ERRORS} and {@link #WARNINGS}: arrays of (rule_id, message) broken by each row. */
    public static Dataset<Row> check(Dataset<Row> typed, RuleSet rules) {
        CodeLists lists = CodeLists.get();
        List<Column> errors = new ArrayList<>();
        List<Column> warnings = new ArrayList<>();
        for (RuleSet.Rule r : rules.rules) {
            Column broken = brokenWhen(r, lists);
            Column entry = when(broken.equalTo(true),
                    functions.struct(lit(r.id).as("rule_id"), lit(r.message).as("message")));
            (r.isError() ? errors : warnings).add(entry);
        }
        return typed
                .withColumn(ERRORS, compact(errors))
                .withColumn(WARNINGS, compact(warnings));
    }

    private static Column compact(List<Column> entries) {
        if (entries.isEmpty()) {
            // a typed empty array: the only element is null and compacts away
            return functions.array_compact(functions.array(when(lit(false),
                    functions.struct(lit("").as("rule_id"), lit("").as("message")))));
        }
        return functions.array_compact(functions.array(entries.toArray(new Column[0])));
    }

    static Column brokenWhen(RuleSet.Rule r, CodeLists lists) {
        if (r.check != null) {
            return functions.coalesce(functions.expr(r.check), lit(false));
        }
        if (r.required != null) {
            Column c = col(r.required);
            return c.isNull();
        }
        if (r.parsed != null) {
            Column raw = col("_src." + r.parsed.source);
            return col(r.parsed.column).isNull().and(raw.isNotNull()).and(functions.trim(raw).notEqual(""));
        }
        // code list valid for the row's collection year: one IN list per span between list changes
        Column value = functions.trim(col(r.codelist.column).cast("string"));
        Column year = col("collection_year");
        TreeSet<Integer> bounds = lists.boundaries(r.codelist.list);
        Column valid = null;
        Integer lower = null;
        List<Integer> edges = new ArrayList<>(bounds);
        edges.add(null);
        for (Integer upper : edges) {
            int probe = lower != null ? lower : (upper != null ? upper - 1 : 2000);
            Column inSpan = lit(true);
            if (lower != null) inSpan = inSpan.and(year.geq(lower));
            if (upper != null) inSpan = inSpan.and(year.lt(upper));
            Column ok = value.isin((Object[]) lists.codes(r.codelist.list, probe).toArray(new String[0]));
            valid = valid == null ? when(inSpan, ok) : valid.when(inSpan, ok);
            lower = upper;
        }
        Column anyYear = value.isin((Object[]) lists.allCodes(r.codelist.list).toArray(new String[0]));
        valid = valid.otherwise(anyYear);
        return col(r.codelist.column).isNotNull().and(functions.not(valid));
    }
}
