package csc.lakehouse.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a synthetic extract drop (architecture.md section 4) from simulated journeys, one LA at a time and one family
 * at a time. Same options, same bytes: no wall clock, no hash-order iteration, each LA seeded from (seed, LA).
 */
public final class Generator {
    public static final String BOROUGH_LA = "301";

    public record Options(Path out, long seed, String scale, int fromYear, int toYear, boolean dirty, boolean report, int threads) {}

    public record LaResult(String la, long cinRows, long ssdaRows, long localRows, long popRows, Dirty dirty, CalibrationReport report) {
        public long rows() { return cinRows + ssdaRows + localRows + popRows; }
    }

    public record Result(List<LaResult> las, long rows) {}

    /** the scale factor: 1 for borough and national, the number for FACTOR */
    public static double factor(String scale) {
        if (scale.equals("borough") || scale.equals("national")) return 1.0;
        try {
            double f = Double.parseDouble(scale);
            if (f <= 0 || f > 1000) throw new IllegalArgumentException("--scale FACTOR must be in (0, 1000]: " + scale);
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale must be borough, national or a number, not '" + scale + "'");
        }
    }

    public static Result generate(Options o, PrintStream log) throws Exception {
        double factor = factor(o.scale());
        if (o.fromYear() > o.toYear()) throw new IllegalArgumentException("--from must not be after --to");
        if (o.fromYear() < 2010 || o.toYear() > 2035) throw new IllegalArgumentException("years must be within 2010..2035");
        Files.createDirectories(o.out());
        boolean national = o.scale().equals("national");
        List<LaPopulation> las = national ? nationalLas() : List.of(LaPopulation.of(BOROUGH_LA));
        List<LaResult> results = new ArrayList<>();
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, national ? o.threads() : 1));
        try {
            List<Future<LaResult>> fs = new ArrayList<>();
            for (LaPopulation p : las) {
                Path root = national ? o.out().resolve("la=" + p.laCode) : o.out();
                fs.add(ex.submit(() -> one(p, root, o, factor, national)));
            }
            for (Future<LaResult> f : fs) {
                LaResult r = f.get();
                results.add(r);
                if (national && log != null) log.printf(Locale.ROOT, "[generate] la=%s rows=%d%n", r.la(), r.rows());
            }
        } finally { ex.shutdown(); }
        if (o.dirty()) Dirty.writeSidecar(o.out().resolve("_dirty.json"), o.seed(), o.scale(), results.stream().map(LaResult::dirty).toList());
        long rows = results.stream().mapToLong(LaResult::rows).sum();
        return new Result(results, rows);
    }

    private static LaResult one(LaPopulation p, Path root, Options o, double factor, boolean national) throws IOException {
        Borough b = new Borough(p, o.seed(), factor, o.fromYear(), o.toYear(), new Params());
        Dirty dirty = new Dirty(o.dirty(), o.seed(), p.laCode);
        CalibrationReport rep = new CalibrationReport(p, o.fromYear(), o.toYear(), factor, b.params);
        long popRows;
        try (CinCensusWriter cin = new CinCensusWriter(root, p.laCode, o.fromYear(), o.toYear(), dirty);
             Ssda903Writer ssda = new Ssda903Writer(root, p.laCode, o.fromYear(), o.toYear(), dirty, b.params);
             AnnexAWriter annex = new AnnexAWriter(root, Dates.yearEnd(o.toYear()), dirty);
             LocalTrackerWriter local = new LocalTrackerWriter(root, p.laCode, b.horizon());
             // the case-management system's SSD extract: the demo borough only, not every LA of the national drop
             SsdWriter ssd = national ? null : new SsdWriter(root, o.seed(), b.horizon(), o.fromYear());
             // the postcode-to-coordinates file a council supplies for placement distances: the demo borough only
             PostcodeCoordinatesWriter coords = national ? null : new PostcodeCoordinatesWriter(root)) {
            b.journeys(f -> { cin.accept(f); ssda.accept(f); annex.accept(f); local.accept(f); rep.accept(f);
                if (ssd != null) ssd.accept(f); if (coords != null) coords.accept(f); });
            popRows = population(root, p, o.toYear(), factor);
            return new LaResult(p.laCode, cin.rows, ssda.rows(), local.rows(), popRows, dirty, rep);
        }
    }

    /** LAs with a 2024 estimate that are in data-schemas/reference/la_codes.csv, in LA-number order (about 150) */
    static List<LaPopulation> nationalLas() {
        List<String> codes = laCodes().stream().map(r -> r[0]).toList();
        List<LaPopulation> out = new ArrayList<>();
        for (LaPopulation p : LaPopulation.all()) if (codes.contains(p.laCode)) out.add(p);
        return out;
    }

    static List<String[]> laCodes() {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Generator.class.getResourceAsStream("/data-schemas/reference/la_codes.csv"), StandardCharsets.UTF_8))) {
            String line; boolean header = true;
            while ((line = r.readLine()) != null) {
                if (header) { header = false; continue; }
                if (!line.isBlank()) out.add(line.split(",", -1));
            }
        } catch (IOException | NullPointerException e) { throw new IllegalStateException("cannot read data-schemas/reference/la_codes.csv from the classpath", e); }
        return out;
    }

    /**
     * population/ons_mid_year_0_17.csv (DfE explore-education-statistics layout) and population/projections/: one
     * vintage from its base year (mid-(toYear-1), the denominator of the last year generated; a real ONS or GLA
     * vintage starts at its base) to 3 years after the latest estimate, so that demand_projection can take growth
     * within the vintage (proj(Y-1) / proj(L-1)).
     */
    static long population(Path root, LaPopulation p, int toYear, double factor) {
        String region = "", regionName = "";
        for (String[] r : laCodes()) if (r[0].equals(p.laCode)) { region = r[3]; regionName = r[4]; }
        String header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate";
        int last = Math.max(2024, toYear - 1);
        long n = 0;
        try (Csv c = new Csv(root, "population/ons_mid_year_0_17.csv", header)) {
            for (int y = last; y >= 2012; y--) {   // newest first, as the DfE file is ordered
                c.row(y, "Reporting year", "Local authority", "E92000001", "England", region, regionName, p.laCode, p.newLaCode, p.laName,
                        "Children aged 0 to 17 years", Math.round(p.population(y) * factor));
                n++;
            }
        }
        int base = Math.min(last, toYear - 1);
        try (Csv c = new Csv(root, "population/projections/ons_projection_0_17_" + base + "_" + (last + 3) + ".csv", header)) {
            for (int y = base; y <= last + 3; y++) {
                c.row(y, "Reporting year", "Local authority", "E92000001", "England", region, regionName, p.laCode, p.newLaCode, p.laName,
                        "Children aged 0 to 17 years", Math.round(p.population(y) * factor));
                n++;
            }
        }
        return n;
    }
}
