package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

/**
 * {@code ./csc validate --input DIR}: the data-quality report (per file, per rule, counts and the
 * first examples). Runs the same readers and rules as ingest, in memory; writes nothing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Data-quality report for an extract drop; writes nothing to the lakehouse.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "the extract drop")
    String input;

    @Option(names = "--examples", defaultValue = "3", description = "examples shown per rule (default: ${DEFAULT-VALUE})")
    int examples;

    @Override
    public Integer call() throws Exception {
        if (!input.contains("://") && !Files.isDirectory(Paths.get(input))) {
            throw new Csc.UsageError("input folder " + input + " does not exist");
        }
        // validate never writes, so a throwaway key is enough: no pseudonym leaves this process
        PseudonymKey key = System.getenv("CSC_PSEUDONYM_KEY") != null || common.keyFile != null
                ? common.key() : PseudonymKey.of("validate-" + System.nanoTime());
        SparkSession spark = common.session(key);
        RunManifest manifest = new RunManifest("validate");
        IngestAndConform.Result r = new IngestAndConform(spark, null, manifest, common.la).run(input);
        print(System.out, manifest, r, examples);
        return r.inputsRejected() ? Csc.REJECTED : Csc.OK;
    }

    static void print(PrintStream out, RunManifest manifest, IngestAndConform.Result r, int examples) {
        out.println("Data-quality report");
        out.println("===================");
        out.println();
        out.println("Files");
        for (Map<String, Object> in : manifest.inputs()) {
            out.printf("  %-9s %-60s %8s rows%s%n", in.get("status"), in.get("path"),
                    in.get("rows") == null ? "-" : in.get("rows"),
                    in.get("reason") == null ? "" : "  " + in.get("reason"));
        }
        out.println();
        out.println("Tables (rows in = kept + quarantined + duplicate)");
        out.printf("  %-28s %10s %10s %12s %10s%n", "table", "rows in", "kept", "quarantined", "duplicate");
        for (SilverWriter.Outcome o : r.silver()) {
            out.printf("  %-28s %10d %10d %12d %10d%n", o.table(), o.rowsIn(), o.rowsWritten(), o.rowsQuarantined(),
                    o.rowsDuplicate());
        }
        out.println();
        out.println("Rules broken");
        boolean any = false;
        for (SilverWriter.Outcome o : r.silver()) {
            for (Map.Entry<String, Long> e : o.errorsByRule().entrySet()) {
                any = true;
                out.printf("  error    %-10s %-24s %8d rows%n", e.getKey(), o.table(), e.getValue());
                List<Row> ex = o.quarantine().filter(col("rule_id").equalTo(e.getKey()))
                        .orderBy("source_file", "row_number").limit(examples)
                        .select("source_file", "row_number", "message").collectAsList();
                for (Row x : ex) {
                    out.printf("           e.g. %s row %s: %s%n", x.get(0), x.get(1), x.get(2));
                }
            }
            for (Map.Entry<String, Long> e : o.warningsByRule().entrySet()) {
                any = true;
                out.printf("  warning  %-10s %-24s %8d rows (kept)%n", e.getKey(), o.table(), e.getValue());
            }
        }
        if (!any) out.println("  none");
        if (!manifestWarnings(manifest).isEmpty()) {
            out.println();
            out.println("Notes");
            for (Object w : manifestWarnings(manifest)) out.println("  " + w);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> manifestWarnings(RunManifest m) {
        Object w = m.toMap(Map.of(), Map.of()).get("warnings");
        return w instanceof List ? (List<Object>) w : List.of();
    }
}
