package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.pipeline.PipelineRun;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

/** {@code ./csc ingest --input DIR}: bronze and silver (with quarantine); idempotent. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read an extract drop into bronze and silver Delta tables (quarantining rows that break rules).")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", paramLabel = "DIR", description = "the extract drop")
    String input;

    @Option(names = "--ssd-jdbc", paramLabel = "URL",
            description = "also read the ssd_* tables of this reporting database (jdbc:postgresql: or jdbc:sqlserver:), "
                    + "read-only; credentials from CSC_SSD_DB_USER/CSC_SSD_DB_PASSWORD or the file named by CSC_SSD_DB_CREDENTIALS")
    String ssdJdbc;

    @Option(names = "--ssd-full", description = "read every SSD table whole, not only rows dated since the last read")
    boolean ssdFull;

    @Option(names = "--reconform", description = "rebuild silver from bronze even when no new file arrived")
    boolean reconform;

    @Override
    public Integer call() throws Exception {
        PseudonymKey key = common.key();
        if (input == null && ssdJdbc == null) throw new Csc.UsageError("give --input DIR, --ssd-jdbc URL or both");
        if (input != null && !input.contains("://") && !Files.isDirectory(Paths.get(input))) {
            throw new Csc.UsageError("input folder " + input + " does not exist");
        }
        csc.lakehouse.ingest.ssd.SsdJdbcExtract.Credentials cred = null;
        if (ssdJdbc != null) {
            try {
                csc.lakehouse.ingest.ssd.SsdJdbcExtract.checkUrl(ssdJdbc);
                cred = csc.lakehouse.ingest.ssd.SsdJdbcExtract.Credentials.fromEnvironment(System.getenv());
            } catch (IllegalArgumentException e) {
                throw new Csc.UsageError(e.getMessage());
            }
        }
        SparkSession spark = common.session(key);
        Lakehouse lake = common.lake(spark);
        try (csc.lakehouse.lake.RunLock lock = common.lock(lake, "ingest")) {
            RunManifest manifest = new RunManifest("ingest");
            manifest.parameter("input", input).parameter("lakehouse", lake.root()).parameter("pseudonym_key", key.origin());
            java.util.List<java.util.Map.Entry<csc.lakehouse.ingest.InputFile, csc.lakehouse.ingest.ParsedFile>> fromDb = java.util.List.of();
            boolean dbFailed = false;
            if (ssdJdbc != null) {
                manifest.parameter("ssd_jdbc", csc.lakehouse.ingest.ssd.SsdJdbcExtract.safeUrl(ssdJdbc));
                long t0 = System.nanoTime();
                try {
                    csc.lakehouse.ingest.ssd.SsdJdbcExtract.Extract x =
                            csc.lakehouse.ingest.ssd.SsdJdbcExtract.read(spark, ssdJdbc, cred, lake, ssdFull);
                    x.warnings().forEach(w -> manifest.warning(csc.lakehouse.ingest.ssd.SsdJdbcExtract.safeUrl(ssdJdbc), w));
                    fromDb = x.tables();
                    Progress.say("ssd-jdbc: %d table(s), %d new or changed row(s) read in %.1f s", x.tables().size(), x.rows(),
                            (System.nanoTime() - t0) / 1e9);
                } catch (csc.lakehouse.ingest.ssd.SsdJdbcExtract.ExtractFailed e) {
                    Progress.say("ssd-jdbc: %s", e.getMessage());
                    manifest.warning(csc.lakehouse.ingest.ssd.SsdJdbcExtract.safeUrl(ssdJdbc), e.getMessage());
                    dbFailed = true;
                    if (input == null) {
                        manifest.write(lake);
                        return Csc.REJECTED;
                    }
                }
                manifest.stage("ssd_jdbc_read", (System.nanoTime() - t0) / 1e9);
            }
            IngestAndConform.Result r = new PipelineRun(spark, lake, manifest).ingest(input, common.la, reconform, fromDb);
            String path = manifest.write(lake);
            Progress.say("manifest: %s/%s", lake.root(), path);
            return dbFailed || r.inputsRejected() ? Csc.REJECTED : Csc.OK;
        }
    }
}
