package csc.lakehouse.ingest.population;

import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.SourceReader;
import csc.lakehouse.ingest.ssda903.Ssda903CsvReader;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Population CSVs ({@code population/*.csv}, {@code population/projections/*.csv}) into
 * {@code bronze.population}, every value as received. Two layouts (architecture.md section 4):
 * <ul>
 *   <li>single year of age: {@code new_la_code, la_name, year, age, population};</li>
 *   <li>the DfE explore-education-statistics layout: {@code time_period, geographic_level, ...,
 *       old_la_code, new_la_code, la_name, age_group, population_estimate}.</li>
 * </ul>
 * Anything else is rejected, and so is a single-year-of-age file in which an LA and year lacks any of the
 * ages 0-17 (the missing ages are named). The collection year recorded for the file is its latest mid-year (the
 * vintage), so a later vintage wins in silver.
 */
public final class PopulationReader implements SourceReader {
    public static final String BRONZE = "population";
    static final List<String> SINGLE_YEAR = List.of("new_la_code", "la_name", "year", "age", "population");
    /** The oldest age summed into the 0-17 population. */
    static final int MAX_CHILD_AGE = 17;
    static final List<String> EES = List.of("time_period", "geographic_level", "new_la_code", "la_name", "age_group",
            "population_estimate");

    @Override
    public String source() { return "population"; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        return inSourceFolder(dropFiles, SourceReader.withExtension(".csv"));
    }

    @Override
    public List<String> bronzeTables() { return List.of(BRONZE); }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        Path p = new Path(file.uri());
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (Reader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8), 1 << 16)) {
                return parse(spark, in);
            }
        } catch (IOException e) {
            throw new FileRejected("could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses one population CSV (public for tests). */
    public static ParsedFile parse(SparkSession spark, Reader in) throws FileRejected, IOException {
        Ssda903CsvReader.Records csv = new Ssda903CsvReader.Records(in);
        List<String> header = csv.next();
        if (header == null) throw new FileRejected("empty file: no header row");
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (i == 0 && h.startsWith("\uFEFF")) h = h.substring(1);
            if (cols.contains(h)) throw new FileRejected("column " + h + " appears twice in the header");
            cols.add(h);
        }
        boolean single = cols.containsAll(SINGLE_YEAR);
        boolean ees = cols.containsAll(EES);
        if (!single && !ees) {
            List<String> a = new ArrayList<>(SINGLE_YEAR);
            a.removeAll(cols);
            List<String> b = new ArrayList<>(EES);
            b.removeAll(cols);
            throw new FileRejected("not a population file in either layout: missing " + String.join(", ", a)
                    + " (single year of age) or " + String.join(", ", b) + " (explore-education-statistics)");
        }
        String yearCol = single ? "year" : "time_period";
        int yi = cols.indexOf(yearCol);
        int ai = single ? cols.indexOf("age") : -1;
        int li = cols.indexOf("new_la_code");
        // single year of age: the ages seen per (LA, year); the 0-17 total needs every one of them
        Map<String, java.util.BitSet> ages = new java.util.TreeMap<>();
        List<Row> rows = new ArrayList<>();
        List<String> rec;
        int maxYear = 0;
        while ((rec = csv.next()) != null) {
            if (rec.size() == 1 && rec.get(0).isBlank()) continue;
            Object[] v = new Object[cols.size() + 1];
            for (int i = 0; i < cols.size(); i++) v[i] = i < rec.size() ? rec.get(i) : null;
            v[cols.size()] = (long) csv.recordStartLine();
            rows.add(RowFactory.create(v));
            String y = yi < rec.size() ? rec.get(yi).trim() : "";
            if (single) {
                String la = li < rec.size() ? rec.get(li).trim() : "";
                java.util.BitSet seen = ages.computeIfAbsent(la + " mid-" + y, k -> new java.util.BitSet());
                String age = ai < rec.size() ? rec.get(ai).trim() : "";
                if (age.matches("\\d{1,3}")) seen.set(Integer.parseInt(age));
            }
            if (y.matches("\\d{4}")) maxYear = Math.max(maxYear, Integer.parseInt(y));
            else if (y.matches("\\d{6}")) maxYear = Math.max(maxYear, Integer.parseInt(y.substring(0, 4)));
        }
        List<String> gaps = new ArrayList<>();
        for (Map.Entry<String, java.util.BitSet> e : ages.entrySet()) {
            List<String> missing = new ArrayList<>();
            for (int a = 0; a <= MAX_CHILD_AGE; a++) if (!e.getValue().get(a)) missing.add(Integer.toString(a));
            if (!missing.isEmpty()) gaps.add(e.getKey() + " lacks age" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        if (!gaps.isEmpty()) {
            throw new FileRejected("single year of age file without every age 0-" + MAX_CHILD_AGE
                    + " (the 0-17 population would be too small): " + String.join("; ", gaps));
        }
        List<String> warnings = new ArrayList<>();
        if (rows.isEmpty()) warnings.add("header only: no population rows");
        StructType schema = new StructType();
        for (String c : cols) schema = schema.add(c.replaceAll("[\\s,;{}()=]+", "_"), DataTypes.StringType, true);
        schema = schema.add("_row_number", DataTypes.LongType, false);
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(BRONZE, spark.createDataFrame(rows, schema));
        return new ParsedFile(maxYear, null, tables, rows.size(), warnings);
    }
}
