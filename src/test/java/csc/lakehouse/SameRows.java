package csc.lakehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two tables as multisets of rows, in the driver: one collect per side instead of a count and two
 * {@code exceptAll} jobs per table (the suite's tables are small; a test comparing dozens of tables paid
 * hundreds of Spark jobs for it). Columns are matched by name, so column order does not matter.
 */
public final class SameRows {
    private SameRows() {}

    /** The rows only one side holds (with how many more times), as readable lines; empty when equal. */
    public static List<String> differences(Dataset<Row> expected, Dataset<Row> actual) {
        String[] cols = expected.columns().clone();
        java.util.Arrays.sort(cols);
        Map<String, Integer> counts = new TreeMap<>();
        for (Row r : expected.selectExpr(quoted(cols)).collectAsList()) counts.merge(r.toString(), 1, Integer::sum);
        for (Row r : actual.selectExpr(quoted(cols)).collectAsList()) counts.merge(r.toString(), -1, Integer::sum);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > 0) out.add("missing x" + e.getValue() + ": " + e.getKey());
            else if (e.getValue() < 0) out.add("extra x" + (-e.getValue()) + ": " + e.getKey());
        }
        return out;
    }

    private static String[] quoted(String[] cols) {
        String[] q = new String[cols.length];
        for (int i = 0; i < cols.length; i++) q[i] = "`" + cols[i].replace("`", "``") + "`";
        return q;
    }
}
