package csc.lakehouse.ingest;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Bronze from an extract drop. Each new file is parsed on its own (a malformed file is rejected by name and
 * the rest of the drop goes on) and its rows appended to bronze with lineage. A file already ingested (same
 * SHA-256) is skipped; when nothing new arrived, no table is touched. Silver is conform's
 * ({@code csc.lakehouse.conform.ConformJob}), run after this by the pipeline.
 *
 * <p>With no lakehouse ({@code validate}) the same parsing runs in memory ({@link #bronzeInMemory}) and
 * nothing is written.
 */
public final class IngestJob {
    private static final Logger LOG = LogManager.getLogger(IngestJob.class);
    /** LA code recorded for files whose LA nobody names. */
    public static final String UNKNOWN_LA = "000";

    /**
     * What ingest did, in counts of files.
     *
     * @param bronzeChanged whether any file's rows were written to bronze (conform then rebuilds silver)
     */
    /** @param referenceFiles the drop's reference/ files (hashed by the listing), which conform reads (PostcodeCoordinates) */
    public record Result(int filesIngested, int filesSkipped, int filesRejected, int filesUnrecognised,
                         boolean bronzeChanged, List<InputFile> referenceFiles) {
        public boolean nothingUsable() { return filesIngested + filesSkipped == 0; }
    }

    private final SparkSession spark;
    private final Lakehouse lake;
    private final RunManifest manifest;
    private final String defaultLaCode;
    /** a dry run's bronze: the rows read, by table, never written */
    private final Map<String, Dataset<Row>> dryRunFrames = new LinkedHashMap<>();

    /** @param lake null for a dry run */
    public IngestJob(SparkSession spark, Lakehouse lake, RunManifest manifest, String defaultLaCode) {
        this.spark = spark;
        this.lake = lake;
        this.manifest = manifest;
        this.defaultLaCode = defaultLaCode;
    }

    /**
     * Bronze rows (over all tables, {@link ParsedFile#heldRows}) held in the driver before they are written
     * (default 1,000,000, up to about 2 GB of heap on a national drop, or {@code -Dcsc.ingest.batchRows}): a national drop is read in
     * batches instead of all at once.
     */
    public IngestJob batchRows(long rows) {
        this.batchRows = Math.max(1, rows);
        return this;
    }

    private long batchRows = Long.getLong("csc.ingest.batchRows", 1_000_000L);
    private final Map<String, Long> bronzeRowsThisRun = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Map.Entry<InputFile, ParsedFile>> readElsewhere = List.of();

    /**
     * Inputs already read outside the drop (the SSD read from a database): they join the drop's files and
     * land in bronze with them. Each is a table of one read, never skipped as seen.
     */
    public IngestJob withInputsReadElsewhere(List<Map.Entry<InputFile, ParsedFile>> inputs) {
        this.readElsewhere = List.copyOf(inputs);
        return this;
    }

    /** @param inputDir the extract drop, or null when the only inputs are {@link #withInputsReadElsewhere} */
    public Result run(String inputDir) throws IOException {
        Progress progress = new Progress();
        ExtractDrop drop = inputDir == null ? ExtractDrop.empty()
                : ExtractDrop.open(inputDir, spark.sparkContext().hadoopConfiguration());
        Set<String> seen = seenHashes();
        Timestamp now = Timestamp.from(Instant.now());

        List<Row> logRows = new ArrayList<>();
        Set<InputFile> claimed = new HashSet<>();
        // parsed files wait here until a batch is full; then their rows go to bronze and leave the driver
        List<Map.Entry<InputFile, ParsedFile>> pending = new ArrayList<>();
        long pendingRows = 0;
        Set<String> named = new java.util.TreeSet<>();
        Map<InputFile, String> sourceOf = new LinkedHashMap<>();
        int ingested = 0, skipped = 0, rejected = 0;
        boolean somethingNew = false;
        for (SourceReader reader : Sources.readers()) {
            for (InputFile f : reader.select(drop.files())) {
                claimed.add(f);
                if (seen.contains(f.sha256())) {
                    manifest.input(f.relative(), f.sha256(), f.bytes(), null, RunManifest.InputStatus.skipped_seen,
                            "already ingested (same SHA-256)");
                    skipped++;
                    continue;
                }
                try {
                    ParsedFile p = reader.read(spark, f);
                    pending.add(Map.entry(f, p));
                    pendingRows += p.heldRows();
                    if (p.laCode() != null) named.add(p.laCode());
                    if (f.laHint() != null) named.add(f.laHint());
                    sourceOf.put(f, reader.source());
                    seen.add(f.sha256());
                    ingested++;
                    progress.stage("read", f.relative(), p.rows());
                } catch (FileRejected e) {
                    rejected++;
                    String reason = reason(e.getMessage());
                    manifest.input(f.relative(), f.sha256(), f.bytes(), null, RunManifest.InputStatus.rejected,
                            reason);
                    Progress.say("rejected %s: %s", f.relative(), reason);
                    LOG.debug("rejected " + f.relative(), e);
                } catch (RuntimeException e) {
                    rejected++;
                    String reason = reason("could not be read: " + oneLine(e));
                    manifest.input(f.relative(), f.sha256(), f.bytes(), null, RunManifest.InputStatus.rejected, reason);
                    Progress.say("rejected %s: %s", f.relative(), reason);
                    LOG.debug("rejected " + f.relative(), e);
                }
                if (lake != null && pendingRows >= batchRows) {
                    // files whose LA is still unknown wait for the end (the drop's one LA is known only then)
                    somethingNew |= flush(pending, null, false, sourceOf, now, logRows, dryRunFrames, progress);
                    pendingRows = pending.stream().mapToLong(e -> e.getValue().heldRows()).sum();
                }
            }
        }
        for (Map.Entry<InputFile, ParsedFile> e : readElsewhere) {
            pending.add(e);
            pendingRows += e.getValue().heldRows();
            sourceOf.put(e.getKey(), e.getKey().source());
            ingested++;
            progress.stage("read", e.getKey().relative(), e.getValue().rows());
        }
        // Files that do not name their LA (903 CSVs) take the la= folder, then --la, then the one LA
        // every other file of the drop names.
        String dropLa = defaultLaCode != null ? defaultLaCode : named.size() == 1 ? named.iterator().next() : null;
        somethingNew |= flush(pending, dropLa, true, sourceOf, now, logRows, dryRunFrames, progress);
        int unrecognised = 0;
        for (InputFile f : drop.files()) {
            if (!claimed.contains(f) && !isHandledElsewhere(f)) {
                unrecognised++;
                manifest.warning(f.relative(), "not a recognised input for ingest; left alone");
            }
        }

        // the log is written after every bronze batch: a run killed before it re-reads these files,
        // and their rows already in bronze are replaced (writeBronze), never doubled
        if (lake != null && somethingNew) writeLog(logRows);
        return new Result(ingested, skipped, rejected, unrecognised, somethingNew, drop.files().stream()
                .filter(f -> f.source().equals(PostcodeCoordinates.FOLDER)).toList());
    }

    /** A dry run's bronze tables (the rows read, in memory); empty when bronze is the lakehouse's. */
    public Map<String, Dataset<Row>> bronzeInMemory() {
        return java.util.Collections.unmodifiableMap(dryRunFrames);
    }

    /**
     * Moves parsed files into bronze (or, in a dry run, into {@code dryRunFrames}): lineage added, the LA
     * resolved, the manifest and ingest-log rows recorded. Files whose LA is not yet known stay in
     * {@code pending} unless {@code last}; they then take {@code dropLa} (or {@link #UNKNOWN_LA}).
     *
     * @return whether any file was moved
     */
    private boolean flush(List<Map.Entry<InputFile, ParsedFile>> pending, String dropLa, boolean last,
                          Map<InputFile, String> sourceOf, Timestamp now, List<Row> logRows,
                          Map<String, Dataset<Row>> dryRunFrames, Progress progress) {
        Map<String, List<Dataset<Row>>> byTable = new TreeMap<>();
        // the files behind each table's rows: the driver knows them, so writing needs no job to find them
        Map<String, Set<String>> filesByTable = new TreeMap<>();
        List<Map.Entry<InputFile, ParsedFile>> waiting = new ArrayList<>();
        boolean moved = false;
        for (Map.Entry<InputFile, ParsedFile> e : pending) {
            InputFile f = e.getKey();
            ParsedFile p = e.getValue();
            String la = p.laCode() != null ? p.laCode() : f.laHint() != null ? f.laHint()
                    : defaultLaCode != null ? defaultLaCode : dropLa;
            if (la == null && !last) {
                waiting.add(e);
                continue;
            }
            if (la == null) {
                la = UNKNOWN_LA;
                manifest.warning(f.relative(), "the file does not name its LA and the drop does not either: recorded as LA "
                        + UNKNOWN_LA + " (use an la=<code>/ folder or --la)");
            }
            ParsedFile withLa = p.withLa(la);
            for (Map.Entry<String, Dataset<Row>> t : p.tables().entrySet()) {
                byTable.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(withLa.withLineage(t.getValue(), f, now));
                filesByTable.computeIfAbsent(t.getKey(), k -> new java.util.TreeSet<>()).add(f.sha256());
            }
            for (String w : p.warnings()) manifest.warning(f.relative(), w);
            manifest.input(f.relative(), f.sha256(), f.bytes(), p.rows(), RunManifest.InputStatus.ingested, null);
            logRows.add(RowFactory.create(f.sha256(), f.relative(), sourceOf.get(f), p.collectionYear(), la, p.rows(), now,
                    manifest.runId));
            moved = true;
        }
        pending.clear();
        pending.addAll(waiting);
        Map<String, Dataset<Row>> frames = new LinkedHashMap<>();
        for (Map.Entry<String, List<Dataset<Row>>> e : byTable.entrySet()) {
            Dataset<Row> all = e.getValue().get(0);
            for (int i = 1; i < e.getValue().size(); i++) all = all.unionByName(e.getValue().get(i), true);
            frames.put(e.getKey(), all);
        }
        if (lake != null) {
            if (!frames.isEmpty()) writeBronze(frames, filesByTable, progress);
        } else {
            frames.forEach((t, df) -> dryRunFrames.merge(t, df, (a, b) -> a.unionByName(b, true)));
        }
        return moved;
    }

    private void writeBronze(Map<String, Dataset<Row>> frames, Map<String, Set<String>> filesByTable, Progress progress) {
        csc.lakehouse.lake.Parallel.map(new ArrayList<>(frames.entrySet()), csc.lakehouse.lake.Parallel.defaultThreads(), e -> {
            String table = e.getKey();
            // one partition, so one file per table and batch: a batch is at most batchRows rows (the parsed
            // files' rows are local relations that would otherwise be split per core and per file)
            Dataset<Row> rows = e.getValue().coalesce(1);
            // a run killed after some bronze writes re-ingests its files: their earlier rows are
            // replaced in the same commit, never doubled
            String files = filesByTable.get(table).stream().map(h -> "'" + h + "'")
                    .collect(java.util.stream.Collectors.joining(","));
            long before = lake.version(Layer.BRONZE, table).orElse(-1L);
            long v = lake.replaceWhere(rows, Layer.BRONZE, table, Lineage.FILE_SHA256 + " IN (" + files + ")");
            // the rows written, from the commit's own metrics (no second pass over the rows); files with no rows
            // make no commit, and the version's metrics are then an earlier write's
            long n = v == before ? 0 : lake.rowsWritten(Layer.BRONZE, table, v).orElseGet(() -> lake.read(Layer.BRONZE, table)
                    .where(Lineage.FILE_SHA256 + " IN (" + files + ")").count());
            long total = bronzeRowsThisRun.merge(table, n, Long::sum);   // summed over batches
            manifest.table(Lakehouse.name(Layer.BRONZE, table), Layer.BRONZE, total, total, null, null, v);
            progress.stage("bronze", table, n);
            return table;
        });
    }

    private static final StructType LOG_SCHEMA = new StructType()
            .add("sha256", DataTypes.StringType).add("path", DataTypes.StringType)
            .add("source", DataTypes.StringType).add("collection_year", DataTypes.IntegerType)
            .add("la_code", DataTypes.StringType).add("rows", DataTypes.LongType)
            .add("ingested_at", DataTypes.TimestampType).add("run_id", DataTypes.StringType);

    private void writeLog(List<Row> rows) {
        lake.append(spark.createDataFrame(rows, LOG_SCHEMA), Layer.BRONZE, BronzeSpec.INGEST_LOG);
    }

    private Set<String> seenHashes() {
        Set<String> out = new HashSet<>();
        if (lake != null && lake.exists(Layer.BRONZE, BronzeSpec.INGEST_LOG)) {
            out.addAll(lake.read(Layer.BRONZE, BronzeSpec.INGEST_LOG).select("sha256")
                           .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        }
        return out;
    }

    /** Inputs that other stages read (benchmarks are read by publish, reference files by conform: PostcodeCoordinates). */
    private static boolean isHandledElsewhere(InputFile f) {
        return f.source().equals("benchmarks") || f.source().equals(PostcodeCoordinates.FOLDER);
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? "unexpected error in the reader" : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    private static final java.util.regex.Pattern JAVA_CLASS = java.util.regex.Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    /**
     * A rejection reason as people read it: one line, no Java exception class names (a reader that passes
     * an exception message on may carry {@code java.io.IOException: ...}), at most 300 characters.
     */
    public static String reason(String m) {
        if (m == null || m.isBlank()) return "could not be read";
        String s = m.replaceAll("\\s+", " ");
        s = JAVA_CLASS.matcher(s).replaceAll("").replaceAll("\\s+", " ").replace(": :", ":").trim();
        if (s.endsWith(":")) s = s.substring(0, s.length() - 1).trim();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
