package csc.lakehouse.lake;

import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built. Everything else receives a session as a parameter,
 * so the same code runs embedded ({@code local[*]}) and under {@code spark-submit} on a cluster.
 */
public final class SparkSessions {
    private SparkSessions() {}

    /**
     * The embedded default, or the session {@code spark-submit} already configured.
     *
     * @param master a Spark master URL; {@code null} keeps whatever spark-submit set, else {@code local[*]}
     */
    public static SparkSession embedded(String master, int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder().appName("csc-lakehouse");
        boolean submitted = System.getProperty("spark.master") != null;
        if (master != null) {
            b.master(master);
        } else if (!submitted) {
            b.master("local[*]");
        }
        boolean local = master == null ? !submitted || System.getProperty("spark.master").startsWith("local")
                                       : master.startsWith("local");
        withDelta(b);
        b.config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
         .config("spark.databricks.delta.snapshotPartitions", Integer.toString(Math.max(2, shufflePartitions)))
         .config("spark.sql.ansi.enabled", "false")
         .config("spark.sql.sources.partitionOverwriteMode", "dynamic");
        if (local) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.default.parallelism", Integer.toString(shufflePartitions))
             // Delta's VACUUM lists and deletes files in this many tasks (Spark's default 10,000: ~10,000 empty
             // tasks per vacuumed table on one machine)
             .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", Integer.toString(Math.max(2, shufflePartitions)))
             .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/csc-spark-warehouse");
        }
        SparkSession s = b.getOrCreate();
        WorkSettings.forSmallWork(s);   // a local session only; a cluster's settings stand
        WorkCounter.install(s);
        return s;
    }

    /** Test session: local[2], 2 shuffle partitions, UTC; shared per JVM through getOrCreate. */
    public static SparkSession forTests() {
        SparkSession.Builder b = SparkSession.builder().appName("csc-lakehouse-tests").master("local[2]");
        withDelta(b);
        SparkSession s = b.config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "2").config("spark.default.parallelism", "2")
                // a starved shared machine can pause the JVM past the 120 s default, and the lost "executor"
                // stops the suite's one SparkContext for every later class
                .config("spark.network.timeout", "900s").config("spark.executor.heartbeatInterval", "60s")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
                .config("spark.sql.ansi.enabled", "false")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/csc-test-warehouse")
                .getOrCreate();
        WorkSettings.forSmallWork(s);
        WorkCounter.install(s);
        return s;
    }

    private static void withDelta(SparkSession.Builder b) {
        // lakehouse folders and files readable by the owner only (child-level data)
        b.config("spark.hadoop.fs.permissions.umask-mode", "077");
        // same permissions without forking chmod per file (see OwnerOnlyLocalFileSystem)
        b.config("spark.hadoop.fs.file.impl", OwnerOnlyLocalFileSystem.class.getName());
        b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
         .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
         .config("spark.databricks.delta.schema.autoMerge.enabled", "false");
    }
}
