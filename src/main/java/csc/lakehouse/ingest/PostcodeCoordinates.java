package csc.lakehouse.ingest;

import csc.lakehouse.lake.RunManifest;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.*;

/**
 * The drop's postcode-to-coordinates files ({@code reference/*.csv}): the ONS Postcode Directory's columns
 * ({@code pcds} or {@code pcd}, {@code lat}, {@code long}) or plain {@code postcode, latitude, longitude}. Conform takes
 * each placement's distance from home with them before postcodes are reduced to districts (issue 15: "placed more
 * than 20 miles from home"). Not child data: read whole, never written to the lakehouse. A CSV in {@code reference/}
 * without those columns is named in the run's warnings and not read.
 */
public final class PostcodeCoordinates {
    public static final String FOLDER = "reference";
    static final List<String> POSTCODE = List.of("pcds", "pcd", "pcd7", "pcd8", "postcode");
    static final List<String> LATITUDE = List.of("lat", "latitude");
    static final List<String> LONGITUDE = List.of("long", "lon", "longitude");

    private PostcodeCoordinates() {}

    /** The coordinates (null when none) and the files they came from, one "name sha256" line each ("" when none). */
    public record Read(Dataset<Row> rows, String files) {}

    /**
     * {@code postcode} (as the file writes it), {@code lat}, {@code lon} of every CSV of the drop's {@code reference/}
     * files (as the drop's listing found them) that has the columns (null when there is none; conform makes the
     * lookup key), and those files' names and SHA-256.
     */
    public static Read read(SparkSession spark, List<InputFile> referenceFiles, RunManifest manifest) throws IOException {
        Dataset<Row> all = null;
        StringBuilder files = new StringBuilder();
        List<InputFile> sorted = new ArrayList<>(referenceFiles);
        sorted.sort(java.util.Comparator.comparing(InputFile::relative));
        for (InputFile f : sorted) {
            String name = f.relative();
            if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) continue;
            Path path = new Path(f.uri());
            List<String> header = header(path.getFileSystem(spark.sparkContext().hadoopConfiguration()), path);
            String pc = first(header, POSTCODE), lat = first(header, LATITUDE), lon = first(header, LONGITUDE);
            if (pc == null || lat == null || lon == null) {
                if (manifest != null) manifest.warning(name, "not a postcode-to-coordinates file (it needs a column "
                        + "pcds or postcode, and lat and long): not read");
                continue;
            }
            Dataset<Row> rows = spark.read().option("header", "true").csv(f.uri())
                    .select(col("`" + pc + "`").as("postcode"), col("`" + lat + "`").cast("double").as("lat"),
                            col("`" + lon + "`").cast("double").as("lon"))
                    .filter(col("postcode").isNotNull().and(col("lat").isNotNull()).and(col("lon").isNotNull())
                            // the ONS directory's 99.999999 marks a postcode without a grid reference
                            .and(col("lat").lt(90)));
            all = all == null ? rows : all.unionByName(rows);
            // the listing already hashed every file of the drop: its SHA-256 names this one's content
            files.append(name).append(' ').append(f.sha256()).append('\n');
        }
        return new Read(all, files.toString());
    }

    private static List<String> header(FileSystem fs, Path p) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            List<String> out = new ArrayList<>();
            if (line == null) return out;
            if (line.startsWith("\uFEFF")) line = line.substring(1);
            for (String h : line.split(",")) out.add(h.replace("\"", "").trim());
            return out;
        }
    }

    private static String first(List<String> header, List<String> names) {
        for (String h : header) if (names.contains(h.toLowerCase(Locale.ROOT))) return h;
        return null;
    }
}
