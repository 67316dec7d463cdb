package csc.lakehouse.spec;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The measure catalogue, {@code data-schemas/measures.yaml}: one entry per measure_id, with its unit, theme, title,
 * definition, family, breakdowns, disclosure links, polarity, target and recommendation references and
 * presentation flags. Publishing reads everything it knows about a measure from here; the field meanings are
 * documented at the top of the YAML file. Loading validates the file (known themes, units and polarities, links
 * to measures that exist, no duplicate ids) so a typo fails the build, not a publication.
 */
public record MeasureSpec(Map<String, String> themes, List<Measure> measures) {
    public static final String FILE = "measures.yaml";
    public static final String TOTAL = "Total";
    public static final Set<String> UNITS = Set.of("count", "percent", "rate_per_10000", "days", "median", "mean",
            "index", "index_points");
    public static final Set<String> POLARITIES = Set.of("higher_is_better", "higher_is_worse", "neutral");

    /** A breakdown column and its values in publishing order; nonAdditive values are not part of the 100%. */
    public record Breakdown(String name, List<String> values, List<String> nonAdditive) {}

    /**
     * A cell of another measure that repeats a count: its Total row, or one breakdown value's row
     * (written {@code measure:value} in the YAML).
     */
    public record Ref(String measureId, String breakdownValue) {
        static Ref parse(String s) {
            if (s == null || s.isBlank()) return null;
            int i = s.indexOf(':');
            return i < 0 ? new Ref(s.trim(), TOTAL) : new Ref(s.substring(0, i).trim(), s.substring(i + 1).trim());
        }

        public boolean isTotal() { return TOTAL.equals(breakdownValue); }
    }

    /**
     * Where the DfE publishes the measure's comparator value: the CSV column holding it, the columns a row must
     * match ({@code *} at the end matches a prefix), whether the column is a count to turn into a rate per 10,000,
     * and the breakdown row it compares with ({@link #TOTAL} unless named).
     */
    public record BenchmarkSource(String column, Map<String, String> where, boolean perPopulation,
            String breakdown, String breakdownValue) {

        /** True when the CSV value {@code v} satisfies the {@code where} condition {@code want}. */
        public static boolean matches(String want, String v) {
            return want.endsWith("*") ? v.startsWith(want.substring(0, want.length() - 1)) : v.equals(want);
        }
    }

    public record Measure(String id, String unit, String theme, String title, String definition, String family,
            List<Breakdown> breakdowns, Ref numerator, Ref denominator, Ref total, String polarity, String target,
            String recommendation, String packSection, boolean chart, boolean headline, Integer firstYear,
            String frameworkRef, List<BenchmarkSource> benchmarks, boolean linksByBreakdown, String relativeTo) {

        /** A distribution: its breakdown rows are shares of the Total, which is the count of all items. */
        public boolean isDistribution() { return !breakdowns.isEmpty(); }
    }

    /** The catalogue in data-schemas/ (or the {@code csc.schemas.dir} override). */
    public static MeasureSpec load() { return parse(DataSchemas.readText(FILE), "data-schemas/" + FILE); }

    public static MeasureSpec read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    @SuppressWarnings("unchecked")
    public static MeasureSpec parse(String yaml, String source) {
        Map<String, Object> y;
        try {
            y = DataSchemas.YAML.readValue(yaml, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, String> themes = new LinkedHashMap<>();
        ((Map<String, Object>) y.getOrDefault("themes", Map.of())).forEach((k, v) -> themes.put(k, str(v)));
        List<Measure> out = new ArrayList<>();
        for (Object o : (List<Object>) y.getOrDefault("measures", List.of())) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<Breakdown> bds = new ArrayList<>();
            for (Object b : (List<Object>) m.getOrDefault("breakdowns", List.of())) {
                Map<String, Object> bm = (Map<String, Object>) b;
                bds.add(new Breakdown(str(bm.get("name")), strings(bm.get("values")), strings(bm.get("non_additive"))));
            }
            Object fy = m.get("first_year");
            out.add(new Measure(str(m.get("id")), str(m.get("unit")), str(m.get("theme")), str(m.get("title")),
                    str(m.get("definition")), str(m.get("family")), List.copyOf(bds), Ref.parse(str(m.get("numerator"))),
                    Ref.parse(str(m.get("denominator"))), Ref.parse(str(m.get("total"))),
                    m.get("polarity") == null ? "neutral" : str(m.get("polarity")), blankToNull(m.get("target")),
                    blankToNull(m.get("recommendation")), blankToNull(m.get("pack_section")),
                    !Boolean.FALSE.equals(m.get("chart")), Boolean.TRUE.equals(m.get("headline")),
                    fy instanceof Number n ? n.intValue() : null, blankToNull(m.get("framework_ref")),
                    benchmarks(m.get("benchmark"), bds), Boolean.TRUE.equals(m.get("links_by_breakdown")),
                    blankToNull(m.get("relative_to"))));
        }
        MeasureSpec spec = new MeasureSpec(Collections.unmodifiableMap(themes), List.copyOf(out));
        List<String> problems = spec.problems();
        if (!problems.isEmpty()) throw new IllegalStateException(source + ": " + String.join("; ", problems));
        return spec;
    }

    /** What is wrong with the catalogue, in words (empty when nothing). */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Measure m : measures) {
            if (m.id().isBlank()) { p.add("an entry has no id"); continue; }
            if (!ids.add(m.id())) p.add(m.id() + " is listed twice");
        }
        for (Measure m : measures) {
            String at = "measure " + m.id() + ": ";
            if (!UNITS.contains(m.unit())) p.add(at + "unit '" + m.unit() + "' is not one of " + UNITS);
            if (!themes.containsKey(m.theme())) p.add(at + "theme '" + m.theme() + "' is not one of " + themes.keySet());
            if (!POLARITIES.contains(m.polarity())) p.add(at + "polarity '" + m.polarity() + "' is not one of " + POLARITIES);
            if (m.title().isBlank()) p.add(at + "no title");
            if (m.definition().isBlank()) p.add(at + "no definition");
            if (m.family().isBlank()) p.add(at + "no family");
            for (Breakdown b : m.breakdowns()) {
                if (b.name().isBlank() || b.values().isEmpty()) p.add(at + "a breakdown needs a name and values");
                if (!b.values().containsAll(b.nonAdditive())) p.add(at + "non_additive values must be among the breakdown's values");
            }
            if (m.relativeTo() != null && m.breakdowns().stream().noneMatch(b -> b.values().contains(m.relativeTo()))) {
                p.add(at + "relative_to '" + m.relativeTo() + "' is not one of its breakdown values");
            }
            if (m.linksByBreakdown() && (m.breakdowns().isEmpty() || (m.numerator() == null && m.denominator() == null))) {
                p.add(at + "links_by_breakdown needs breakdowns and a numerator or denominator link");
            }
            Set<String> compared = new LinkedHashSet<>();
            for (BenchmarkSource b : m.benchmarks()) {
                if (b.column().isBlank()) p.add(at + "benchmark needs a column");
                if (b.breakdown().isBlank()) {
                    p.add(at + "benchmark breakdown_value '" + b.breakdownValue() + "' is not one of its breakdown values");
                }
                if (!compared.add(b.breakdownValue())) p.add(at + "two benchmarks for breakdown value " + b.breakdownValue());
            }
            for (Ref r : new Ref[] {m.numerator(), m.denominator(), m.total()}) {
                if (r == null) continue;
                if (!ids.contains(r.measureId())) p.add(at + "links to " + r.measureId() + ", which is not in the catalogue");
                else if (!r.isTotal() && get(r.measureId()).map(x -> x.breakdowns().stream()
                        .noneMatch(b -> b.values().contains(r.breakdownValue()))).orElse(true)) {
                    p.add(at + "links to " + r.measureId() + ":" + r.breakdownValue() + ", which is not one of its breakdown values");
                }
            }
        }
        return p;
    }

    public Optional<Measure> get(String id) {
        for (Measure m : measures) if (m.id().equals(id)) return Optional.of(m);
        return Optional.empty();
    }

    public Map<String, Measure> byId() {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (Measure m : measures) out.put(m.id(), m);
        return out;
    }

    /** The theme's display name (sheet and section title). */
    public String themeTitle(String key) {
        return Objects.requireNonNull(themes.get(key), () -> "no theme '" + key + "' in " + FILE);
    }

    /** Theme display names in publishing order. */
    public List<String> themeTitles() { return List.copyOf(themes.values()); }

    /** Breakdown values that are not part of their distribution's 100%, across all measures. */
    public Set<String> nonAdditiveValues() {
        Set<String> out = new LinkedHashSet<>();
        for (Measure m : measures) for (Breakdown b : m.breakdowns()) out.addAll(b.nonAdditive());
        return out;
    }

    /** Measures with their own evidence-pack section, by section, in catalogue order. */
    public Map<String, List<String>> packSections() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Measure m : measures) {
            if (m.packSection() != null) out.computeIfAbsent(m.packSection(), k -> new ArrayList<>()).add(m.id());
        }
        return out;
    }

    /** One source (a map) or one per breakdown value compared (a list of maps). */
    private static List<BenchmarkSource> benchmarks(Object o, List<Breakdown> breakdowns) {
        List<BenchmarkSource> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) if (x instanceof Map<?, ?>) out.add(benchmark(x, breakdowns));
        } else if (o instanceof Map<?, ?>) {
            out.add(benchmark(o, breakdowns));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static BenchmarkSource benchmark(Object o, List<Breakdown> breakdowns) {
        Map<?, ?> raw = (Map<?, ?>) o;
        Map<String, Object> b = (Map<String, Object>) raw;
        Map<String, String> where = new LinkedHashMap<>();
        ((Map<String, Object>) b.getOrDefault("where", Map.of())).forEach((k, v) -> where.put(k, str(v)));
        String value = b.get("breakdown_value") == null ? TOTAL : str(b.get("breakdown_value"));
        String breakdown = TOTAL.equals(value) ? TOTAL : breakdowns.stream()
                .filter(x -> x.values().contains(value)).map(Breakdown::name).findFirst().orElse("");
        return new BenchmarkSource(str(b.get("column")), Collections.unmodifiableMap(where),
                Boolean.TRUE.equals(b.get("per_population")), breakdown, value);
    }

    /** Measures with a published DfE comparator, in catalogue order. */
    public List<Measure> benchmarked() {
        return measures.stream().filter(m -> !m.benchmarks().isEmpty()).toList();
    }

    private static String str(Object o) { return o == null ? "" : o.toString().trim(); }

    private static String blankToNull(Object o) { return o == null || o.toString().isBlank() ? null : o.toString().trim(); }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) return List.of();
        return l.stream().map(x -> String.valueOf(x)).toList();
    }
}
