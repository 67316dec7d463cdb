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
 * Deterministic: one SplittableRandom per LA, consumed in write order.
 */
public final class Dirty {
    public final boolean enabled;
    private final SplittableRandom r;
    private final Map<String, long[]> counts = new TreeMap<>();   // "file|table|category" -> count

    public static final double P_BOOLEAN = 0.05, P_ANNEX = 0.10, P_BLANK = 0.002, P_CODE = 0.003, P_DATE = 0.003, P_DUP = 0.003;

    public Dirty(boolean enabled, long seed, String la) {
        this.enabled = enabled;
        this.r = new SplittableRandom(Simulator.mix(Simulator.mix(seed, Long.parseLong(la)), 0xD1D1L));
    }

    /** true (and counted) when a defect of this category should be injected here */
    public boolean inject(double p, String file, String table, String category) {
        if (!enabled || r.nextDouble() >= p) return false;
        counts.computeIfAbsent(file + "|" + table + "|" + category, k -> new long[1])[0]++;
        return true;
    }

    public int nextInt(int n) { return r.nextInt(n); }

    public Map<String, Long> totals() {
        Map<String, Long> t = new TreeMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) t.merge(e.getKey().split("\\|")[2], e.getValue()[0], Long::sum);
        return t;
    }

    /** the rule category an ingest rule of this kind should report */
    static String ruleFor(String category) {
        return switch (category) {
            case "boolean_style", "annex_a_unprefixed" -> "none (normalised on ingest)";
            case "blank_line" -> "file format: blank row skipped or flagged";
            case "invalid_code_for_year" -> "code list valid for the collection year";
            case "date_order" -> "end date on or after start date";
            case "duplicate_child_conflicting_dob" -> "one header row per child; DOB consistent";
            default -> "";
        };
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
                    .append("\", \"category\": \"").append(k[2]).append("\", \"rule\": \"").append(ruleFor(k[2]))
                    .append("\", \"count\": ").append(e.getValue()).append('}');
            first = false;
        }
        sb.append(first ? "]\n}\n" : "\n  ]\n}\n");
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
    }
}
