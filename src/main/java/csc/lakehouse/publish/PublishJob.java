package csc.lakehouse.publish;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.measures.Trends;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The publish stage: reads every gold table, and writes the section 5 files into the output folder.
 * Each file is an {@link Output} in {@link #outputs()}. {@code manifest.json} is written last, by {@link #writeManifest}.
 */
public final class PublishJob {
    /**
     * What every output reads: the gold rows (in publishing order; their notes go to trends_notes.csv), the published
     * rows built once from them (trends.csv and everything made from it), the folder and the manifest.
     */
    public record Inputs(Lakehouse lake, Path outDir, List<Row> gold, List<TrendRow> trends, RunManifest manifest,
                         Path benchmarksDir) {}

    /** One published file (or set of files). */
    public interface Output {
        String name();

        void write(Inputs in) throws IOException;
    }

    /** The outputs, in the order they are written. */
    public static List<Output> outputs() {
        List<Output> out = new ArrayList<>();
        out.add(output("trends.csv", in -> TrendsCsv.write(in.trends(), in.outDir())));
        out.add(output("trends_notes.csv", in -> TrendsCsv.writeNotes(in.gold(), in.outDir())));
        out.add(output("recommendations.csv", in -> RecommendationsCsv.write(in.lake(), in.outDir())));
        out.add(output("reported_figures.csv", in -> RecommendationsCsv.writeReportedFigures(in.lake(), in.outDir())));
        // published/trends.csv (suppressed), trends.xlsx and evidence-pack.html, from the rows trends.csv holds
        out.add(output("published/trends.csv, trends.xlsx, evidence-pack.html", in -> {
            List<TrendRow> trends = in.trends();
            String la = trends.isEmpty() ? null : trends.get(0).newLaCode();
            Benchmarks b = Benchmarks.load(in.benchmarksDir() != null ? in.benchmarksDir() : BundledBenchmarks.dir(), la);
            PeopleOutputs.Written w = PeopleOutputs.write(in.outDir(), trends, PublishedCatalogue.get(), b,
                    in.manifest().toJson(in.lake()), TrendsCsv.notesByFigure(in.gold()));
            in.manifest().put("published_suppressed_cells", w.suppressedCells());
            in.manifest().put("benchmarks_source", in.benchmarksDir() != null ? in.benchmarksDir().toString()
                    : "bundled DfE extracts (src/main/resources/benchmarks)");
        }));
        return out;
    }

    private final Lakehouse lake;
    private final RunManifest manifest;
    private Path benchmarksDir;

    /** Published comparators in the DfE formats (the drop's {@code benchmarks/}); default: the bundled extracts. */
    public PublishJob withBenchmarks(Path dir) {
        this.benchmarksDir = dir;
        return this;
    }

    public PublishJob(Lakehouse lake, RunManifest manifest) {
        this.lake = lake;
        this.manifest = manifest;
    }

    /** {@link #run(OutputFolder)} into a local folder. */
    public List<Row> run(Path outDir) {
        return run(OutputFolder.at(lake.hadoopConf(), outDir.toString()));
    }

    /**
     * Writes every output to a local staging folder, then publishes the set into {@code out} (any Hadoop URI) the
     * way {@link OutputFolder} describes: {@code runs/<run_id>/} first, then the usual names. The manifest (written
     * last, by {@link #writeManifest}) names the set. Returns the gold rows published (in publishing order).
     */
    public List<Row> run(OutputFolder out) {
        long t0 = System.nanoTime();
        manifest.parameter("out", out.uri());
        Path stage = PublishStage.create();
        try {
            out.mkdirs();
            out.removeAbandonedTempFiles();
            List<Row> rows = TrendsCsv.sorted(goldRows());
            if (manifest.get("quarantine_by_rule") == null) {
                manifest.put("quarantine_by_rule", DataQuality.quarantineByRule(lake));
            }
            if (manifest.get("warnings_by_rule") == null) {
                manifest.put("warnings_by_rule", DataQuality.warningsByRule(lake));
            }
            manifest.put(DataQuality.RECONCILIATION, DataQuality.returnReconciliation(lake));
            Inputs in = new Inputs(lake, stage, rows, TrendsCsv.published(rows), manifest, benchmarksDir);
            for (Output o : outputs()) {
                Progress p = new Progress();
                try {
                    o.write(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + o.name() + ": " + e.getMessage(), e);
                }
                manifest.stage("publish:" + o.name(), p.elapsedSeconds());
                Progress.say("publish   %-40s %7.1fs", out.display(o.name()), p.elapsedSeconds());
            }
            Progress p = new Progress();
            // "publish set" and "publish usual": kill points of their own (CrashSafetyTest, ObjectStorageTest)
            Progress.say("publish   set of the run's files to %s", out.display(OutputFolder.RUNS + "/" + manifest.runId));
            manifest.put("published_files", publishSet(stage, out, manifest.runId));
            manifest.stage("publish:set", p.elapsedSeconds());
            manifest.put("published_rows", rows.size());
            manifest.put("measure_notes", distinctNotes(rows));
            manifest.put("published_snapshot", keepSnapshot(stage));
            manifest.stage("publish", (System.nanoTime() - t0) / 1e9);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish to " + out.uri() + ": " + e.getMessage(), e);
        } finally {
            PublishStage.delete(stage);
        }
    }

    /**
     * The staged files into {@code out}: every one under {@code runs/<runId>/} (never rewritten), then under its
     * usual name. Returns the manifest's {@code published_files}: name, path in the out folder, bytes, SHA-256.
     */
    static List<Map<String, Object>> publishSet(Path stage, OutputFolder out, String runId) throws IOException {
        List<String> names = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(stage)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                names.add(stage.relativize(f).toString().replace(java.io.File.separatorChar, '/'));
            }
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (String n : names) {
            String kept = OutputFolder.RUNS + "/" + runId + "/" + n;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n);
            m.put("path", kept);
            m.putAll(out.put(kept, stage.resolve(n)));
            listed.add(m);
        }
        Progress.say("publish   usual names of the %d files in %s", names.size(), out.uri());
        for (String n : names) out.put(n, stage.resolve(n));
        return listed;
    }

    /** Where a run's published files are kept, under the table root: {@code _published/<run_id>/}. */
    public static final String SNAPSHOTS = "_published";
    /**
     * Copies everything just published into {@code <lakehouse>/_published/<run_id>/}: Delta time travel
     * ends at VACUUM, but what was shown to Ofsted must stay retrievable as it was (issue 7). Plain
     * files beside the tables, owner-only like the rest of the lakehouse; {@code maintain} never removes them.
     * {@code outDir}: the staging folder, which holds exactly what this job wrote (the manifest is in _manifests).
     */
    String keepSnapshot(Path outDir) {
        String target = lake.root() + "/" + SNAPSHOTS + "/" + manifest.runId;
        try (java.util.stream.Stream<Path> files = Files.walk(outDir)) {
            org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(target);
            org.apache.hadoop.fs.FileSystem fs = lake.fileSystem(dest);
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = outDir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                try (java.io.OutputStream out = fs.create(new org.apache.hadoop.fs.Path(dest, rel), true)) {
                    Files.copy(f, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the published snapshot in " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Every gold table's rows in the Trends shape (aggregates only: small enough to collect). */
    List<Row> goldRows() {
        List<String> cols = Trends.schema().columnNames();
        Column[] select = cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        List<Row> out = new ArrayList<>();
        for (String t : lake.tables(Layer.GOLD)) {
            Dataset<Row> g = lake.read(Layer.GOLD, t);
            if (!List.of(g.columns()).containsAll(cols)) {
                continue; // gold.recommendation_tracker and gold.reported_figures: their own CSVs
            }
            out.addAll(g.select(select).collectAsList());
            manifest.table(Lakehouse.name(Layer.GOLD, t), Layer.GOLD, null, null, null, null,
                    lake.version(Layer.GOLD, t).orElse(null));
        }
        return out;
    }

    /** Distinct (measure_id, note) pairs, for the manifest. */
    static List<Map<String, String>> distinctNotes(List<Row> rows) {
        Set<List<String>> seen = new LinkedHashSet<>();
        for (Row r : rows) {
            Object n = r.getAs("note");
            if (n != null) seen.add(List.of(r.getAs("measure_id"), n.toString()));
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> s : seen) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("measure_id", s.get(0));
            m.put("note", s.get(1));
            out.add(m);
        }
        return out;
    }

    /** {@link #writeManifest(Lakehouse, RunManifest, OutputFolder)} into a local folder. */
    public static String writeManifest(Lakehouse lake, RunManifest manifest, Path outDir) {
        return writeManifest(lake, manifest, OutputFolder.at(lake.hadoopConf(), outDir.toString()));
    }

    /**
     * Writes the run manifest to the lakehouse (and audit.runs), then to {@code manifest.json} in the out folder:
     * the last file a publish writes, naming the run's set. Then removes every {@code runs/} folder but this run's and
     * the one the replaced manifest named (a reader may still be following it), including what killed runs left.
     * Returns the manifest's JSON.
     */
    public static String writeManifest(Lakehouse lake, RunManifest manifest, OutputFolder out) {
        manifest.write(lake);
        String json = manifest.toJson(lake) + "\n";
        try {
            String previous = out.readString("manifest.json").map(PublishJob::runIdOf).orElse(null);
            out.writeString("manifest.json", json);
            for (String run : out.list(OutputFolder.RUNS)) {
                if (!run.equals(manifest.runId) && !run.equals(previous)) out.delete(OutputFolder.RUNS + "/" + run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.display("manifest.json") + ": " + e.getMessage(), e);
        }
        return json;
    }

    private static String runIdOf(String manifestJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifestJson).get("run_id");
            return id == null ? null : id.asText();
        } catch (IOException e) {
            return null;   // an unreadable manifest names no run to keep
        }
    }

    private static Output output(String name, IoWriter w) {
        return new Output() {
            @Override public String name() { return name; }
            @Override public void write(Inputs in) throws IOException { w.write(in); }
        };
    }

    @FunctionalInterface
    private interface IoWriter { void write(Inputs in) throws IOException; }
}
