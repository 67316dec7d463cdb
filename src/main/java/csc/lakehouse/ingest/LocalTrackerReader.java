package csc.lakehouse.ingest;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.LooseDates;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.TrackerSpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local trackers: {@code local/<tracker>.csv} (also {@code local/<tracker>_<anything>.csv} and under
 * {@code la=<code>/}), one bronze table {@code local_<tracker>} per tracker declared in
 * {@code data-schemas/inputs/local/}. Headers are matched ignoring case, spaces and punctuation. An
 * optional {@code la} column names each row's LA (several LAs in one file).
 *
 * <p>A file whose tracker is unknown is read as nothing, with a warning naming the known trackers; a
 * file missing required columns is rejected naming them; extra columns are dropped with a warning. The
 * collection year is the reporting year containing the latest date in the file (else a 20xx year in
 * the file name, else the current reporting year, with a warning).
 */
public final class LocalTrackerReader implements SourceReader {
    public static final String SOURCE = "local";
    private static final Pattern FILE = Pattern.compile("^(?:la=[^/]+/)?local/([^/]+)\\.csv$", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR_IN_NAME = Pattern.compile("(20\\d\\d)");

    @Override
    public String source() { return SOURCE; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        return inSourceFolder(dropFiles, f -> FILE.matcher(f.relative()).matches());
    }

    @Override
    public List<String> bronzeTables() {
        List<String> t = new ArrayList<>();
        for (TrackerSpec s : TrackerSpec.all().values()) t.add(s.bronzeTable());
        return t;
    }

    /** The tracker a file name belongs to: the stem itself, or the longest tracker name it starts with before _ or -. */
    public static Optional<TrackerSpec> trackerFor(String fileName) {
        String stem = fileName.toLowerCase(Locale.ROOT);
        if (stem.endsWith(".csv")) stem = stem.substring(0, stem.length() - 4);
        TrackerSpec best = null;
        for (TrackerSpec s : TrackerSpec.all().values()) {
            boolean match = stem.equals(s.tracker) || stem.startsWith(s.tracker + "_") || stem.startsWith(s.tracker + "-");
            if (match && (best == null || s.tracker.length() > best.tracker.length())) best = s;
        }
        return Optional.ofNullable(best);
    }

    /** Header text to a column name: lower case, runs of anything but letters and digits to one underscore. */
    public static String normaliseHeader(String h) {
        String s = h == null ? "" : h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
        s = s.replace("'", "").replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        String text = readText(spark, file);
        return parse(spark, file, text);
    }

    static String readText(SparkSession spark, InputFile file) throws FileRejected {
        try {
            Path p = new Path(file.uri());
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new FileRejected("could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses the text of a tracker file (the file supplies only its name and hints). */
    public static ParsedFile parse(SparkSession spark, InputFile file, String text) throws FileRejected {
        List<String> warnings = new ArrayList<>();
        Optional<TrackerSpec> found = trackerFor(file.name());
        if (found.isEmpty()) {
            warnings.add("unknown local tracker '" + file.name() + "': not read (known trackers: "
                    + String.join(", ", TrackerSpec.all().keySet()) + ")");
            return new ParsedFile(fallbackYear(file, warnings), null, Map.of(), 0, warnings);
        }
        TrackerSpec spec = found.get();
        List<List<String>> records = csc.lakehouse.spec.SimpleCsv.parse(text);
        if (records.isEmpty()) throw new FileRejected("empty file: no header row for tracker " + spec.tracker);
        List<String> header = records.get(0);
        Map<String, Integer> at = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String n = normaliseHeader(header.get(i));
            if (n.isEmpty()) continue;
            if (spec.columnNames().contains(n) || BronzeSpec.TRACKER_LA_COLUMN.equals(n) || "la_code".equals(n)) {
                at.putIfAbsent("la_code".equals(n) ? BronzeSpec.TRACKER_LA_COLUMN : n, i);
            } else {
                extra.add(header.get(i).trim());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String r : spec.requiredColumns()) if (!at.containsKey(r)) missing.add(r);
        if (!missing.isEmpty()) {
            throw new FileRejected("tracker " + spec.tracker + ": missing required column(s) " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) warnings.add("tracker " + spec.tracker + ": column(s) not in the schema ignored: " + String.join(", ", extra));

        List<String> cols = new ArrayList<>(spec.columnNames());
        cols.add(BronzeSpec.TRACKER_LA_COLUMN);
        StructType schema = new StructType();
        for (String c : cols) schema = schema.add(c, DataTypes.StringType);
        schema = schema.add(Lineage.ROW_NUMBER, DataTypes.LongType);

        List<Row> rows = new ArrayList<>();
        LocalDate latest = null;
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.stream().allMatch(v -> v == null || v.isBlank())) continue;
            Object[] values = new Object[cols.size() + 1];
            for (int c = 0; c < cols.size(); c++) {
                Integer i = at.get(cols.get(c));
                String v = i == null || i >= rec.size() ? null : rec.get(i);
                values[c] = v;
            }
            for (TrackerSpec.Column c : spec.columns) {
                if (!"date".equals(c.type) && !"datetime".equals(c.type)) continue;
                Optional<LocalDate> d = LooseDates.date((String) values[cols.indexOf(c.name)]);
                if (d.isPresent() && (latest == null || d.get().isAfter(latest))) latest = d.get();
            }
            values[cols.size()] = (long) (r + 1);
            rows.add(RowFactory.create(values));
        }
        int year = latest != null ? LooseDates.reportingYear(latest) : fallbackYear(file, warnings);
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        return new ParsedFile(year, null, Map.of(spec.bronzeTable(), df), rows.size(), warnings);
    }

    private static int fallbackYear(InputFile file, List<String> warnings) {
        Matcher m = YEAR_IN_NAME.matcher(file.name());
        if (m.find()) return Integer.parseInt(m.group(1));
        if (file.yearHint() != null) return file.yearHint();
        int y = LooseDates.reportingYear(LocalDate.now());
        warnings.add("no dates in the file and no year in its name: recorded as collection year " + y);
        return y;
    }
}
