package csc.lakehouse.lake;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Path-based Delta tables under one root ({@code ./lakehouse} by default, or any Hadoop URI such as
 * {@code s3a://}, {@code abfss://}, {@code hdfs://}). Table {@code silver.referral} lives at
 * {@code <root>/silver/referral}. Nothing here assumes a local filesystem.
 *
 * <p>Every write records the Delta version it produced, so the run manifest can say which versions
 * a run read and wrote.
 */
public final class Lakehouse {
    private final SparkSession spark;
    private final String root;
    // written from several table-writer threads at once (see Parallel)
    private final Map<String, Long> versionsWritten = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Long> versionsRead = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    public Lakehouse(SparkSession spark, String root) {
        this.spark = spark;
        this.root = stripTrailingSlash(root);
    }

    public SparkSession spark() { return spark; }

    public String root() { return root; }

    public String path(Layer layer, String table) {
        return root + "/" + layer.folder() + "/" + table;
    }

    /** Table name as shown to people: {@code silver.referral}. */
    public static String name(Layer layer, String table) {
        return layer.folder() + "." + table;
    }

    public boolean exists(Layer layer, String table) {
        return currentVersion(path(layer, table)).isPresent();
    }

    /** Reads the current version and remembers it for the manifest. */
    public Dataset<Row> read(Layer layer, String table) {
        String p = path(layer, table);
        versionsRead.put(name(layer, table), currentVersion(p).orElse(-1L));
        return spark.read().format("delta").load(p);
    }

    /** Reads the table, or an empty frame of the given schema when it does not exist yet. */
    public Dataset<Row> readOrEmpty(Layer layer, String table, org.apache.spark.sql.types.StructType schema) {
        if (exists(layer, table)) {
            return read(layer, table);
        }
        return spark.createDataFrame(new ArrayList<Row>(), schema);
    }

    public Optional<Long> version(Layer layer, String table) {
        return currentVersion(path(layer, table));
    }

    /**
     * The table's latest committed version, read from the names in {@code _delta_log} (the Delta
     * protocol's commit files {@code <20-digit version>.json}). Asking Delta itself ({@code history},
     * {@code isDeltaTable}) costs a snapshot and a Spark job per call; a run asks about 200 times.
     */
    private Optional<Long> currentVersion(String p) {
        try {
            Path log = new Path(p, "_delta_log");
            FileSystem fs = fileSystem(log);
            if (!fs.exists(log)) {
                return Optional.empty();
            }
            long max = -1;
            for (FileStatus st : fs.listStatus(log)) {
                String n = st.getPath().getName();
                if (n.length() == 25 && n.endsWith(".json") && n.substring(0, 20).chars().allMatch(Character::isDigit)) {
                    max = Math.max(max, Long.parseLong(n.substring(0, 20)));
                }
            }
            return max < 0 ? Optional.empty() : Optional.of(max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the table's contents (schema included) in one Delta commit. */
    public long overwrite(Dataset<Row> df, Layer layer, String table) {
        String p = path(layer, table);
        long before = currentVersion(p).orElse(-1L);
        df.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(p);
        return recordWrite(layer, table, before);
    }

    /**
     * Replaces the rows matching {@code condition} (a SQL predicate) with {@code df} in one Delta commit
     * ({@code replaceWhere}), creating the table if needed: a re-run of the same input cannot leave its
     * rows twice, and a reader never sees the table between the delete and the insert.
     */
    public long replaceWhere(Dataset<Row> df, Layer layer, String table, String condition) {
        String p = path(layer, table);
        Optional<Long> before = currentVersion(p);
        if (before.isEmpty()) {
            return append(df, layer, table);
        }
        df.write().format("delta").mode("overwrite").option("replaceWhere", condition)
          .option("mergeSchema", "true").save(p);
        return recordWrite(layer, table, before.get());
    }

    /** Appends in one Delta commit, creating the table if needed. */
    public long append(Dataset<Row> df, Layer layer, String table) {
        String p = path(layer, table);
        long before = currentVersion(p).orElse(-1L);
        df.write().format("delta").mode("append").option("mergeSchema", "true").save(p);
        return recordWrite(layer, table, before);
    }

    /**
     * Makes the table equal to {@code desired} in one Delta commit. The table is rebuilt whole by every conform,
     * so this is an overwrite, not a MERGE: a MERGE on the keys costs about four times the Spark jobs of an
     * overwrite (issue 16's micro-benchmark: 12 jobs against 3) and a silver build rewrites every file anyway.
     * Creates the table when it does not exist.
     *
     * @return the Delta version after the write
     */
    public long mergeReplace(Dataset<Row> desired, Layer layer, String table, List<String> keys, String hashColumn) {
        return mergeReplace(desired, layer, table, keys, hashColumn, null);
    }

    /**
     * As {@link #mergeReplace(Dataset, Layer, String, List, String)}, but a current row whose key is missing from
     * {@code desired} is dropped only where {@code deletable} holds (current columns are prefixed {@code t.}):
     * rows from purged bronze files are kept this way, unioned with {@code desired} before the overwrite.
     * Delta reads the current version while it writes the next, so the kept rows come from a consistent snapshot.
     */
    public long mergeReplace(Dataset<Row> desired, Layer layer, String table, List<String> keys, String hashColumn,
                             Column deletable) {
        String p = path(layer, table);
        Optional<Long> before = currentVersion(p);
        Dataset<Row> rows = desired;
        if (before.isPresent() && deletable != null) {
            Dataset<Row> current = spark.read().format("delta").load(p).as("t");
            Column on = null;
            for (String k : keys) {
                Column c = functions.col("t." + k).eqNullSafe(functions.col("s." + k));
                on = on == null ? c : on.and(c);
            }
            Dataset<Row> kept = current.filter(functions.not(deletable)).join(desired.as("s"), on, "left_anti");
            // a lake written by an earlier version may lack a declared column: the kept rows get it as null
            List<String> have = List.of(kept.columns());
            List<Column> cols = new ArrayList<>();
            for (org.apache.spark.sql.types.StructField f : desired.schema().fields()) {
                cols.add(have.contains(f.name()) ? functions.col(f.name()).cast(f.dataType()).as(f.name())
                        : functions.lit(null).cast(f.dataType()).as(f.name()));
            }
            rows = desired.unionByName(kept.select(cols.toArray(new Column[0])));
        }
        rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(p);
        return recordWrite(layer, table, before.orElse(-1L));
    }

    /** Records the version a write produced, and counts its commits and the data files they added. */
    private long recordWrite(Layer layer, String table, long before) {
        String p = path(layer, table);
        long v = currentVersion(p).orElse(-1L);
        versionsWritten.put(name(layer, table), v);
        long files = 0;
        for (long c = Math.max(0, before + 1); c <= v; c++) files += addedFiles(p, c);
        WorkCounter.committed(Math.max(0, v - before), files);
        return v;
    }

    /**
     * The rows a write committed as {@code version} added, from the commit's {@code operationMetrics}
     * ({@code numOutputRows}); empty when the commit does not record it.
     */
    public Optional<Long> rowsWritten(Layer layer, String table, long version) {
        try {
            Path commit = new Path(new Path(path(layer, table), "_delta_log"), String.format("%020d.json", version));
            FileSystem fs = fileSystem(commit);
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("{\"commitInfo\"")) continue;
                    com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line)
                            .path("commitInfo").path("operationMetrics").path("numOutputRows");
                    return rows.isMissingNode() ? Optional.empty() : Optional.of(Long.parseLong(rows.asText()));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Data files a commit added: its {@code add} actions (one JSON object per line of the commit file). */
    private long addedFiles(String table, long version) {
        try {
            Path commit = new Path(new Path(table, "_delta_log"), String.format("%020d.json", version));
            FileSystem fs = fileSystem(commit);
            long n = 0;
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) if (line.startsWith("{\"add\"")) n++;
            }
            return n;
        } catch (IOException e) {
            return 0;   // a figure, not state: a commit file that cannot be read counts no files
        }
    }

    public Map<String, Long> versionsWritten() {
        synchronized (versionsWritten) {
            return new java.util.TreeMap<>(versionsWritten);
        }
    }

    public Map<String, Long> versionsRead() {
        synchronized (versionsRead) {
            return new java.util.TreeMap<>(versionsRead);
        }
    }

    /** Names of the Delta tables present in a layer, sorted. */
    public List<String> tables(Layer layer) {
        List<String> out = new ArrayList<>();
        try {
            Path dir = new Path(root + "/" + layer.folder());
            FileSystem fs = fileSystem(dir);
            if (!fs.exists(dir)) {
                return out;
            }
            for (FileStatus st : fs.listStatus(dir)) {
                if (st.isDirectory() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
                    out.add(st.getPath().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(String::compareTo);
        return out;
    }

    public FileSystem fileSystem(Path p) throws IOException {
        return p.getFileSystem(hadoopConf());
    }

    /** The session's Hadoop settings (where the object stores' endpoints and credential providers are). */
    public Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
    }

    /** A small text file under the root (state markers), when it exists. */
    public Optional<String> readText(String relative) {
        try {
            Path p = new Path(root + "/" + relative);
            FileSystem fs = fileSystem(p);
            if (!fs.exists(p)) return Optional.empty();
            try (java.io.InputStream in = fs.open(p)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a small text file under the root, if present. */
    public void deleteText(String relative) {
        try {
            Path p = new Path(root + "/" + relative);
            fileSystem(p).delete(p, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a small text file (manifests, locks) under the root, via a temporary name and a rename. */
    public void writeText(String relative, String text) {
        try {
            Path target = new Path(root + "/" + relative);
            FileSystem fs = fileSystem(target);
            fs.mkdirs(target.getParent());
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            fs.rename(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripTrailingSlash(String s) {
        String r = s;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        // plain local paths become absolute file: URIs so Spark and Hadoop agree on them
        if (URI.create(r.replace(" ", "%20")).getScheme() == null) {
            r = new java.io.File(r).getAbsoluteFile().toURI().toString();
            while (r.endsWith("/")) {
                r = r.substring(0, r.length() - 1);
            }
        }
        return r;
    }
}
