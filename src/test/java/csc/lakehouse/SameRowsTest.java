package csc.lakehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The DuckDB comparison of two Delta tables that {@code IncrementalRefreshTest} relies on: the same rows in other files
 * and another column order are equal, a changed value or a duplicated row is reported, and an ignored column is not
 * compared. The tables carry a history (an overwrite after an append), so the rows read are those of the current
 * version only.
 */
class SameRowsTest {

    @Test
    void deltaTablesCompareByRowsNotFilesOrColumnOrder() throws Exception {
        SparkSession s = SparkTestSession.get();
        Path dir = SparkTestSession.tempDir("same-rows");
        Dataset<Row> rows = s.sql("SELECT * FROM VALUES (1, 'a', DATE'2024-03-31', 10L), (2, 'b', NULL, 11L), (3, 'c', DATE'2025-01-02', 12L)"
                + " AS t(id, code, day, stamp)");
        String a = dir.resolve("a").toString(), b = dir.resolve("b").toString(), c = dir.resolve("c").toString();
        rows.repartition(1).write().format("delta").save(a);
        // b: a stale first version, then the same rows in two files with the columns in another order and another stamp
        rows.filter("id = 1").write().format("delta").save(b);
        rows.selectExpr("stamp + 100 AS stamp", "day", "code", "id").repartition(2).write().format("delta").mode("overwrite")
                .option("overwriteSchema", "true").save(b);
        // c: one value changed, one row twice
        rows.selectExpr("id", "CASE WHEN id = 2 THEN 'z' ELSE code END AS code", "day", "stamp")
                .union(rows.filter("id = 3")).repartition(1).write().format("delta").save(c);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            assertEquals(List.of(), SameRows.differences(db, a, b, List.of("stamp")));
            // the stamp compared: every row differs
            assertEquals(6, SameRows.differences(db, a, b, List.of()).size());
            assertEquals(List.of(
                    "missing x1: [code=b, day=null, id=2]",
                    "extra x1: [code=c, day=2025-01-02, id=3]",
                    "extra x1: [code=z, day=null, id=2]"), SameRows.differences(db, a, c, List.of("stamp")));
        }
    }
}
