package csc.lakehouse.publish;

import csc.lakehouse.measures.RecommendationTracker;
import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.MeasureSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pack and the workbook read from data-schemas/: headline wording ({@code publishing.yaml}) for the
 * measures the catalogue flags as headlines, the pack's own sections ({@code measures.yaml}),
 * the council's recommendations ({@code ofsted_recommendations.yaml}) with their targets and polarity
 * ({@code targets.yaml}, through {@link RecommendationTracker#entries()}), and the code lists that explain
 * breakdown codes. No measure id, target or recommendation title lives in Java.
 */
public record PublishConfig(List<Headline> headlines, Map<String, List<String>> sections,
        Map<String, String> breakdownCodelists, List<Recommendation> recommendations,
        Map<String, Target> targets, double steadyWithin,
        List<csc.lakehouse.measures.ReportedFigures.Figure> reported) {

    /** A configuration without the council's reported figures (tests, other councils' own configurations). */
    public PublishConfig(List<Headline> headlines, Map<String, List<String>> sections,
        Map<String, String> breakdownCodelists, List<Recommendation> recommendations,
        Map<String, Target> targets, double steadyWithin) {
        this(headlines, sections, breakdownCodelists, recommendations, targets, steadyWithin, List.of());
    }

    /** One headline indicator: a measure's Total, or one band of it. */
    public record Headline(String measureId, String breakdownValue, String label, String sentence) {}

    /** One recommendation and the measures tracking it, in the configured order. */
    public record Recommendation(String id, String title, List<String> measures) {}

    /** A measure's target (may be null) and polarity (null when neither direction is better). */
    public record Target(Double target, Boolean higherIsBetter, String note) {}

    /**
     * The evidence pack's demand section, from the catalogue's {@code demand} theme by unit: the {@code index}
     * measure is drawn as lines against the population, whose own series is the theme's {@code count} measure
     * without breakdowns (also shown as a figure); the {@code index_points} measure is tabled, and its first
     * breakdown value is the series the headline sentence speaks of. Null where the catalogue has no such measure.
     */
    public record DemandSection(String index, String population, String excessGrowth, String headlineSeries) {
        static DemandSection of(MeasureSpec catalogue) {
            List<MeasureSpec.Measure> demand = catalogue.measures().stream().filter(m -> m.theme().equals("demand")).toList();
            String index = null, population = null, excess = null, series = null;
            for (MeasureSpec.Measure m : demand) {
                if (index == null && m.unit().equals("index")) index = m.id();
                if (population == null && m.unit().equals("count") && m.breakdowns().isEmpty()) population = m.id();
                if (excess == null && m.unit().equals("index_points")) {
                    excess = m.id();
                    series = m.breakdowns().isEmpty() ? MeasureSpec.TOTAL : m.breakdowns().get(0).values().get(0);
                }
            }
            return new DemandSection(index, population, excess, series);
        }
    }

    private static DemandSection demandSection;

    /** The demand section's measures (read once from the catalogue). */
    static synchronized DemandSection demandSection() {
        if (demandSection == null) demandSection = DemandSection.of(MeasureSpec.load());
        return demandSection;
    }

    static final PublishConfig EMPTY = new PublishConfig(List.of(), Map.of(), Map.of(), List.of(), Map.of(), 0.0);

    private static PublishConfig loaded;

    /** The configuration in data-schemas/ (read once). */
    public static synchronized PublishConfig get() {
        if (loaded == null) loaded = load();
        return loaded;
    }

    @SuppressWarnings("unchecked")
    static PublishConfig load() {
        Map<String, Object> y = DataSchemas.readYaml("publishing.yaml", Map.class);
        MeasureSpec catalogue = MeasureSpec.load();
        List<Headline> hs = new ArrayList<>();
        for (Object o : (List<Object>) y.getOrDefault("headlines", List.of())) {
            Map<String, Object> h = (Map<String, Object>) o;
            // the catalogue's headline flag decides; publishing.yaml gives the wording and the order
            if (!catalogue.get(str(h.get("measure"))).map(MeasureSpec.Measure::headline).orElse(false)) continue;
            hs.add(new Headline(str(h.get("measure")), h.get("breakdown_value") == null ? "Total" : str(h.get("breakdown_value")),
                    str(h.get("label")), str(h.get("sentence"))));
        }
        Map<String, List<String>> sections = catalogue.packSections();
        Map<String, String> codelists = new LinkedHashMap<>();
        ((Map<String, Object>) y.getOrDefault("breakdown_codelists", Map.of())).forEach((k, v) -> codelists.put(k, str(v)));
        Map<String, Recommendation> recs = new LinkedHashMap<>();
        Map<String, Target> targets = new LinkedHashMap<>();
        for (RecommendationTracker.Entry e : RecommendationTracker.entries()) {
            recs.computeIfAbsent(e.recommendationId(), k -> new Recommendation(k, e.recommendation(), new ArrayList<>()))
                    .measures().add(e.measureId());
            targets.put(e.measureId(), new Target(e.target(), e.higherIsBetter(), e.targetNote()));
        }
        // every other measure's polarity from the catalogue, so the pack and workbook say better or worse, not only
        // up or down (no target: the target columns stay blank)
        catalogue.byId().forEach((id, m) -> targets.computeIfAbsent(id, k -> new Target(null,
                switch (m.polarity()) { case "higher_is_better" -> Boolean.TRUE; case "higher_is_worse" -> Boolean.FALSE; default -> null; },
                null)));
        return new PublishConfig(List.copyOf(hs), sections, codelists, List.copyOf(recs.values()), targets,
                RecommendationTracker.steadyWithin(), csc.lakehouse.measures.ReportedFigures.figures());
    }

    List<String> section(String name) { return sections.getOrDefault(name, List.of()); }

    Target target(String measureId) { return targets.get(measureId); }

    /** code -> label of a code list (latest label when a code has several). */
    static Map<String, String> codelist(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String text;
        try {
            text = DataSchemas.readText("codelists/" + name + ".csv");
        } catch (RuntimeException e) {
            return out;
        }
        List<List<String>> recs;
        try {
            recs = CsvFile.read(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            return out;
        }
        for (int i = 1; i < recs.size(); i++) {
            List<String> r = recs.get(i);
            if (r.size() >= 2 && !r.get(0).isBlank()) out.put(r.get(0), r.get(1).replaceFirst("^" + java.util.regex.Pattern.quote(r.get(0)) + "\\s*[:\\-]\\s*", ""));
        }
        return out;
    }

    private static String str(Object o) { return o == null ? "" : o.toString(); }
}
