package csc.lakehouse;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.lake.SparkSessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The one SparkSession of the test JVM ({@code local[2]}, 2 shuffle partitions, UTC), with the
 * pseudonym function registered under a fixed test key.
 */
public final class SparkTestSession {
    public static final String TEST_KEY = "test-only-key-not-for-real-data";
    private static SparkSession spark;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSessions.forTests();
            Pseudonymiser.register(spark, PseudonymKey.of(TEST_KEY));
        }
        return spark;
    }

    /** The pseudonym the test key gives a raw identifier (for hand-computed expectations). */
    public static String pseudonym(String la, String id) {
        return Pseudonymiser.hash(TEST_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), la, id);
    }

    /** A frame from literal rows, e.g. {@code frame(schema, row("a", 1), row("b", 2))}. */
    public static Dataset<Row> frame(StructType schema, Row... rows) {
        List<Row> l = new ArrayList<>(List.of(rows));
        return get().createDataFrame(l, schema);
    }

    public static Row row(Object... values) {
        return RowFactory.create(values);
    }

    public static java.sql.Date d(String iso) {
        return iso == null ? null : java.sql.Date.valueOf(iso);
    }

    public static Path tempDir(String prefix) {
        try {
            Path base = Paths.get("target", "test-tmp");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Copies a folder tree (a drop) file by file. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** Deletes a folder tree, if present. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** ../shared/reference-data (tests that read it are skipped with a message when it is absent). */
    public static Path sharedReferenceData() {
        String dir = System.getProperty("csc.shared.dir", "../shared");
        return Paths.get(dir, "reference-data");
    }
}
