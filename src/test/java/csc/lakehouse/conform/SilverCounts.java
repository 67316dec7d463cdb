package csc.lakehouse.conform;

import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A silver writer's counts against counts taken independently of it. The writer reports
 * {@code rows_in = written + quarantined + duplicate} by construction, so asserting that identity alone cannot fail
 * (issue 14); this check recounts the input instead.
 */
public final class SilverCounts {
    private SilverCounts() {}

    /**
     * rows_in is the input counted again; rows_duplicate is the input's rows beyond one per row key (a row with a
     * key column missing stands alone, as the writer treats it). One aggregation over the input.
     */
    public static void reconcile(SilverWriter.Outcome o) {
        String t = o.table();
        Dataset<Row> in = o.input();
        List<String> key = TableSchema.load("silver", t).rowKey();
        Row counts;
        if (key.isEmpty()) {
            counts = in.agg(functions.count(lit(1)), functions.count(lit(1))).first();
        } else {
            Column anyNull = lit(false);
            for (String k : key) anyNull = anyNull.or(col(k).isNull());
            List<Column> group = new ArrayList<>();
            for (String k : key) group.add(col("`" + k + "`"));
            group.add(functions.when(anyNull, functions.monotonically_increasing_id()).as("_alone"));
            counts = in.groupBy(group.toArray(new Column[0])).count()
                    .agg(functions.sum("count"), functions.count(lit(1))).first();
        }
        long rows = counts.isNullAt(0) ? 0 : counts.getLong(0), keys = counts.getLong(1);
        assertEquals(rows, o.rowsIn(), t + ": rows_in against the input counted again");
        assertEquals(rows - keys, o.rowsDuplicate(), t + ": rows_duplicate against the input's rows beyond one per key");
    }
}
