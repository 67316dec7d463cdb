package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every command that touches Spark shares. */
public class CommonOptions {
    @Option(names = "--lakehouse", paramLabel = "DIR", description = "table root (default: ${DEFAULT-VALUE}); any Hadoop URI",
            defaultValue = "lakehouse")
    public String lakehouse;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*], or what spark-submit set)")
    public String master;

    // the default can be set for a whole JVM with -Dcsc.shuffle.partitions (the test JVM uses its session's 2)
    @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "${sys:csc.shuffle.partitions:-4}",
            description = "Spark SQL shuffle partitions (default: ${DEFAULT-VALUE})")
    public int shufflePartitions;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "pseudonym key file (else CSC_PSEUDONYM_KEY or CSC_PSEUDONYM_KEY_FILE)")
    public String keyFile;

    @Option(names = "--la", paramLabel = "CODE",
            description = "DfE LA number for files that do not name their LA (SSDA903 CSVs without an la= folder)")
    public String la;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "wait up to this long for another run on the same lakehouse to finish (default: ${DEFAULT-VALUE})")
    public long waitSeconds;

    @Option(names = "--debug", description = "print stack traces")
    public boolean debug;

    public SparkSession session() {
        return SparkSessions.embedded(master, shufflePartitions);
    }

    /** Session with the pseudonym function registered under the configured key. */
    public SparkSession session(PseudonymKey key) {
        SparkSession s = session();
        Pseudonymiser.register(s, key);
        return s;
    }

    public PseudonymKey key() {
        return PseudonymKey.resolve(keyFile);
    }

    /** Takes the lakehouse's run lock (one writing run at a time). */
    public csc.lakehouse.lake.RunLock lock(Lakehouse lake, String command) {
        return csc.lakehouse.lake.RunLock.acquire(lake, command, waitSeconds);
    }

    public Lakehouse lake(SparkSession spark) {
        return new Lakehouse(spark, lakehouse);
    }
}
