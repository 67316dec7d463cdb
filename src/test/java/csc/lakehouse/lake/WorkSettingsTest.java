package csc.lakehouse.lake;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 16, item 5: a borough-sized drop runs interpreted and non-adaptive; a drop of 1 GiB or more gets Spark's defaults. */
class WorkSettingsTest {

    @Test
    void theDropsSizeChoosesTheSettings() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path base = SparkTestSession.tempDir("work-settings");
        Path small = Files.createDirectories(base.resolve("small/cin_census"));
        Files.writeString(small.resolve("cin_census_2024.xml"), "<Message/>");
        Path large = Files.createDirectories(base.resolve("large/ssda903"));
        // a sparse file: 1 GiB by its size, next to nothing on disk
        try (RandomAccessFile f = new RandomAccessFile(large.resolve("episodes.csv").toFile(), "rw")) {
            f.setLength(WorkSettings.LARGE_BYTES);
        }
        try {
            assertTrue(WorkSettings.small(spark), "the test session starts set for small work");
            assertEquals("NO_CODEGEN", spark.conf().get("spark.sql.codegen.factoryMode"));
            // a table made now gets statistics on its first four columns
            Path table = base.resolve("table");
            spark.range(3).selectExpr("id", "id * 2 AS a", "id * 3 AS b", "id * 4 AS c", "id * 5 AS d").coalesce(1)
                    .write().format("delta").save(table.toString());
            String log = Files.readString(table.resolve("_delta_log/00000000000000000000.json"));
            assertTrue(log.contains("\"delta.dataSkippingNumIndexedCols\":\"4\""), log);
            assertTrue(log.contains("\\\"maxValues\\\":{\\\"id\\\":2,\\\"a\\\":4,\\\"b\\\":6,\\\"c\\\":8}"), log);

            WorkSettings.forInput(spark, base.resolve("large").toString());
            assertFalse(WorkSettings.small(spark), "a 1 GiB drop is large work");
            assertEquals("true", spark.conf().get("spark.sql.adaptive.enabled"));
            assertEquals("true", spark.conf().get("spark.sql.codegen.wholeStage"));
            assertFalse(spark.conf().contains("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols"));

            // a remote path's size is unknown: the session stays as it was
            WorkSettings.forInput(spark, "s3a://bucket/drop");
            assertFalse(WorkSettings.small(spark));

            WorkSettings.forInput(spark, base.resolve("small").toString());
            assertTrue(WorkSettings.small(spark), "a 10-byte drop is small work");
            assertEquals(10, WorkSettings.localBytes(base.resolve("small").toString()));
            assertEquals(-1, WorkSettings.localBytes("s3a://bucket/drop"));
        } finally {
            WorkSettings.forSmallWork(spark);
        }
    }
}
