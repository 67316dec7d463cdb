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

    /** Writes every output into {@code outDir}; returns the gold rows published (in publishing order). */
    public List<Row> run(Path outDir) {
        long t0 = System.nanoTime();
        manifest.parameter("out", outDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        removeAbandonedTempFiles(outDir);
        List<Row> rows = TrendsCsv.sorted(goldRows());
        if (manifest.get("quarantine_by_rule") == null) {
            manifest.put("quarantine_by_rule", DataQuality.quarantineByRule(lake));
        }
        if (manifest.get("warnings_by_rule") == null) {
            manifest.put("warnings_by_rule", DataQuality.warningsByRule(lake));
        }
        manifest.put(DataQuality.RECONCILIATION, DataQuality.returnReconciliation(lake));
        Inputs in = new Inputs(lake, outDir, rows, TrendsCsv.published(rows), manifest, benchmarksDir);
        for (Output o : outputs()) {
            Progress p = new Progress();
            try {
                o.write(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + outDir.resolve(o.name()) + ": " + e.getMessage(), e);
            }
            manifest.stage("publish:" + o.name(), p.elapsedSeconds());
            Progress.say("publish   %-40s %7.1fs", outDir.resolve(o.name()), p.elapsedSeconds());
        }
        manifest.put("published_rows", rows.size());
        manifest.put("measure_notes", distinctNotes(rows));
        manifest.put("published_snapshot", keepSnapshot(outDir));
        manifest.stage("publish", (System.nanoTime() - t0) / 1e9);
        return rows;
    }

    /**
     * Every published file is written to a hidden temporary name ({@code .<name>.<random>.tmp}) and renamed;
     * a run killed between the two leaves the temporary file behind. The next publish removes them, so the
     * out folder holds only whole files (the crash harness checks this).
     */
    static void removeAbandonedTempFiles(Path outDir) {
        for (Path dir : List.of(outDir, outDir.resolve("published"))) {
            if (!Files.isDirectory(dir)) continue;
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String n = f.getFileName().toString();
                    if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f)) Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot tidy " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Where a run's published files are kept, under the table root: {@code _published/<run_id>/}. */
    public static final String SNAPSHOTS = "_published";
    static final Set<String> PUBLISHED_FILES = Set.of("trends.csv", "trends_notes.csv", "recommendations.csv", "reported_figures.csv",
            "published/trends.csv", "trends.xlsx", "evidence-pack.html",
            EesFiles.FILE, EesFiles.AS_AT, EesFiles.PROJECTIONS, "published/" + EesFiles.FILE, "published/" + EesFiles.AS_AT,
            "published/" + EesFiles.PROJECTIONS, meta(EesFiles.FILE), meta(EesFiles.AS_AT), meta(EesFiles.PROJECTIONS),
            "published/" + meta(EesFiles.FILE), "published/" + meta(EesFiles.AS_AT), "published/" + meta(EesFiles.PROJECTIONS));

    private static String meta(String f) { return f.replace(".csv", ".meta.csv"); }

    /**
     * Copies everything just published into {@code <lakehouse>/_published/<run_id>/}: Delta time travel
     * ends at VACUUM, but what was shown to Ofsted must stay retrievable as it was (issue 7). Plain
     * files beside the tables, owner-only like the rest of the lakehouse; {@code maintain} never removes them.
     */
    String keepSnapshot(Path outDir) {
        String target = lake.root() + "/" + SNAPSHOTS + "/" + manifest.runId;
        try (java.util.stream.Stream<Path> files = Files.walk(outDir)) {
            org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(target);
            org.apache.hadoop.fs.FileSystem fs = lake.fileSystem(dest);
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = outDir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (!PUBLISHED_FILES.contains(rel)) continue;   // only what this job writes (the manifest: _manifests)
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

    /** Writes the run manifest to the lakehouse (and audit.runs) and to {@code outDir/manifest.json}. */
    public static Path writeManifest(Lakehouse lake, RunManifest manifest, Path outDir) {
        manifest.write(lake);
        Path file = outDir.resolve("manifest.json");
        try {
            AtomicFile.writeString(file, manifest.toJson(lake) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
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
