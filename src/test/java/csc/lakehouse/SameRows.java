package csc.lakehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two tables as multisets of rows, in the driver: one collect per side instead of a count and two
 * {@code exceptAll} jobs per table (the suite's tables are small; a test comparing dozens of tables paid
 * hundreds of Spark jobs for it). Columns are matched by name, so column order does not matter.
 *
 * <p>{@link #differences(Connection, String, String, Collection)} compares two Delta tables without Spark: the current
 * data files named by each table's log read by DuckDB ({@link DeltaFilesInDuckDb}). A test comparing two whole lakehouses
 * (over a hundred tables) spent about 40 s on Spark's per-query planning and Delta's file filtering; this takes a
 * few seconds, and reads the same rows.
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
        return lines(counts);
    }

    /** Each row's surplus on one side ({@code counts}: expected minus actual), as readable lines. */
    private static List<String> lines(Map<String, Integer> counts) {
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

    /**
     * The rows only one of two Delta tables holds, as {@link #differences(Dataset, Dataset)}, read from the files
     * each table's log names as current; {@code ignore} lists columns left out of the comparison.
     */
    public static List<String> differences(Connection db, String expected, String actual, Collection<String> ignore)
            throws IOException, SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        rows(db, expected, ignore, 1, counts);
        rows(db, actual, ignore, -1, counts);
        return lines(counts);
    }

    /** Adds {@code sign} to the count of each row of the table (its columns in name order, as one line). */
    private static void rows(Connection db, String table, Collection<String> ignore, int sign, Map<String, Integer> counts)
            throws IOException, SQLException {
        java.util.Optional<String> source = DeltaFilesInDuckDb.source(db, table);
        if (source.isEmpty()) return;
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + source.get())) {
            ResultSetMetaData md = rs.getMetaData();
            TreeMap<String, Integer> byName = new TreeMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (!ignore.contains(md.getColumnName(i))) byName.put(md.getColumnName(i), i);
            }
            while (rs.next()) {
                StringBuilder row = new StringBuilder("[");
                for (Map.Entry<String, Integer> c : byName.entrySet()) {
                    row.append(row.length() == 1 ? "" : ", ").append(c.getKey()).append('=').append(rs.getString(c.getValue()));
                }
                counts.merge(row.append(']').toString(), sign, Integer::sum);
            }
        }
    }
}
