package csc.lakehouse.lake;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Spark settings for the size of the work (issue 16, item 5). A borough's extracts are a few hundred thousand rows
 * spread over some seventy tables: each query then costs far more to plan and compile than to run. Profiled with
 * Java Flight Recorder on the shared small run (docs/scale.md, "Profile and changes"), 43% of the CPU went to compiling
 * generated code (Janino), and AQE ran every shuffle stage as a Spark job of its own. For such work the session runs
 * interpreted (no whole-stage or expression code generation) with adaptive execution off: the demo borough's run took
 * 6 min 20 s instead of 9 min 17 s, with byte-identical outputs. A drop of {@link #LARGE_BYTES} or more (a national
 * run) keeps Spark's defaults, where generated code pays for itself.
 *
 * <p>Only an embedded ({@code local}) session is changed: under {@code spark-submit} the cluster's settings stand.
 * All are runtime SQL settings, so one session can switch between runs.
 */
public final class WorkSettings {
    /**
     * Input (or silver) at or above this size is large work: Spark's defaults. The demo borough's 14 years are a
     * 149 MB drop and 120 MB of silver; a national year (21.9M rows) is 2.8 GB of drop.
     */
    public static final long LARGE_BYTES = 1L << 30;

    static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
    static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
    static final String ADAPTIVE = "spark.sql.adaptive.enabled";
    /**
     * Delta statistics on a new table's first columns only: a silver table's row id, la_code, the person and (in
     * most) its main date, the columns reads select on. Delta's default is 32 columns; on the small run that cost
     * 27 s of 4 min 40 s (docs/scale.md). Statistics are limited, not turned off.
     */
    static final String STATS_COLUMNS = "spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols";
    static final String SMALL_WORK_STATS_COLUMNS = "4";

    private WorkSettings() {}

    /**
     * Interpreted execution, adaptive execution off, statistics on a new table's first columns: every embedded
     * session starts so (tests included).
     */
    public static void forSmallWork(SparkSession s) {
        if (!s.sparkContext().isLocal()) return;
        s.conf().set(WHOLE_STAGE, "false");
        s.conf().set(FACTORY_MODE, "NO_CODEGEN");
        s.conf().set(ADAPTIVE, "false");
        s.conf().set(STATS_COLUMNS, SMALL_WORK_STATS_COLUMNS);
    }

    /** Spark's and Delta's defaults: generated code, adaptive execution, statistics on 32 columns. */
    public static void forLargeWork(SparkSession s) {
        if (!s.sparkContext().isLocal()) return;
        s.conf().unset(WHOLE_STAGE);
        s.conf().unset(FACTORY_MODE);
        s.conf().unset(ADAPTIVE);
        s.conf().unset(STATS_COLUMNS);
    }

    /** Small or large by the bytes the run will read; an unknown size (a remote path) leaves the session as it is. */
    public static void forInput(SparkSession s, String path) {
        forBytes(s, localBytes(path));
    }

    /**
     * For a stage that reads the lakehouse, not a drop ({@code csc measures}): small or large by the bytes of its
     * silver tables.
     */
    public static void forLakehouse(SparkSession s, String root) {
        forBytes(s, localBytes(root == null ? null : root + "/silver"));
    }

    private static void forBytes(SparkSession s, long bytes) {
        if (bytes < 0) return;
        if (bytes >= LARGE_BYTES) forLargeWork(s); else forSmallWork(s);
    }

    /** Whether the session is set for small work (tests and the manifest read it). */
    public static boolean small(SparkSession s) {
        return "false".equals(s.conf().get(ADAPTIVE, "true")) && "false".equals(s.conf().get(WHOLE_STAGE, "true"));
    }

    /**
     * The bytes of the files under a local folder (or of a local file); -1 when the path is not a local one (a
     * bucket is never listed to size it) or does not exist. Through Hadoop's local filesystem, like every other
     * lakehouse path.
     */
    static long localBytes(String path) {
        if (path == null || path.contains("://") && !path.startsWith("file:")) return -1;
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path.startsWith("file:") ? path
                    : new java.io.File(path).getAbsoluteFile().toURI().toString());
            org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()).getRaw();
            return fs.exists(p) ? fs.getContentSummary(p).getLength() : -1;
        } catch (IOException e) {
            throw new UncheckedIOException("sizing " + path, e);
        }
    }
}
