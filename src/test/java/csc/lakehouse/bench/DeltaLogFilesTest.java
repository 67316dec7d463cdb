package csc.lakehouse.bench;

import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.measures.HeadlineMeasures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files {@link DeltaLogFiles} reads from a table's log are exactly those Spark's Delta reader scans: on a table
 * whose log has a checkpoint followed by JSON commits that add and remove files (an overwrite after appends), and on
 * the silver tables of the suite's shared run that the DuckDB reference reads.
 */
class DeltaLogFilesTest {

    static Set<String> spark(SparkSession s, Path table) {
        Set<String> out = new TreeSet<>();
        for (String f : s.read().format("delta").load(table.toString()).inputFiles()) out.add(Path.of(java.net.URI.create(f)).toString());
        return out;
    }

    static Set<String> log(Connection db, Path table) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Path p : DeltaLogFiles.current(db, table)) out.add(p.toString());
        return out;
    }

    @Test
    void aCheckpointThenCommitsThatAddAndRemoveFiles() throws Exception {
        SparkSession s = SparkTestSession.get();
        Path table = SparkTestSession.tempDir("delta-log-files").resolve("t");
        // a checkpoint every 2 commits: versions 0-1 appends, checkpoint at 2 (an overwrite removes every file so far),
        // then 3 appends two files and 4 overwrites part of the table (replaceWhere removes only the matching file)
        Dataset<Row> a = s.range(0, 10).selectExpr("id", "id % 2 AS k").repartition(1);
        a.write().format("delta").option("delta.checkpointInterval", "2").save(table.toString());
        s.sql("ALTER TABLE delta.`" + table + "` SET TBLPROPERTIES ('delta.checkpointInterval' = '2')");
        a.write().format("delta").mode("append").save(table.toString());
        a.write().format("delta").mode("overwrite").save(table.toString());
        a.repartition(2).write().format("delta").mode("append").save(table.toString());
        a.filter("k = 1").repartition(1).write().format("delta").mode("overwrite").option("replaceWhere", "k = 1").save(table.toString());
        try (Stream<Path> l = Files.list(table.resolve("_delta_log"))) {
            assertTrue(l.anyMatch(p -> p.getFileName().toString().endsWith(".checkpoint.parquet")), "the log has a checkpoint");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            Set<String> read = log(db, table);
            assertEquals(spark(s, table), read);
            assertTrue(read.size() >= 3, "files: " + read);
        }
    }

    @Test
    void theSilverTablesTheReferenceReads() throws Exception {
        SmallDrop shared = SmallDrop.get();
        SparkSession s = SparkTestSession.get();
        List<String> tables = new ArrayList<>(HeadlineMeasures.TABLES);
        tables.add("returns_held");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String t : tables) {
                Path dir = shared.lakeRoot.resolve("silver").resolve(t);
                Set<String> read = log(db, dir);
                assertEquals(spark(s, dir), read, t);
                assertFalse(read.isEmpty(), t + " has no files");
            }
        }
    }
}
