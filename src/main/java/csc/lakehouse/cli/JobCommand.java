package csc.lakehouse.cli;

import csc.lakehouse.lake.Progress;
import csc.lakehouse.publish.JobDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./csc job FILE.yaml}: runs a job definition from {@code jobs/} (monthly refresh, annual
 * self-evaluation, engagement-meeting pack) as the equivalent {@code run} command line.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run a job definition (YAML, see jobs/) as the equivalent ./csc run.")
public final class JobCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "job definition YAML")
    Path file;

    @Option(names = "--dry-run", description = "print the equivalent command and stop")
    boolean dryRun;

    @Option(names = "--debug", description = "print stack traces")
    boolean debug;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new Csc.UsageError("job definition " + file + " does not exist");
        }
        JobDefinition job;
        try {
            job = JobDefinition.load(file);
        } catch (IllegalArgumentException e) {
            throw new Csc.UsageError(e.getMessage());
        }
        List<String> args = new ArrayList<>(job.toArgs());
        if (debug) args.add("--debug");
        Progress.say("job %s: ./csc %s", file.getFileName(), String.join(" ", args));
        if (dryRun) {
            System.out.println("./csc " + String.join(" ", args));
            return Csc.OK;
        }
        return Csc.execute(args.toArray(new String[0]));
    }
}
