package csc.lakehouse.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Injects real-extract defects (when enabled) and keeps an exact count of each, per file, for the sidecar
 * {@code _dirty.json}. Categories (docs/generator.md "Dirty defect catalogue"):
 * <ul>
 *   <li>{@code boolean_style} - a CIN boolean written true/false instead of 0/1 (harmless: ingest normalises)</li>
 *   <li>{@code annex_a_unprefixed} - an Annex A coded answer without its "x) " prefix, e.g. "Female" (harmless)</li>
 *   <li>{@code blank_line} - an empty line inside a 903 CSV (ingest should skip it)</li>
 *   <li>{@code invalid_code_for_year} - a 903 PLACE or CIN ReferralSource not valid in that collection year (code-list rule)</li>
 *   <li>{@code date_order} - an end before its start: 903 DEC before DECOM, CIN CINclosureDate before CINreferralDate (date-order rule)</li>
 *   <li>{@code duplicate_child_conflicting_dob} - a second 903 header row for the same CHILD with another DOB (uniqueness / INT rule)</li>
 * </ul>
 * Deterministic: one SplittableRandom per LA, consumed in write order. Every category is injected at its
 * first opportunity in an LA's drop and then at its rate, so a small test drop exercises every mapping.
 */
public final class Dirty {
    public final boolean enabled;
    private final SplittableRandom r;
    private final Map<String, long[]> counts = new TreeMap<>();   // "file|table|category" -> count
    private final java.util.Set<String> drawn = new java.util.HashSet<>();   // "table|category" injected at least once

    public static final double P_BOOLEAN = 0.05, P_ANNEX = 0.10, P_BLANK = 0.002, P_CODE = 0.003, P_DATE = 0.003, P_DUP = 0.003;

    public Dirty(boolean enabled, long seed, String la) {
        this.enabled = enabled;
        this.r = new SplittableRandom(Simulator.mix(Simulator.mix(seed, Long.parseLong(la)), 0xD1D1L));
    }

    /** true (and counted) when a defect of this category should be injected here */
    public boolean inject(double p, String file, String table, String category) {
        if (!enabled) return false;
        boolean hit = r.nextDouble() < p;
        boolean first = drawn.add(table + "|" + category);
        if (!hit && !first) return false;
        counts.computeIfAbsent(file + "|" + table + "|" + category, k -> new long[1])[0]++;
        return true;
    }

    public int nextInt(int n) { return r.nextInt(n); }

    public Map<String, Long> totals() {
        Map<String, Long> t = new TreeMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) t.merge(e.getKey().split("\\|")[2], e.getValue()[0], Long::sum);
        return t;
    }

    /**
     * What the ingest does with one injected defect: the silver table and rule id (data-schemas/rules) it trips, and
     * how many rows it quarantines; {@code rule} null = must not quarantine anything (normalised or skipped).
     */
    public record Expected(String silverTable, String rule, int rowsPerDefect) {
        public String json() {
            return rule == null ? "{\"quarantines\": false}"
                    : "{\"quarantine_table\": \"" + silverTable + "\", \"rule_id\": \"" + rule + "\", \"rows_per_defect\": " + rowsPerDefect + "}";
        }
    }

    /** the category -> rule mapping, by the (sidecar) table the defect was written to and its category */
    public static Expected expected(String table, String category) {
        return switch (category) {
            case "boolean_style", "annex_a_unprefixed", "blank_line" -> new Expected(null, null, 0);
            case "invalid_code_for_year" -> table.equals("cin_census") ? new Expected("referral", "CIN-CODE-referral_source", 1)
                    : new Expected("cla_episode", "903-CODE-PLACE", 1);
            case "date_order" -> table.equals("cin_census") ? new Expected("referral", "CIN-8620", 1)
                    : new Expected("cla_episode", "903-END-BEFORE-START", 1);
            // the child's two header rows share a key: silver chooses the winner, then validates it, so the winning
            // row is quarantined and the other counts as a duplicate (issue 13); when a later return holds the child,
            // that return's row wins and the pair are superseded duplicates, so nothing is quarantined
            case "duplicate_child_conflicting_dob" -> new Expected("person_903", "903-HDR-DOB", 1);
            default -> throw new IllegalArgumentException("no expected rule for " + table + "/" + category);
        };
    }

    /** counts by "table|category" (summed over files) */
    public Map<String, Long> byTableCategory() {
        Map<String, Long> t = new TreeMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String[] k = e.getKey().split("\\|");
            t.merge(k[1] + "|" + k[2], e.getValue()[0], Long::sum);
        }
        return t;
    }

    /** writes (or appends the LA's part of) the sidecar; entries are sorted, so the bytes are stable */
    public static void writeSidecar(Path out, long seed, String scale, Iterable<Dirty> all) throws IOException {
        Map<String, Long> merged = new TreeMap<>();
        Map<String, Long> totals = new TreeMap<>();
        for (Dirty d : all) {
            for (Map.Entry<String, long[]> e : d.counts.entrySet()) merged.merge(e.getKey(), e.getValue()[0], Long::sum);
            for (Map.Entry<String, Long> e : d.totals().entrySet()) totals.merge(e.getKey(), e.getValue(), Long::sum);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"seed\": ").append(seed).append(",\n  \"scale\": \"").append(scale).append("\",\n  \"totals\": {");
        boolean first = true;
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": ").append(e.getValue());
            first = false;
        }
        sb.append(first ? "},\n" : "\n  },\n").append("  \"defects\": [");
        first = true;
        for (Map.Entry<String, Long> e : merged.entrySet()) {
            String[] k = e.getKey().split("\\|");
            sb.append(first ? "\n" : ",\n").append("    {\"file\": \"").append(k[0]).append("\", \"table\": \"").append(k[1])
                    .append("\", \"category\": \"").append(k[2]).append("\", \"expected\": ").append(expected(k[1], k[2]).json())
                    .append(", \"count\": ").append(e.getValue()).append('}');
            first = false;
        }
        sb.append(first ? "]\n}\n" : "\n  ]\n}\n");
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
    }
}
