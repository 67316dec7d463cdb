package csc.lakehouse.spec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The catalogue data-schemas/measures.yaml: its loader's checks, and its agreement with the other data files. */
class MeasureSpecTest {
    static final String THEMES = "themes:\n  front_door: \"Front door\"\n  data_quality: \"Data quality\"\nmeasures:\n";

    static String entry(String id, String unit, String extra) {
        return "  - id: " + id + "\n    unit: " + unit + "\n    theme: front_door\n    title: \"T\"\n"
                + "    definition: \"D\"\n    family: F\n" + extra;
    }

    @Test
    void readsTheFieldsOfAnEntry() {
        MeasureSpec s = MeasureSpec.parse(THEMES + entry("visits", "count", "")
                + entry("visits_by_kind", "percent", "    breakdowns:\n      - name: kind\n        values: [home, school, \"12m+\"]\n"
                        + "        non_additive: [\"12m+\"]\n    total: visits\n    polarity: higher_is_worse\n"
                        + "    chart: false\n    headline: true\n    first_year: 2022\n    pack_section: durations\n")
                + entry("visits_home_rate", "rate_per_10000", "    numerator: \"visits_by_kind:home\"\n"), "test");
        MeasureSpec.Measure m = s.get("visits_by_kind").orElseThrow();
        assertEquals(List.of("home", "school", "12m+"), m.breakdowns().get(0).values()); // file order, not sorted
        assertEquals(new MeasureSpec.Ref("visits", "Total"), m.total());
        assertEquals("higher_is_worse", m.polarity());
        assertFalse(m.chart());
        assertTrue(m.headline());
        assertEquals(2022, m.firstYear());
        assertEquals(Set.of("12m+"), s.nonAdditiveValues());
        assertEquals(Map.of("durations", List.of("visits_by_kind")), s.packSections());
        assertEquals(new MeasureSpec.Ref("visits_by_kind", "home"), s.get("visits_home_rate").orElseThrow().numerator());
        // defaults: charted, not a headline, neutral, any year
        MeasureSpec.Measure v = s.get("visits").orElseThrow();
        assertTrue(v.chart());
        assertFalse(v.headline());
        assertEquals("neutral", v.polarity());
        assertNull(v.firstYear());
        assertEquals(List.of("Front door", "Data quality"), s.themeTitles());
    }

    @Test
    void rejectsUnknownThemesUnitsPolaritiesLinksAndDuplicates() {
        String badTheme = THEMES + entry("a", "count", "").replace("theme: front_door", "theme: frontdoor");
        assertTrue(assertThrows(IllegalStateException.class, () -> MeasureSpec.parse(badTheme, "t")).getMessage()
                .contains("theme 'frontdoor' is not one of"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> MeasureSpec.parse(THEMES + entry("a", "count and percent", ""), "t")).getMessage().contains("unit 'count and percent'"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> MeasureSpec.parse(THEMES + entry("a", "count", "    polarity: up\n"), "t")).getMessage().contains("polarity 'up'"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> MeasureSpec.parse(THEMES + entry("a_rate", "rate_per_10000", "    numerator: a\n"), "t")).getMessage()
                .contains("links to a, which is not in the catalogue"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> MeasureSpec.parse(THEMES + entry("a", "count", "") + entry("b", "percent", "    numerator: \"a:L1\"\n"), "t"))
                .getMessage().contains("links to a:L1, which is not one of its breakdown values"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> MeasureSpec.parse(THEMES + entry("a", "count", "") + entry("a", "count", ""), "t")).getMessage()
                .contains("a is listed twice"));
    }

    @Test
    void readsABenchmarkEntryAndChecksItsBreakdownValue() {
        MeasureSpec s = MeasureSpec.parse(THEMES + entry("a", "percent", "    breakdowns:\n      - name: band\n        values: [low, high]\n"
                + "    benchmark: {column: high_percent, breakdown_value: high, where: {group: \"Legal*\"}}\n")
                + entry("b", "count", ""), "t");
        MeasureSpec.BenchmarkSource b = s.get("a").orElseThrow().benchmarks().get(0);
        assertEquals(new MeasureSpec.BenchmarkSource("high_percent", Map.of("group", "Legal*"), false, "band", "high"), b);
        assertTrue(MeasureSpec.BenchmarkSource.matches("Legal*", "Legal status"));
        assertFalse(MeasureSpec.BenchmarkSource.matches("Legal", "Legal status"));
        assertEquals(List.of(), s.get("b").orElseThrow().benchmarks());
        assertEquals(List.of("a"), s.benchmarked().stream().map(MeasureSpec.Measure::id).toList());
        // a breakdown value the measure does not publish cannot be compared
        assertTrue(assertThrows(IllegalStateException.class, () -> MeasureSpec.parse(THEMES + entry("a", "percent",
                "    benchmark: {column: x, breakdown_value: \"24m+\"}\n"), "t")).getMessage()
                .contains("benchmark breakdown_value '24m+' is not one of its breakdown values"));
    }

    @Test
    void aListOfBenchmarksComparesEachBreakdownValueWithItsOwnColumn() {
        String bands = "    breakdowns:\n      - name: band\n        values: [low, high]\n";
        MeasureSpec s = MeasureSpec.parse(THEMES + entry("a", "rate_per_10000", bands
                + "    benchmark:\n      - {column: all_count, per_population: true}\n"
                + "      - {column: low_count, per_population: true, breakdown_value: low}\n"
                + "      - {column: high_count, per_population: true, breakdown_value: high}\n"), "t");
        List<MeasureSpec.BenchmarkSource> b = s.get("a").orElseThrow().benchmarks();
        assertEquals(List.of("all_count", "low_count", "high_count"), b.stream().map(MeasureSpec.BenchmarkSource::column).toList());
        assertEquals(List.of("Total", "band", "band"), b.stream().map(MeasureSpec.BenchmarkSource::breakdown).toList());
        assertEquals(List.of("Total", "low", "high"), b.stream().map(MeasureSpec.BenchmarkSource::breakdownValue).toList());
        // one comparator per row: a second source for the same breakdown value is an error
        assertTrue(assertThrows(IllegalStateException.class, () -> MeasureSpec.parse(THEMES + entry("a", "rate_per_10000", bands
                + "    benchmark:\n      - {column: x, breakdown_value: low}\n      - {column: y, breakdown_value: low}\n"), "t"))
                .getMessage().contains("two benchmarks for breakdown value low"));
    }

    @Test
    void theRealCatalogueLoadsWithItsFixedThemes() {
        MeasureSpec s = MeasureSpec.load();
        assertEquals(List.of("front_door", "cin_cp", "neglect", "cla_pp", "characteristics", "demand", "recommendations", "case_history",
                "data_quality"), List.copyOf(s.themes().keySet()));
        for (MeasureSpec.Measure m : s.measures()) assertNotEquals("data_quality", m.theme(), m.id());
    }

    /** Months from a band's lower bound: "<3m" = 0, "3-<6m" = 3, "24m+" = 24. */
    static int lowerBoundMonths(String band) {
        Matcher mm = Pattern.compile("^(?:<\\d+m|(\\d+)(?:-<\\d+m|m\\+))$").matcher(band);
        assertTrue(mm.matches(), band);
        return mm.group(1) == null ? 0 : Integer.parseInt(mm.group(1));
    }

    /** Bands publish youngest first ("<3m", "3-<6m", ... "24m+"), never alphabetically ("12-<24m" before "3-<6m"). */
    @Test
    void durationBandsAreInTheirNaturalOrder() {
        int bandMeasures = 0;
        for (MeasureSpec.Measure m : MeasureSpec.load().measures()) {
            for (MeasureSpec.Breakdown b : m.breakdowns()) {
                if (!b.name().equals("duration_band")) continue;
                bandMeasures++;
                List<Integer> bounds = new ArrayList<>();
                for (String v : b.values()) if (!b.nonAdditive().contains(v)) bounds.add(lowerBoundMonths(v));
                List<Integer> sorted = new ArrayList<>(bounds);
                sorted.sort(Integer::compare);
                assertEquals(sorted, bounds, m.id() + " bands " + b.values());
            }
        }
        // cin_open_duration, cin_plan_duration, cpp_duration, and the bands of plans and episodes ending in the year:
        // cpp_ended_duration, cin_ended_duration
        assertEquals(5, bandMeasures);
        assertEquals(List.of("<3m", "3-<6m", "6-<12m", "12-<24m", "24m+", "11m+"),
                MeasureSpec.load().get("cpp_duration").orElseThrow().breakdowns().get(0).values());
    }

    @SuppressWarnings("unchecked")
    @Test
    void targetsAndPolarityAgreeWithTargetsYaml() {
        MeasureSpec s = MeasureSpec.load();
        Map<String, Object> targets = (Map<String, Object>) DataSchemas.readYaml("targets.yaml", Map.class).get("measures");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : targets.entrySet()) {
            Map<String, Object> t = (Map<String, Object>) e.getValue();
            MeasureSpec.Measure m = s.get(e.getKey()).orElse(null);
            if (m == null) { problems.add("targets.yaml names " + e.getKey() + ", which is not in measures.yaml"); continue; }
            Object hib = t.get("higher_is_better");
            String expected = hib == null ? null : Boolean.TRUE.equals(hib) ? "higher_is_better" : "higher_is_worse";
            if (expected != null && !expected.equals(m.polarity())) problems.add(m.id() + " polarity " + m.polarity() + " but targets.yaml " + expected);
            if (t.get("target") != null && !e.getKey().equals(m.target())) problems.add(m.id() + " has a target in targets.yaml but no target reference");
        }
        for (MeasureSpec.Measure m : s.measures()) {
            if (m.target() == null) continue;
            Object t = targets.get(m.target());
            if (!(t instanceof Map<?, ?> tm) || tm.get("target") == null) problems.add(m.id() + " refers to target " + m.target() + ", which targets.yaml lacks");
        }
        assertEquals(List.of(), problems);
        // the council's police-protection target is reached through the catalogue, not a constant
        assertEquals("cla_starts_police_protection", s.get("cla_starts_police_protection").orElseThrow().target());
    }

    @SuppressWarnings("unchecked")
    @Test
    void recommendationsAgreeWithOfstedRecommendationsYaml() {
        Map<String, String> fromRecs = new LinkedHashMap<>();
        for (Object o : (List<Object>) DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class).get("recommendations")) {
            Map<String, Object> r = (Map<String, Object>) o;
            for (Object m : (List<Object>) r.get("measures")) fromRecs.put(m.toString(), r.get("id").toString());
        }
        Map<String, String> fromCatalogue = new LinkedHashMap<>();
        for (MeasureSpec.Measure m : MeasureSpec.load().measures()) {
            if (m.recommendation() != null) fromCatalogue.put(m.id(), m.recommendation());
        }
        assertEquals(new java.util.TreeMap<>(fromRecs), new java.util.TreeMap<>(fromCatalogue));
    }

    @SuppressWarnings("unchecked")
    @Test
    void headlineFlagsMatchTheHeadlineWordingInPublishingYaml() {
        Set<String> worded = new TreeSet<>();
        for (Object o : (List<Object>) DataSchemas.readYaml("publishing.yaml", Map.class).get("headlines")) {
            worded.add(((Map<String, Object>) o).get("measure").toString());
        }
        Set<String> flagged = new TreeSet<>();
        for (MeasureSpec.Measure m : MeasureSpec.load().measures()) if (m.headline()) flagged.add(m.id());
        assertEquals(worded, flagged);
        assertEquals(11, flagged.size());
    }

    @SuppressWarnings("unchecked")
    @Test
    void firstYearsAgreeWithCollectedFromYaml() {
        Map<String, Object> items = (Map<String, Object>) DataSchemas.readYaml("collected_from.yaml", Map.class).get("items");
        int cinPlan = ((Number) ((Map<String, Object>) items.get("cin_plan")).get("first_collection_year")).intValue();
        assertEquals(cinPlan, MeasureSpec.load().get("cin_plan_duration").orElseThrow().firstYear());
        // RC9 and 5D arrive in the code lists' from_year: the early-help measures can start no earlier
        Set<Integer> early = new LinkedHashSet<>();
        for (String id : List.of("early_help_threshold", "early_help_threshold_referrals_5d", "early_help_threshold_closed_rc9")) {
            early.add(MeasureSpec.load().get(id).orElseThrow().firstYear());
        }
        assertEquals(Set.of(2023), early);
        assertTrue(DataSchemas.readText("codelists/cin_reason_for_closure.csv").contains("RC9,Case closed after assessment; referred to early help,2023,"));
    }
}
