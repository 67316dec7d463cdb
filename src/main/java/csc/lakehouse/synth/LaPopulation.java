package csc.lakehouse.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * ONS mid-year 0-17 estimates per LA (resource synth/la_population_0_17.csv, copied from the DfE file; reference.md 5.1),
 * with linear extrapolation outside the published years (trend of the last / first 5 published years).
 */
public final class LaPopulation {
    public final String laCode, newLaCode, laName;
    private final TreeMap<Integer, Integer> byYear;

    private LaPopulation(String laCode, String newLaCode, String laName, TreeMap<Integer, Integer> byYear) {
        this.laCode = laCode; this.newLaCode = newLaCode; this.laName = laName; this.byYear = byYear;
    }

    public boolean published(int midYear) { return byYear.containsKey(midYear); }

    public int population(int midYear) {
        Integer v = byYear.get(midYear);
        if (v != null) return v;
        int first = byYear.firstKey(), last = byYear.lastKey();
        if (midYear > last) {
            int base = Math.max(first, last - 5);
            double slope = (byYear.get(last) - byYear.get(base)) / (double) Math.max(1, last - base);
            return (int) Math.round(byYear.get(last) + slope * (midYear - last));
        }
        if (midYear < first) {
            int top = Math.min(last, first + 5);
            double slope = (byYear.get(top) - byYear.get(first)) / (double) Math.max(1, top - first);
            return (int) Math.max(1, Math.round(byYear.get(first) - slope * (first - midYear)));
        }
        // a gap inside the series: nearest earlier year
        return byYear.floorEntry(midYear).getValue();
    }

    private static List<LaPopulation> all;

    /** every LA in the resource that has a 2024 estimate, in LA-number order */
    public static synchronized List<LaPopulation> all() {
        if (all != null) return all;
        TreeMap<Integer, LaPopulation> las = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                LaPopulation.class.getResourceAsStream("/synth/la_population_0_17.csv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) { header = false; continue; }
                String[] f = line.split(",", -1);
                int code = Integer.parseInt(f[0]);
                LaPopulation p = las.computeIfAbsent(code, c -> new LaPopulation(f[0], f[1], f[2], new TreeMap<>()));
                p.byYear.put(Integer.parseInt(f[3]), Integer.parseInt(f[4]));
            }
        } catch (IOException e) { throw new UncheckedIOException(e); }
        List<LaPopulation> out = new ArrayList<>();
        for (LaPopulation p : las.values()) if (p.byYear.containsKey(2024)) out.add(p);
        all = Collections.unmodifiableList(out);
        return all;
    }

    public static LaPopulation of(String laCode) {
        for (LaPopulation p : all()) if (p.laCode.equals(laCode)) return p;
        throw new IllegalArgumentException("no population for LA " + laCode);
    }
}
