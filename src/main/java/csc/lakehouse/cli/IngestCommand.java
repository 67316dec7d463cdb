package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.ingest.IngestJob;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
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

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "the extract drop")
    String input;

    @Option(names = "--reconform", description = "rebuild silver from bronze even when no new file arrived")
    boolean reconform;

    @Override
    public Integer call() throws Exception {
        PseudonymKey key = common.key();
        if (!input.contains("://") && !Files.isDirectory(Paths.get(input))) {
            throw new Csc.UsageError("input folder " + input + " does not exist");
        }
        SparkSession spark = common.session(key);
        Lakehouse lake = common.lake(spark);
        RunManifest manifest = new RunManifest("ingest");
        manifest.parameter("input", input).parameter("lakehouse", lake.root()).parameter("pseudonym_key", key.origin());
        Result r = ingest(spark, lake, manifest, input, common.la, reconform);
        String path = manifest.write(lake);
        Progress.say("manifest: %s/%s", lake.root(), path);
        return r.exitCode();
    }

    /** Outcome summary shared with run/demo. */
    record Result(IngestJob.Result job) {
        int exitCode() {
            if (job.nothingUsable()) {
                return Csc.REJECTED;
            }
            return job.filesRejected() > 0 ? Csc.REJECTED : Csc.OK;
        }
    }

    static Result ingest(SparkSession spark, Lakehouse lake, RunManifest manifest, String input, String la,
                         boolean reconform) throws Exception {
        long t0 = System.nanoTime();
        IngestJob.Result r = new IngestJob(spark, lake, manifest, la).forceConform(reconform).run(input);
        manifest.stage("ingest", (System.nanoTime() - t0) / 1e9);
        Progress.say("ingest: %d file(s) ingested, %d already seen, %d rejected, %d not recognised",
                r.filesIngested(), r.filesSkipped(), r.filesRejected(), r.filesUnrecognised());
        if (r.nothingUsable()) {
            Progress.say("no usable input in %s", input);
        }
        return new Result(r);
    }
}
