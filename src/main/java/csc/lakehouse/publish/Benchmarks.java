package csc.lakehouse.publish;

import csc.lakehouse.spec.MeasureSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Published comparators read from a drop's {@code benchmarks/} folder, in the DfE's own formats
 * (explore-education-statistics CSVs b1, c1, d3, d5 and cla_number_and_rate_per_10k_children, and the
 * statistical-neighbour list). Which column holds which measure is the catalogue's {@code benchmark:} entry
 * (data-schemas/measures.yaml); files are recognised by those columns, not their names. Nothing is
 * fetched at run time. The LAIT long table ({@code bds_long*.parquet}, read with the embedded DuckDB) gives the
 * national framework indicators that only national data holds (school outcomes, hospital admissions, workforce):
 * their data items, named in data-schemas/reference/national_framework.csv, are kept as measures {@code lait:<item>}
 * with LAIT's own year labels as periods; the CSVs cover the headline measures the council computes.
 *
 * <p>Only rates and percentages are kept (a borough count beside England's count says nothing).
 * Rates that the DfE file does not publish (CIN, referrals, CPP at 31 March and starts per 10,000) are
 * computed from its count and the population in the CLA rate file for the same year and area, which is
 * the mid-(Y-1) ONS estimate the DfE uses (B&D 2025: 2,578 / 66,465 x 10,000 = 387.9).
 */
public final class Benchmarks {
    public static final String ENGLAND = "England";
    /** The LA's own region (its name, e.g. London or North East, is {@link #regionName()}). */
    public static final String REGION = "Region";
    /** The statistical neighbours' mean (LAIT's comparator) and median (the DfE dashboard's). */
    public static final String SN = "Statistical neighbours";
    public static final String SN_MEDIAN = "Statistical neighbours (median)";
    public static final List<String> COMPARATORS = List.of(ENGLAND, REGION, SN, SN_MEDIAN);
    private static final String REGION_KEY = "R:";
    static final Set<String> MARKERS = Set.of("c", "x", "k", "z", "u", "low", ":", "..", "");

    /** One comparator value. time_period in trends form (202425 for the year ending 31 March 2025). */
    public record Benchmark(String measureId, String breakdown, String breakdownValue, String timePeriod,
            String comparator, double value, String source) {}

    private final String laName;
    private final String regionName;
    private final List<Benchmark> rows;
    private final Map<String, Benchmark> index = new HashMap<>();
    /** measure|breakdown value|period -> every other LA's published value (the LA's own left out) */
    private final Map<String, List<Double>> otherLas;
    /** measure|breakdown value|period -> the LA's own published value */
    private final Map<String, Double> own;

    Benchmarks(String laName, String regionName, List<Benchmark> rows) {
        this(laName, regionName, rows, Map.of(), Map.of());
    }

    Benchmarks(String laName, String regionName, List<Benchmark> rows, Map<String, List<Double>> otherLas,
               Map<String, Double> own) {
        this.laName = laName;
        this.regionName = regionName;
        this.otherLas = Map.copyOf(otherLas);
        this.own = Map.copyOf(own);
        this.rows = List.copyOf(rows);
        for (Benchmark b : rows) index.put(key(b.measureId(), b.breakdownValue(), b.timePeriod(), b.comparator()), b);
    }

    public static Benchmarks of(List<Benchmark> rows) { return new Benchmarks(null, null, rows); }

    public List<Benchmark> rows() { return rows; }

    public String laName() { return laName; }

    /**
     * Where a value stands among all LAs, LAIT's way: its rank (1 = best: the highest where higher is better, the
     * lowest where higher is worse; ties share the better rank) among the other LAs' published values for the same
     * measure and year plus itself, and the quartile band A (best quarter) to D. Null for a measure with no better
     * direction, or when no other LA's value is held.
     */
    public record Position(int rank, int of, char band) {}

    public Position position(String measureId, String breakdownValue, String timePeriod, double value, Boolean higherIsBetter) {
        List<Double> others = otherLas.get(measureId + "|" + breakdownValue + "|" + timePeriod);
        if (higherIsBetter == null || others == null || others.isEmpty()) return null;
        int better = 0;
        for (double o : others) if (higherIsBetter ? o > value : o < value) better++;
        int rank = better + 1, of = others.size() + 1;
        return new Position(rank, of, (char) ('A' + Math.min(3, (rank - 1) * 4 / of)));
    }

    /**
     * The DfE's published figure for the LA itself (measure, breakdown value, trends time_period), or null: set
     * beside the council's own computed figure, it checks the council's return.
     */
    public Double published(String measureId, String breakdownValue, String timePeriod) {
        return own.get(measureId + "|" + breakdownValue + "|" + timePeriod);
    }

    /** The LA's region as the DfE's files name it (London, North East, ...); null when not known. */
    public String regionName() { return regionName; }

    /** A comparator as a reader sees it: the region by its name. */
    public String label(String comparator) {
        return REGION.equals(comparator) && regionName != null ? regionName : comparator;
    }

    public List<Benchmark> forMeasure(String measureId) {
        return rows.stream().filter(b -> b.measureId().equals(measureId)).toList();
    }

    /** The comparator's value for (measure, breakdown value or Total, trends time_period), or null. */
    public Benchmark get(String measureId, String breakdownValue, String timePeriod, String comparator) {
        return index.get(key(measureId, breakdownValue, timePeriod, comparator));
    }

    private static String key(String m, String bv, String tp, String c) { return m + "|" + bv + "|" + tp + "|" + c; }

    /** 2025 (DfE year ending 31 March) to 202425. */
    static String trendsPeriod(String dfeYear) {
        String y = dfeYear.trim();
        if (y.matches("\\d{4}")) {
            int yy = Integer.parseInt(y);
            return (yy - 1) + String.format("%02d", yy % 100);
        }
        return y; // already 202425
    }

    static Double number(String s) {
        if (s == null) return null;
        String t = s.trim();
        if (MARKERS.contains(t.toLowerCase(Locale.ROOT))) return null;
        try { return Double.valueOf(t.replace(",", "")); } catch (NumberFormatException e) { return null; }
    }

    // ---- loading ---------------------------------------------------------------------------------

    /** area key: "E" England, "R:" + region code for a region, else the DfE LA number (old_la_code). */
    private record Value(String measureId, String breakdown, String breakdownValue, String period, String area,
            Double value, Double count, boolean perPopulation, String source) {}

    /**
     * Reads every CSV in {@code dir} that it recognises. {@code laCode} is the borough's ONS code
     * (E09000002) or DfE number (301). Returns an empty set when the folder is missing.
     */
    public static Benchmarks load(Path dir, String laCode) {
        return load(dir, laCode, MeasureSpec.load());
    }

    /** As {@link #load(Path, String)}, with the catalogue's {@code benchmark:} entries saying which column is which measure. */
    public static Benchmarks load(Path dir, String laCode, MeasureSpec catalogue) {
        List<MeasureSpec.Measure> sources = catalogue.benchmarked();
        List<Value> values = new ArrayList<>();
        Map<String, Double> population = new HashMap<>(); // period|area -> population
        Map<String, String> newToOld = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<String>> neighbours = new HashMap<>();
        String snSource = null;
        boolean newModel = false;
        Map<String, String> laRegion = new HashMap<>();      // old_la_code -> region key, from the files' LA rows
        Map<String, String> regionNames = new HashMap<>();   // region key -> region name
        if (dir == null || !Files.isDirectory(dir)) return new Benchmarks(null, null, List.of());
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Path> files = all.stream().filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
        for (Path f : all) {
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                values.addAll(readLait(f, csc.lakehouse.spec.NationalFramework.laitItems()));
            }
        }
        for (Path f : files) {
            List<List<String>> recs;
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                recs = CsvFile.read(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
            if (recs.isEmpty()) continue;
            Map<String, Integer> ix = new HashMap<>();
            List<String> h = recs.get(0);
            for (int i = 0; i < h.size(); i++) ix.putIfAbsent(CsvFile.stripBom(h.get(i)).trim(), i);
            String name = f.getFileName().toString();
            // two statistical-neighbour models: the 2025 one (SN_1 ... columns) replaces April 2021's (SN1 ...)
            if (ix.containsKey("SN1") && ix.containsKey("LA num")) {
                if (!newModel) {
                    snSource = name;
                    readNeighbours(recs, ix, "LA num", "SN", neighbours);
                }
                continue;
            }
            if (ix.containsKey("SN_1") && ix.containsKey("old_la_code")) {
                newModel = true;
                snSource = name;
                neighbours.clear();
                readNeighbours(recs, ix, "old_la_code", "SN_", neighbours);
                continue;
            }
            if (!ix.containsKey("time_period") || !ix.containsKey("geographic_level")) continue;
            // the CLA numbers-and-rates file also gives the population that turns other files' counts into rates
            boolean populationFile = ix.containsKey("population_type") && ix.containsKey("rate_per_10000");
            List<Map.Entry<String, MeasureSpec.BenchmarkSource>> maps = new ArrayList<>();
            for (MeasureSpec.Measure m : sources) {
                for (MeasureSpec.BenchmarkSource b : m.benchmarks()) {
                    if (ix.containsKey(b.column()) && ix.keySet().containsAll(b.where().keySet())) maps.add(Map.entry(m.id(), b));
                }
            }
            if (maps.isEmpty() && !populationFile) continue;
            for (int n = 1; n < recs.size(); n++) {
                List<String> r = recs.get(n);
                String area = area(r, ix);
                if (area == null) continue;
                String year = get(r, ix, "time_period");
                String period = trendsPeriod(year);
                String source = name + " (" + year + ")";
                String oldCode = get(r, ix, "old_la_code"), newCode = get(r, ix, "new_la_code");
                if (!oldCode.isBlank() && !newCode.isBlank()) newToOld.put(newCode, oldCode);
                if (!oldCode.isBlank()) names.put(oldCode, get(r, ix, "la_name"));
                String regionCode = get(r, ix, "region_code").trim();
                if (!regionCode.isEmpty() && !oldCode.isBlank()) {
                    String[] region = region(regionCode, get(r, ix, "region_name").trim());
                    regionNames.putIfAbsent(REGION_KEY + region[0], region[1]);
                    laRegion.put(oldCode.trim(), REGION_KEY + region[0]);
                }
                if (populationFile) {
                    Double pop = number(get(r, ix, "population_estimate"));
                    if (pop != null) population.put(period + "|" + area, pop);
                }
                for (Map.Entry<String, MeasureSpec.BenchmarkSource> m : maps) {
                    MeasureSpec.BenchmarkSource b = m.getValue();
                    if (!b.where().entrySet().stream().allMatch(w -> MeasureSpec.BenchmarkSource.matches(w.getValue(), get(r, ix, w.getKey())))) {
                        continue;
                    }
                    Double v = number(get(r, ix, b.column()));
                    values.add(new Value(m.getKey(), b.breakdown(), b.breakdownValue(), period, area,
                            b.perPopulation() ? null : v, b.perPopulation() ? v : null, b.perPopulation(), source));
                }
            }
        }
        String old = laCode == null ? null : newToOld.getOrDefault(laCode, laCode);
        // the LA's region: from its own rows in the files, else the LA code list (data-schemas/reference/la_codes.csv)
        String region = old == null ? null : laRegion.get(old);
        if (region == null && old != null) {
            for (String[] la : EesFiles.LA.values()) {
                if (la[0].equals(old) && !la[1].isEmpty()) {
                    region = REGION_KEY + la[1];
                    regionNames.putIfAbsent(region, la[2]);
                }
            }
        }
        // resolve rates per 10,000 from counts and the population of the same year and area
        Map<String, Double> byArea = new LinkedHashMap<>();
        Map<String, Value> first = new LinkedHashMap<>();
        for (Value v : values) {
            Double val = v.value();
            String src = v.source();
            if (v.perPopulation()) {
                Double pop = population.get(v.period() + "|" + v.area());
                val = v.count() == null || pop == null || pop == 0 ? null : Math.round(v.count() * 100000.0 / pop) / 10.0;
                src = src + "; population from cla_number_and_rate_per_10k_children.csv";
            }
            if (val == null) continue;
            String k = v.measureId() + "|" + v.breakdownValue() + "|" + v.period() + "|" + v.area();
            byArea.put(k, val);
            first.put(k, new Value(v.measureId(), v.breakdown(), v.breakdownValue(), v.period(), v.area(), val, null, false, src));
        }
        List<Benchmark> out = new ArrayList<>();
        Map<String, List<Double>> otherLas = new HashMap<>();
        Map<String, Double> own = new HashMap<>();
        for (Value v : first.values()) {
            if (v.area().equals(old)) own.put(v.measureId() + "|" + v.breakdownValue() + "|" + v.period(), v.value());
            if (v.area().equals("E") || v.area().startsWith(REGION_KEY) || v.area().equals(old)) continue;
            otherLas.computeIfAbsent(v.measureId() + "|" + v.breakdownValue() + "|" + v.period(), k -> new ArrayList<>()).add(v.value());
        }
        Map<String, List<Value>> snParts = new TreeMap<>();
        List<String> sns = old == null ? List.of() : neighbours.getOrDefault(old, List.of());
        for (Value v : first.values()) {
            if (v.area().equals("E")) out.add(new Benchmark(v.measureId(), v.breakdown(), v.breakdownValue(), v.period(), ENGLAND, v.value(), v.source()));
            else if (v.area().equals(region)) out.add(new Benchmark(v.measureId(), v.breakdown(), v.breakdownValue(), v.period(), REGION, v.value(), v.source()));
            else if (sns.contains(v.area())) {
                snParts.computeIfAbsent(v.measureId() + "|" + v.breakdown() + "|" + v.breakdownValue() + "|" + v.period(),
                        k -> new ArrayList<>()).add(v);
            }
        }
        for (Map.Entry<String, List<Value>> e : snParts.entrySet()) {
            List<Value> parts = e.getValue();
            double mean = parts.stream().mapToDouble(Value::value).average().orElse(Double.NaN);
            Value v0 = parts.get(0);
            out.add(new Benchmark(v0.measureId(), v0.breakdown(), v0.breakdownValue(), v0.period(), SN,
                    Math.round(mean * 10.0) / 10.0,
                    v0.source() + "; mean of " + parts.size() + " of " + sns.size() + " statistical neighbours (" + snSource + ")"));
            double[] sorted = parts.stream().mapToDouble(Value::value).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            out.add(new Benchmark(v0.measureId(), v0.breakdown(), v0.breakdownValue(), v0.period(), SN_MEDIAN,
                    Math.round(median * 10.0) / 10.0,
                    v0.source() + "; median of " + n + " of " + sns.size() + " statistical neighbours (" + snSource + ")"));
        }
        out.sort(Comparator.comparing(Benchmark::measureId).thenComparing(Benchmark::breakdownValue)
                .thenComparing(Benchmark::timePeriod).thenComparing(Benchmark::comparator));
        return new Benchmarks(old == null ? null : names.get(old), region == null ? null : regionNames.get(region), out, otherLas, own);
    }

    /** The measure id under which a LAIT data item's values are kept. */
    public static String lait(String item) { return LAIT + item; }

    static final String LAIT = "lait:";

    /**
     * The rows of the LAIT long file for {@code items}: each LA's (by its DfE number), each region's (by name) and
     * England's value, for the years LAIT labels with a plain year (its provisional and revised labels, and the
     * finance and three-year items' labels, are left out). A parquet file without LAIT's columns is skipped.
     */
    static List<Value> readLait(Path file, Set<String> items) {
        List<Value> out = new ArrayList<>();
        if (items.isEmpty()) return out;
        Map<String, String> regionByName = new HashMap<>();
        for (String[] la : EesFiles.LA.values()) {
            if (!la[1].isEmpty()) regionByName.put(la[2].toLowerCase(Locale.ROOT), REGION_KEY + la[1]);
        }
        String path = file.toAbsolutePath().toString().replace("'", "''");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = db.createStatement()) {
            Set<String> cols = new java.util.HashSet<>();
            try (java.sql.ResultSet r = st.executeQuery("describe select * from read_parquet('" + path + "')")) {
                while (r.next()) cols.add(r.getString(1));
            }
            if (!cols.containsAll(List.of("Short Desc", "Years", "Values", "LA Number", "LA and Regions"))) return out;
            String in = String.join(",", items.stream().map(i -> "'" + i.replace("'", "''") + "'").toList());
            try (java.sql.ResultSet r = st.executeQuery("select \"Short Desc\", \"Years\", \"Values\", \"LA Number\", "
                    + "\"LA and Regions\" from read_parquet('" + path + "') where \"Short Desc\" in (" + in + ")")) {
                String name = file.getFileName().toString();
                while (r.next()) {
                    String item = r.getString(1), year = r.getString(2) == null ? "" : r.getString(2).trim();
                    Double v = number(r.getString(3));
                    if (v == null || !year.matches("\\d{4}")) continue;
                    String areaName = r.getString(5) == null ? "" : r.getString(5).trim();
                    double number = r.getDouble(4);
                    String area = areaName.equalsIgnoreCase("England") ? "E"
                            : regionByName.containsKey(areaName.toLowerCase(Locale.ROOT)) ? regionByName.get(areaName.toLowerCase(Locale.ROOT))
                            : !r.wasNull() && number > 0 && number < 900 ? Long.toString(Math.round(number)) : null;
                    if (area == null) continue;   // LAIT's sub-regions (Inner and Outer London)
                    out.add(new Value(lait(item), MeasureSpec.TOTAL, MeasureSpec.TOTAL, year, area, v, null, false,
                            name + " (LAIT " + item + ", " + year + ")"));
                }
            }
        } catch (java.sql.SQLException e) {
            // a malformed file stops that file, not the publish: its indicators fall back to their stated reason
            csc.lakehouse.lake.Progress.say("warning: benchmarks file %s skipped, not a readable LAIT parquet file: %s",
                    file.getFileName(), e.getMessage().lines().findFirst().orElse(""));
            return new ArrayList<>();
        }
        return out;
    }

    /** The LA's own published values of a measure, by period (for the LAIT items: LAIT's year labels). */
    public TreeMap<String, Double> ownSeries(String measureId, String breakdownValue) {
        TreeMap<String, Double> out = new TreeMap<>();
        String prefix = measureId + "|" + breakdownValue + "|";
        own.forEach((k, v) -> { if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v); });
        return out;
    }

    private static void readNeighbours(List<List<String>> recs, Map<String, Integer> ix, String keyCol, String prefix,
            Map<String, List<String>> out) {
        for (int n = 1; n < recs.size(); n++) {
            List<String> r = recs.get(n);
            String la = get(r, ix, keyCol).trim();
            if (la.isEmpty()) continue;
            List<String> sn = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String v = get(r, ix, prefix + i).trim();
                if (!v.isEmpty()) sn.add(v);
            }
            out.put(la, sn);
        }
    }

    /**
     * An LA row's region as the DfE's regional rows name it: the files place a London borough in Inner or Outer
     * London (E13000001, E13000002), statistical sub-regions of London (E12000007), whose row is the region's.
     */
    static String[] region(String code, String name) {
        return code.startsWith("E13") ? new String[] {LONDON_CODE, "London"} : new String[] {code, name};
    }

    private static final String LONDON_CODE = "E12000007";

    private static String area(List<String> r, Map<String, Integer> ix) {
        String level = get(r, ix, "geographic_level");
        if (level.equals("National")) return "E";
        if (level.equals("Regional")) {
            String code = get(r, ix, "region_code").trim();
            return code.isEmpty() ? null : REGION_KEY + code;
        }
        if (level.equals("Local authority")) {
            String old = get(r, ix, "old_la_code").trim();
            return old.isEmpty() ? null : old;
        }
        return null;
    }

    private static String get(List<String> r, Map<String, Integer> ix, String col) {
        Integer i = ix.get(col);
        return i == null || i >= r.size() ? "" : r.get(i);
    }
}
