package csc.lakehouse.publish;

import csc.lakehouse.spec.NationalFramework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import csc.lakehouse.publish.MeasureDefinitionLike.Themes;
import csc.lakehouse.publish.SvgChart.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * evidence-pack.html: one self-contained page (inline CSS and server-drawn SVG, no scripts, no network)
 * for the self-evaluation and the annual engagement meeting, printable to PDF (one-page summary first,
 * a page per section, no chart split). Built from the <b>suppressed</b> rows (published/trends.csv), so
 * it is as safe to share as that file. Headlines, sections, recommendations and targets come from
 * data-schemas/ ({@link PublishConfig}); captions are plain English and the technical definitions are in
 * the glossary at the end. The run manifest is a separate file (manifest.json), not part of the pack,
 * and no local path is ever printed.
 */
public final class EvidencePack {
    public static final List<String> SECTION_IDS = List.of("summary", "headlines", "demand", "trends",
            "national-framework", "characteristics", "durations", "neglect", "police-protection", "recommendations", "data-quality",
            "glossary", "about");
    static final List<String> SECTION_NAMES = List.of("At a glance", "Headline findings", "Demand against population",
            "Trends against benchmarks", "National framework", "Children's characteristics", "How long children stay on plans", "Neglect",
            "Police protection", "Recommendations and targets", "Data quality", "Glossary", "About these figures");

    private final List<TrendRow> rows;
    private final Map<String, List<TrendRow>> byMeasure;
    private final Map<String, ? extends MeasureDefinitionLike> catalogue;
    private final Benchmarks benchmarks;
    private final JsonNode manifest;
    private final PublishConfig config;
    /** gold notes by {@link #noteKey}: where a figure came from, named under it in the recommendations table */
    private final Map<String, String> notes;
    private final List<String> periods;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    /** Measures drawn so far (a measure is charted once) and measures/codes to explain in the glossary. */
    private final Set<String> charted = new LinkedHashSet<>();
    private final Set<String> explained = new LinkedHashSet<>();
    private final Map<String, Set<String>> codesShown = new TreeMap<>();
    private int chartNo;

    private EvidencePack(List<TrendRow> rows, Map<String, ? extends MeasureDefinitionLike> catalogue, Benchmarks benchmarks,
            String manifestJson, PublishConfig config, Map<String, String> notes) {
        this.notes = notes == null ? Map.of() : notes;
        this.rows = rows;
        this.byMeasure = TrendSeries.byMeasure(rows);
        this.catalogue = catalogue == null ? Map.of() : catalogue;
        this.benchmarks = benchmarks == null ? Benchmarks.of(List.of()) : benchmarks;
        this.manifest = parse(manifestJson);
        this.config = config == null ? PublishConfig.EMPTY : config;
        this.periods = TrendSeries.periods(rows);
    }

    static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return new ObjectMapper().createObjectNode();
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getMessage(), e);
        }
    }

    /** The pack with the configuration in data-schemas/. */
    public static String render(List<TrendRow> rows, Map<String, ? extends MeasureDefinitionLike> catalogue,
            Benchmarks benchmarks, String manifestJson) {
        return render(rows, catalogue, benchmarks, manifestJson, PublishConfig.get());
    }

    public static String render(List<TrendRow> rows, Map<String, ? extends MeasureDefinitionLike> catalogue,
            Benchmarks benchmarks, String manifestJson, PublishConfig config) {
        return new EvidencePack(rows, catalogue, benchmarks, manifestJson, config, Map.of()).build();
    }

    /** As above, with the gold rows' notes ({@link #noteKey}: trends_notes.csv's rows), which name each figure's source. */
    public static String render(List<TrendRow> rows, Map<String, ? extends MeasureDefinitionLike> catalogue,
            Benchmarks benchmarks, String manifestJson, PublishConfig config, Map<String, String> notes) {
        return new EvidencePack(rows, catalogue, benchmarks, manifestJson, config, notes).build();
    }

    /** A figure's key among the notes: measure, period and LA (as trends_notes.csv joins trends.csv). */
    public static String noteKey(String measureId, String timePeriod, String newLaCode) {
        return measureId + "|" + timePeriod + "|" + newLaCode;
    }

    /**
     * The source a note names ("source: SSD extract, ssd_s47_enquiry ..." gives "SSD extract"): its first four words at
     * most, up to a comma, semicolon, bracket, " as at " or a column or field name (an underscore or a camel-case
     * word), without a trailing joining word; null when the note names none.
     */
    static String sourceOf(String note) {
        if (note == null) return null;
        int i = note.indexOf("source: ");
        if (i < 0) return null;
        String rest = note.substring(i + "source: ".length()).split("[,;(]| as at ", 2)[0].trim();
        List<String> words = new ArrayList<>();
        for (String w : rest.split("\\s+")) {
            if (w.isEmpty() || w.contains("_") || w.matches(".*[a-z][A-Z].*") || words.size() == 4) break;
            words.add(w);
        }
        // a name does not end on a joining word ("SSDA903 periods of" + a field name)
        while (!words.isEmpty() && List.of("of", "and", "the", "with", "from", "in").contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static String esc(String s) { return SvgChart.esc(s); }

    private String title(String measureId) {
        MeasureDefinitionLike d = catalogue.get(measureId);
        return d != null && d.title() != null && !d.title().isBlank() ? d.title() : measureId.replace('_', ' ');
    }

    private String unit(String measureId) {
        MeasureDefinitionLike d = catalogue.get(measureId);
        if (d != null && d.unit() != null && !d.unit().isBlank()) return d.unit();
        List<TrendRow> r = byMeasure.get(measureId);
        return r == null || r.isEmpty() ? "count" : r.get(0).unit();
    }

    private String laName() {
        for (TrendRow r : rows) if (!r.laName().isBlank()) return r.laName();
        return benchmarks.laName() != null ? benchmarks.laName() : "the council";
    }

    private boolean has(String measureId) { return measureId != null && byMeasure.containsKey(measureId); }

    /** Reporting-year rows of one series, with a value or suppressed (c), by period. */
    private TreeMap<String, TrendRow> reported(String measureId, String breakdownValue) {
        return NationalFrameworkView.reported(byMeasure.get(measureId), breakdownValue);
    }

    private static boolean suppressed(TrendRow r) { return r != null && Suppression.MARK.equals(r.value()); }

    /** A value as a committee member reads it, with one decimal as in trends.csv and recommendations.csv. */
    static String show(Double v, String unit) {
        if (v == null) return "c";
        String n = TrendRow.formatValue(v, unit);
        return switch (unit == null ? "" : unit) {
            case "percent" -> n + "%";
            case "days" -> n + " days";
            case "percentage_points" -> (v > 0 ? "+" : "") + n + " points";
            case "count" -> String.format(Locale.UK, "%,d", Math.round(v));
            default -> n;
        };
    }

    private static String show(TrendRow r) {
        if (r == null) return "";
        if (suppressed(r)) return "c";
        return show(r.valueAsDouble(), r.unit());
    }

    String direction(String measureId, TrendRow latest, TrendRow previous) {
        return RecommendationView.direction(config, measureId, latest, previous);
    }

    /** The latest period at or before {@code upTo} with both a council value and an England figure, or null. */
    private String comparatorPeriod(String measureId, String breakdownValue) {
        return NationalFrameworkView.comparatorPeriod(reported(measureId, breakdownValue), benchmarks, measureId, breakdownValue);
    }

    private Double bench(String measureId, String breakdownValue, String period, String comparator) {
        Benchmarks.Benchmark b = period == null ? null : benchmarks.get(measureId, breakdownValue, period, comparator);
        return b == null ? null : b.value();
    }

    /** An absolute path (Unix or Windows, its first folder starting with a letter, so not a date like 12/03/2024). */
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile(
            "(?<![\\w.])(?:[A-Za-z]:)?[\\\\/][A-Za-z._~$][^\\s'\"\\\\/,;:)]*(?:[\\\\/][^\\s'\"\\\\/,;:)]+)*[\\\\/]([^\\s'\"\\\\/,;:)]+)");

    /** No local path may reach the pack: a path keeps only its file name. */
    static String noPaths(String s) {
        if (s == null) return "";
        return PATH.matcher(s).replaceAll("$1");
    }

    /** Plain text for a caption or glossary line: no code formatting marks. */
    static String plain(String s) { return s == null ? "" : noPaths(s.replace("`", "")); }

    // ---- charts ------------------------------------------------------------------------------------

    /** The first and last period index holding any plotted value, so the x-axis ends at the latest plotted year. */
    private int[] span(List<List<Double>> series, List<Set<Integer>> marks) {
        int lo = Integer.MAX_VALUE, hi = -1;
        for (int k = 0; k < series.size(); k++) {
            List<Double> v = series.get(k);
            for (int i = 0; i < v.size(); i++) if (v.get(i) != null) { lo = Math.min(lo, i); hi = Math.max(hi, i); }
            for (int i : marks.get(k)) { lo = Math.min(lo, i); hi = Math.max(hi, i); }
        }
        return hi < 0 ? null : new int[] {lo, hi};
    }

    private List<Double> values(String measureId, String breakdownValue) {
        TreeMap<String, TrendRow> s = TrendSeries.series(byMeasure.get(measureId), breakdownValue);
        List<Double> v = new ArrayList<>();
        for (String p : periods) v.add(s.containsKey(p) ? s.get(p).valueAsDouble() : null);
        return v;
    }

    private Set<Integer> suppressedAt(String measureId, String breakdownValue) {
        TreeMap<String, TrendRow> s = TrendSeries.series(byMeasure.get(measureId), breakdownValue);
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < periods.size(); i++) if (suppressed(s.get(periods.get(i)))) out.add(i);
        return out;
    }

    private List<Double> benchSeries(String measureId, String breakdownValue, String comparator) {
        List<Double> v = new ArrayList<>();
        boolean any = false;
        for (String p : periods) {
            Double b = bench(measureId, breakdownValue, p, comparator);
            v.add(b);
            any |= b != null;
        }
        return any ? v : null;
    }

    /** Draws series over the periods they cover (trimmed at both ends); null when nothing to draw. */
    private String lineChart(String title, String yLabel, List<Series> series, Double target, String targetLabel, String source) {
        List<List<Double>> vs = new ArrayList<>();
        List<Set<Integer>> ms = new ArrayList<>();
        for (Series s : series) { vs.add(s.values()); ms.add(s.suppressed()); }
        int[] sp = span(vs, ms);
        if (sp == null) return null;
        List<String> labels = new ArrayList<>();
        for (int i = sp[0]; i <= sp[1]; i++) labels.add(TrendSeries.label(periods.get(i)));
        List<Series> trimmed = new ArrayList<>();
        for (Series s : series) {
            Set<Integer> m = new LinkedHashSet<>();
            for (int i : s.suppressed()) if (i >= sp[0] && i <= sp[1]) m.add(i - sp[0]);
            trimmed.add(new Series(s.name(), s.color(), s.dashed(), s.values().subList(sp[0], sp[1] + 1), m));
        }
        return SvgChart.line("chart-" + (++chartNo), title, yLabel, labels, trimmed, target, targetLabel, source);
    }

    /** A line chart of one measure's Total (or a band) with the benchmarks that exist and its target. */
    private String measureChart(String measureId, String breakdownValue) {
        String u = unit(measureId);
        List<Series> s = new ArrayList<>();
        s.add(new Series(laName(), SvgChart.BOROUGH, false, values(measureId, breakdownValue), suppressedAt(measureId, breakdownValue)));
        List<Double> e = benchSeries(measureId, breakdownValue, Benchmarks.ENGLAND);
        if (e != null) s.add(new Series("England", SvgChart.ENGLAND, true, e));
        List<Double> l = benchSeries(measureId, breakdownValue, Benchmarks.REGION);
        if (l != null) s.add(new Series(benchmarks.label(Benchmarks.REGION), SvgChart.REGION, true, l));
        List<Double> n = benchSeries(measureId, breakdownValue, Benchmarks.SN);
        if (n != null) s.add(new Series("Statistical neighbours", SvgChart.SN, true, n));
        PublishConfig.Target t = "Total".equals(breakdownValue) ? config.target(measureId) : null;
        Double target = t == null ? null : t.target();
        String t0 = title(measureId) + ("Total".equals(breakdownValue) ? "" : " (" + breakdownValue + ")")
                + ("percent".equals(u) && !title(measureId).contains("%") ? " (%)" : "");
        return lineChart(t0, TrendSeries.unitLabel(u), s, target, target == null ? null : "Target " + show(target, u),
                dataSource(measureId) + benchSource(measureId, breakdownValue));
    }

    /** Where a measure's figures come from, for a chart's source line: the SSD extract for its theme, else the returns. */
    private String dataSource(String measureId) {
        MeasureDefinitionLike d = catalogue.get(measureId);
        return d != null && Themes.CASE_HISTORY.equals(d.theme()) ? "the council's SSD extract" : "the council's returns";
    }

    private String benchSource(String measureId, String breakdownValue) {
        for (int i = periods.size() - 1; i >= 0; i--) {
            Benchmarks.Benchmark b = benchmarks.get(measureId, breakdownValue, periods.get(i), Benchmarks.ENGLAND);
            if (b != null) return "; comparators: DfE " + b.source().replaceAll(";.*", "").replaceAll("_\\d{4}_to_\\d{4}", "");
        }
        return "";
    }

    /** A plain-English caption for a chart of one measure; its definition goes to the glossary. */
    private String caption(String measureId) {
        String u = unit(measureId);
        String what = switch (u) {
            case "percent" -> "The percentage each year";
            case "rate_per_10000" -> "The rate per 10,000 children each year";
            case "days" -> "The number of days each year";
            case "index" -> "An index, the base year set to 100";
            default -> "The number each year";
        };
        boolean comparators = benchSeries(measureId, "Total", Benchmarks.ENGLAND) != null;
        PublishConfig.Target t = config.target(measureId);
        return what + (comparators ? ", with England, " + benchmarks.label(Benchmarks.REGION)
                + " and statistical neighbours where the DfE publishes them" : "")
                + (t != null && t.target() != null ? ", against the council's target" : "")
                + ". A gap marked c is a year whose figure is suppressed to protect small numbers."
                + " \"" + title(measureId) + "\" is defined in the glossary.";
    }

    private void figure(String measureId, String breakdownValue) {
        if (!charted.add(measureId + "|" + breakdownValue)) return;
        String chart = measureChart(measureId, breakdownValue);
        if (chart == null) return;
        explained.add(measureId);
        out.append("<figure class=\"measure\">").append(chart).append("<figcaption>").append(esc(caption(measureId)))
                .append("</figcaption></figure>\n");
    }

    // ---- headline sentences and the summary --------------------------------------------------------

    private TrendRow latest(PublishConfig.Headline h) {
        TreeMap<String, TrendRow> s = reported(h.measureId(), h.breakdownValue());
        return s.isEmpty() ? null : s.lastEntry().getValue();
    }

    private TrendRow previous(String measureId, String breakdownValue, TrendRow latest) {
        int i = periods.indexOf(latest.timePeriod());
        if (i <= 0) return null;
        // the year before the latest: suppressed shows as c, missing means there is no previous year
        return TrendSeries.series(byMeasure.get(measureId), breakdownValue).get(periods.get(i - 1));
    }

    /** The headline's sentences: its latest value, the change on last year, comparators and target. */
    String headline(PublishConfig.Headline h) {
        TrendRow last = latest(h);
        if (last == null || suppressed(last)) return null;
        String u = last.unit();
        String year = TrendSeries.label(last.timePeriod());
        String yearEnd = last.periodEnd().length() >= 4 ? last.periodEnd().substring(0, 4) : year;
        String sentence = h.sentence().isBlank() ? "{label} was {value} in {year}" : h.sentence();
        StringBuilder b = new StringBuilder(capitalise(sentence.replace("{value}", show(last)).replace("{year_end}", yearEnd)
                .replace("{year}", year).replace("{la}", laName()).replace("{label}", h.label())));
        TrendRow prev = previous(h.measureId(), h.breakdownValue(), last);
        if (prev != null) {
            if (suppressed(prev)) b.append(" (the year before is suppressed: c)");
            else {
                String d = direction(h.measureId(), last, prev);
                b.append(d.contains("same") ? ", about the same as " : d.contains("up") ? ", up from " : ", down from ")
                        .append(show(prev)).append(" in ").append(TrendSeries.label(prev.timePeriod()));
            }
        }
        b.append('.');
        String cp = comparatorPeriod(h.measureId(), h.breakdownValue());
        if (cp != null) {
            Double e = bench(h.measureId(), h.breakdownValue(), cp, Benchmarks.ENGLAND);
            Double n = bench(h.measureId(), h.breakdownValue(), cp, Benchmarks.SN);
            Double nMedian = bench(h.measureId(), h.breakdownValue(), cp, Benchmarks.SN_MEDIAN);
            TrendRow here = TrendSeries.series(byMeasure.get(h.measureId()), h.breakdownValue()).get(cp);
            b.append(" In ").append(TrendSeries.label(cp)).append(cp.equals(last.timePeriod()) ? "" : ", the latest year with published figures")
                    .append(", the figure was ").append(show(here)).append(" here");
            List<String> c = new ArrayList<>();
            if (e != null) c.add(show(e, u) + " for England");
            if (n != null) c.add(show(n, u) + " for statistical neighbours" + (nMedian == null ? "" : " (median " + show(nMedian, u) + ")"));
            b.append(c.isEmpty() ? "" : ", against " + String.join(" and ", c)).append('.');
            Benchmarks.Position pos = NationalFrameworkView.position(benchmarks, config, h.measureId(), h.breakdownValue(), cp, here);
            if (pos != null) {
                b.append(" That ranks ").append(ordinal(pos.rank())).append(" of ").append(pos.of())
                        .append(" councils with a published figure (quartile band ").append(pos.band())
                        .append(", A the best quarter).");
            }
        }
        PublishConfig.Target t = "Total".equals(h.breakdownValue()) ? config.target(h.measureId()) : null;
        if (t != null && t.target() != null) {
            b.append(" The target is ").append(show(t.target(), u)).append(": ").append(met(t, last.valueAsDouble()) ? "met" : "not met").append('.');
        }
        return b.toString();
    }

    /** 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st. */
    static String ordinal(int n) {
        int t = n % 100, u = n % 10;
        String suffix = t >= 11 && t <= 13 ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static boolean met(PublishConfig.Target t, double v) { return RecommendationView.met(t, v); }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The one-page summary: one row per headline indicator. */
    private void summary() {
        section("summary");
        out.append("<p class=\"lead\">The council's headline indicators: the latest year, the change on the year before, "
                + "and the latest year for which the DfE has published England and statistical-neighbour figures.</p>");
        out.append("<table class=\"summary\"><thead><tr><th>Indicator</th><th class=\"n\">Latest</th><th>Against last year</th>"
                + "<th>Comparison year</th><th class=\"n\">").append(esc(laName())).append("</th><th class=\"n\">England</th>"
                + "<th class=\"n\">Statistical neighbours</th><th class=\"n\">Target</th><th>Target met</th></tr></thead><tbody>");
        int n = 0;
        for (PublishConfig.Headline h : config.headlines()) {
            TrendRow last = latest(h);
            if (last == null) continue;
            n++;
            explained.add(h.measureId());
            TrendRow prev = previous(h.measureId(), h.breakdownValue(), last);
            String cp = comparatorPeriod(h.measureId(), h.breakdownValue());
            TrendRow here = cp == null ? null : TrendSeries.series(byMeasure.get(h.measureId()), h.breakdownValue()).get(cp);
            PublishConfig.Target t = "Total".equals(h.breakdownValue()) ? config.target(h.measureId()) : null;
            String u = last.unit();
            out.append("<tr><th>").append(esc(h.label().isBlank() ? title(h.measureId()) : h.label())).append("</th>")
                    .append("<td class=\"n\">").append(esc(show(last))).append(" <span class=\"yr\">").append(esc(TrendSeries.label(last.timePeriod()))).append("</span></td>")
                    .append("<td>").append(esc(direction(h.measureId(), last, prev))).append("</td>")
                    .append("<td>").append(esc(cp == null ? "none published" : TrendSeries.label(cp))).append("</td>")
                    .append("<td class=\"n\">").append(esc(here == null ? "" : show(here))).append("</td>")
                    .append("<td class=\"n\">").append(esc(cp == null ? "" : showOrDash(bench(h.measureId(), h.breakdownValue(), cp, Benchmarks.ENGLAND), u))).append("</td>")
                    .append("<td class=\"n\">").append(esc(cp == null ? "" : showOrDash(bench(h.measureId(), h.breakdownValue(), cp, Benchmarks.SN), u))).append("</td>")
                    .append("<td class=\"n\">").append(esc(t == null || t.target() == null ? "" : show(t.target(), u))).append("</td>")
                    .append("<td>").append(esc(t == null || t.target() == null || suppressed(last) ? "" : met(t, last.valueAsDouble()) ? "met" : "not met")).append("</td></tr>");
        }
        if (n == 0) out.append("<tr><td colspan=\"9\">No headline indicators in this run.</td></tr>");
        out.append("</tbody></table>");
        out.append("<p class=\"note\">c: suppressed to protect small numbers (1 to 5 children, or a figure that would reveal one). "
                + "A blank comparison: the DfE publishes no figure for this indicator.</p>");
        out.append("</section>\n");
    }

    private static String showOrDash(Double v, String u) { return v == null ? "\u2013" : show(v, u); }

    // ---- page --------------------------------------------------------------------------------------

    private String build() {
        String la = laName();
        List<String> observed = TrendSeries.periods(rowsNotProjected());
        String latest = observed.isEmpty() ? "" : TrendSeries.label(observed.get(observed.size() - 1));
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc("Children's social care evidence pack: " + la)).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header><h1>").append(esc("Children's social care evidence pack")).append("</h1><p class=\"sub\">")
                .append(esc(la)).append(latest.isEmpty() ? "" : " &middot; latest reporting year " + esc(latest))
                .append(" &middot; published ").append(esc(generatedAt())).append(" UTC</p></header>\n");
        out.append("<nav><ol>");
        for (int i = 1; i < SECTION_IDS.size(); i++) {
            out.append("<li><a href=\"#").append(SECTION_IDS.get(i)).append("\">").append(esc(SECTION_NAMES.get(i))).append("</a></li>");
        }
        out.append("</ol></nav>\n");

        summary();
        headlines();
        demand();
        trends();
        nationalFramework();
        characteristics();
        durations();
        neglect();
        policeProtection();
        recommendations();
        dataQuality();
        glossary();
        about();
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private String generatedAt() { return Instant.now().toString().substring(0, 19).replace('T', ' '); }

    private List<TrendRow> rowsNotProjected() {
        List<TrendRow> o = new ArrayList<>();
        for (TrendRow r : rows) if (!r.measureId().contains("projection")) o.add(r);
        return o;
    }

    private void headlines() {
        section("headlines");
        out.append("<ul class=\"headlines\">");
        int n = 0;
        for (PublishConfig.Headline h : config.headlines()) {
            if (!has(h.measureId())) continue;
            String s = headline(h);
            if (s != null) { out.append("<li>").append(esc(s)).append("</li>"); n++; }
        }
        PublishConfig.DemandSection demand = PublishConfig.demandSection();
        if (has(demand.excessGrowth())) {
            TreeMap<String, TrendRow> s = TrendSeries.series(byMeasure.get(demand.excessGrowth()), demand.headlineSeries());
            s.values().removeIf(r -> r.valueAsDouble() == null);
            if (!s.isEmpty()) {
                double pp = s.lastEntry().getValue().valueAsDouble();
                out.append("<li>").append(esc(String.format(Locale.UK, "Between %s and %s referrals grew %.1f index points %s than the child population (both indexed to 100 at the start).",
                        TrendSeries.label(s.firstKey()), TrendSeries.label(s.lastKey()), Math.abs(pp), pp >= 0 ? "more" : "less"))).append("</li>");
                n++;
            }
        }
        if (n == 0) out.append("<li>No headline measures in this run.</li>");
        out.append("</ul></section>\n");
    }

    private void demand() {
        section("demand");
        boolean any = false;
        PublishConfig.DemandSection demand = PublishConfig.demandSection();
        if (has(demand.index())) {
            List<Series> s = new ArrayList<>();
            int k = 0;
            for (String series : TrendSeries.breakdownValues(byMeasure.get(demand.index()))) {
                boolean pop = series.equals(demand.population());
                s.add(new Series(pop ? "Children aged 0 to 17" : title(series), pop ? "#000000" : SvgChart.PALETTE[(k++ % 19) + 1], pop,
                        values(demand.index(), series), suppressedAt(demand.index(), series)));
            }
            String chart = lineChart("Demand against the child population (base year = 100)", "index", s, null, null,
                    "the council's returns; ONS mid-year estimates");
            if (chart != null) {
                any = true;
                explained.add(demand.index());
                out.append("<figure class=\"measure\">").append(chart).append("<figcaption>Each kind of demand is shown against its own "
                        + "first year, set to 100. The black dashed line is the number of children living in the area: a line above it "
                        + "is demand that the growth in the number of children does not explain.</figcaption></figure>\n");
            }
        }
        if (has(demand.population())) { any = true; figure(demand.population(), "Total"); }
        if (has(demand.excessGrowth())) { any = true; table(demand.excessGrowth()); }
        if (!any) out.append("<p>No demand measures in this run.</p>");
        out.append("</section>\n");
    }

    private Set<String> ownSections() {
        Set<String> s = new LinkedHashSet<>();
        for (List<String> l : config.sections().values()) s.addAll(l);
        return s;
    }

    private void trends() {
        section("trends");
        Set<String> elsewhere = ownSections();
        // the SSD's case-level history (visits, contacts, caseloads, workers per child) only where the drop held an SSD
        // extract: a theme without rows is not shown
        for (String theme : List.of(Themes.FRONT_DOOR, Themes.CIN_CP, Themes.CLA_PP, Themes.CASE_HISTORY)) {
            List<String> ms = new ArrayList<>();
            for (String m : measuresOf(theme)) if (!elsewhere.contains(m)) ms.add(m);
            if (ms.isEmpty()) continue;
            out.append("<h3>").append(esc(theme)).append("</h3>\n");
            for (String m : ms) {
                if (TrendSeries.breakdownValues(byMeasure.get(m)).isEmpty()) figure(m, "Total");
                else {
                    stackedFigure(m);
                    table(m);
                }
            }
        }
        out.append("</section>\n");
    }

    /**
     * Every indicator of the DfE's national framework dashboard, in its order: the council's latest value and the
     * two years before it, then, for the latest year the DfE's files also hold, England, the region, the
     * statistical neighbours' mean and median and the quartile band; an indicator not computed says why.
     */
    private void nationalFramework() {
        section("national-framework");
        List<NationalFrameworkView.Line> lines = NationalFrameworkView.lines(byMeasure, benchmarks, config);
        long computed = lines.stream().filter(l -> l.indicator().computed()).count();
        long published = lines.stream().filter(l -> !l.publishedSeries().isEmpty()).count();
        out.append("<p>The DfE's children's social care national framework dashboard has ").append(lines.size())
                .append(" indicators. ").append(computed).append(" are computed here from the council's own returns. ")
                .append(published).append(" come from data the council's social care records do not hold, so the")
                .append(" council's published value is shown, from the DfE's LAIT file, labelled \"Published\"; its year is")
                .append(" LAIT's own label (an academic or financial year, or the workforce census's year to 30 September), not")
                .append(" the council's reporting year. The rest need an input the drop does not have, or are not a council figure, and the")
                .append(" notes say which. Comparators are for the latest year both the council's figures and the DfE's")
                .append(" files hold.</p>\n");
        String tab = null;
        // a reason shared by many indicators (the 15 school outcome rows, say) is written once, as a numbered note
        // under the tables, and each of its rows points to it: the rows stay one line high
        List<String> notes = new ArrayList<>();
        for (NationalFrameworkView.Line l : lines) {
            NationalFramework.Indicator i = l.indicator();
            if (!i.tab().equals(tab)) {
                if (tab != null) out.append("</tbody></table>\n");
                tab = i.tab();
                out.append("<h3>").append(esc(tab)).append("</h3>\n<table class=\"data nf\"><thead><tr><th class=\"n\">#</th>")
                        .append("<th>Indicator</th><th class=\"n\">Latest</th><th>Before</th><th>Comparators</th><th>Source</th></tr></thead><tbody>");
            }
            out.append("<tr><td class=\"n\">").append(i.row()).append("</td><td>").append(esc(i.text())).append("</td>");
            TrendRow latest = l.latest();
            if (latest == null && !l.publishedSeries().isEmpty()) {
                // only national data holds it: the council's published (LAIT) figure, labelled as such
                String u = i.laitUnit();
                List<String> before = new ArrayList<>();
                for (Map.Entry<String, Double> e : l.publishedBefore()) before.add(show(e.getValue(), u) + " (" + e.getKey() + ")");
                figureCells(l, show(l.publishedSeries().lastEntry().getValue(), u), l.publishedSeries().lastKey(), before, u);
                continue;
            }
            if (latest == null) {
                String reason = l.source();
                if (!notes.contains(reason)) notes.add(reason);
                int colon = reason.indexOf(':');
                String label = i.computed() ? "No figure" : colon > 0 ? reason.substring(0, colon) : reason;
                out.append("<td colspan=\"3\">\u2013</td><td>").append(esc(label + " (note " + (notes.indexOf(reason) + 1) + ")"))
                        .append("</td></tr>");
                continue;
            }
            List<String> before = new ArrayList<>();
            for (TrendRow r : l.before()) before.add(show(r) + " (" + TrendSeries.label(r.timePeriod()) + ")");
            figureCells(l, show(latest), TrendSeries.label(latest.timePeriod()), before, unit(i.measureId()));
        }
        if (tab != null) out.append("</tbody></table>\n");
        if (!notes.isEmpty()) {
            out.append("<h3>Notes</h3>\n<ol class=\"notes\">");
            for (String n : notes) out.append("<li>").append(esc(n)).append("</li>");
            out.append("</ol>\n");
        }
        out.append("</section>\n");
    }

    /** A national framework row's cells after the indicator: latest (with its year), before, comparators, source. */
    private void figureCells(NationalFrameworkView.Line l, String latest, String year, List<String> before, String unit) {
        out.append("<td class=\"n\">").append(esc(latest)).append(" <span class=\"yr\">").append(esc(year)).append("</span></td><td>")
                .append(esc(before.isEmpty() ? "\u2013" : String.join(", ", before))).append("</td><td>")
                .append(esc(comparators(l, unit))).append("</td><td>")
                // a measure id (care_leavers_19_21_suitable_accommodation) may break after an underscore in print
                .append(esc(l.source()).replace("_", "_<wbr>")).append("</td></tr>");
    }

    /** England, region, neighbours' mean and median, and the band, for the latest year both hold; or why none. */
    private static String comparators(NationalFrameworkView.Line l, String unit) {
        if (l.comparatorPeriod() == null) return "none published for a year the council's figures cover";
        List<String> c = new ArrayList<>();
        if (l.published() != null) {
            // the DfE's published figure for the council itself: a check on the return
            double diff = l.atComparatorPeriod() - l.published();
            c.add("published for the council " + show(l.published(), unit) + " (here " + (Math.abs(diff) < 0.05 ? "the same"
                    : (diff > 0 ? "+" : "") + TrendRow.formatValue(diff, unit)) + ")");
        }
        // the neighbours' mean and median as one item: "neighbours 18.5% (median 19.7%)"
        Double snMean = l.comparators().get(Benchmarks.SN), snMedian = l.comparators().get(Benchmarks.SN_MEDIAN);
        l.comparators().forEach((label, v) -> {
            if (label.equals(Benchmarks.SN)) {
                c.add("neighbours " + show(v, unit) + (snMedian == null ? "" : " (median " + show(snMedian, unit) + ")"));
            } else if (label.equals(Benchmarks.SN_MEDIAN)) {
                if (snMean == null) c.add("neighbours' median " + show(v, unit));
            } else c.add(label + " " + show(v, unit));
        });
        Benchmarks.Position pos = l.position();
        if (pos != null) c.add("band " + pos.band() + " (" + ordinal(pos.rank()) + " of " + pos.of() + ")");
        else c.add(l.noBand());
        return TrendSeries.label(l.comparatorPeriod()) + ": " + String.join("; ", c);
    }

    /**
     * Who the children are (issue 15 section 3): the characteristics distributions of the core measures side by side
     * for each measure's latest year, the within-group percentages, and the ethnic groups' rates and relative rate
     * index. Built from the catalogue's theme: a measure with a {@code total} link is a distribution, one with
     * {@code relative_to} an index, a rate per 10,000 a rate, any other percentage a within-group percentage.
     */
    private void characteristics() {
        section("characteristics");
        List<String> dist = new ArrayList<>(), within = new ArrayList<>(), rates = new ArrayList<>(), indexes = new ArrayList<>();
        for (csc.lakehouse.spec.MeasureSpec.Measure m : MeasureSpecHolder.SPEC.measures()) {
            if (!"characteristics".equals(m.theme()) || reported(m.id(), "Total").isEmpty()) continue;
            if (m.relativeTo() != null) indexes.add(m.id());
            else if ("rate_per_10000".equals(m.unit())) rates.add(m.id());
            else if (m.total() != null) dist.add(m.id());
            else within.add(m.id());
        }
        if (dist.isEmpty() && within.isEmpty() && rates.isEmpty()) {
            out.append("<p>No children's characteristics in this run (they need the children's records: silver person).</p></section>\n");
            return;
        }
        out.append("<p class=\"lead\">Who the children are: the children each measure counts, in its latest year, by age band, "
                + "sex and ethnic group, as a percentage of the measure's total with the number in brackets (c: suppressed). "
                + "Age is taken at the measure's date (31 March for a snapshot, the referral, plan or start date otherwise), "
                + "from the month of birth. Ethnic groups are the DfE's five major groups.</p>\n");
        for (csc.lakehouse.spec.MeasureSpec.Breakdown b : breakdownsOf(dist.isEmpty() ? within : dist)) {
            characteristicsTable(dist, b, "Children by " + BREAKDOWN_WORDS.getOrDefault(b.name(), b.name()), false);
        }
        if (!within.isEmpty()) {
            out.append("<p class=\"lead\">Within each group: the percentage of the group's children, with the number in brackets.</p>\n");
            for (csc.lakehouse.spec.MeasureSpec.Breakdown b : breakdownsOf(within)) {
                characteristicsTable(within, b, "Within each group, by " + BREAKDOWN_WORDS.getOrDefault(b.name(), b.name()), true);
            }
        }
        if (!rates.isEmpty()) {
            out.append("<h3>Disproportionality</h3>\n<p>Each ethnic group's children per 10,000 residents of that group, and the "
                    + "relative rate index: the group's rate divided by White children's (2.0: twice as likely; 0.5: half). "
                    + "The residents are the Census 2021 usual residents <strong>of all ages</strong>, not children: the rates "
                    + "compare groups with each other and are not the per-10,000-children rates above. Children whose "
                    + "ethnicity is not known count in the Total only.</p>\n");
            characteristicsTable(rates, null, "Per 10,000 residents of the group (Census 2021, all ages)", true);
            characteristicsTable(indexes, null, "Relative rate index (White = 1.0)", true);
        }
        out.append("</section>\n");
    }

    private static final Map<String, String> BREAKDOWN_WORDS = Map.of("age_band", "age band", "child_sex", "sex",
            "ethnic_group", "ethnic group");

    private static List<csc.lakehouse.spec.MeasureSpec.Breakdown> breakdownsOf(List<String> measures) {
        return measures.isEmpty() ? List.of() : MeasureSpecHolder.SPEC.get(measures.get(0))
                .map(csc.lakehouse.spec.MeasureSpec.Measure::breakdowns).orElse(List.of());
    }

    /** One table: a row per value of {@code b} (every value of the first measure when null), a column per measure at its latest year. */
    private void characteristicsTable(List<String> measures, csc.lakehouse.spec.MeasureSpec.Breakdown b, String caption, boolean withTotal) {
        if (measures.isEmpty()) return;
        List<String> values = new ArrayList<>();
        if (withTotal) values.add("Total");
        values.addAll(b != null ? b.values() : breakdownsOf(measures).stream().flatMap(x -> x.values().stream()).toList());
        out.append("<table class=\"data\"><caption>").append(esc(caption)).append("</caption><thead><tr><th></th>");
        List<String> latest = new ArrayList<>();
        for (String m : measures) {
            String p = reported(m, "Total").lastKey();
            latest.add(p);
            out.append("<th class=\"n\">").append(esc(shortTitle(m))).append("<br>").append(esc(TrendSeries.label(p))).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (String v : values) {
            out.append("<tr><th>").append(esc(v.equals("Total") ? "All" : v)).append("</th>");
            for (int i = 0; i < measures.size(); i++) {
                TrendRow r = TrendSeries.series(byMeasure.get(measures.get(i)), v).get(latest.get(i));
                out.append("<td class=\"n\">").append(esc(cell(r))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>\n");
        explained.addAll(measures);
    }

    /** A characteristics measure's title without the words every column shares. */
    private String shortTitle(String m) {
        return title(m).replace(" by age, sex and ethnic group", "").replace(" per 10,000 residents by ethnic group", "")
                .replaceAll(": relative rate index by ethnic group.*$", "");
    }

    private void durations() {
        section("durations");
        boolean any = false;
        for (String m : config.section("durations")) {
            if (!has(m)) continue;
            any = true;
            stackedFigure(m);
            table(m);
            for (String band : TrendSeries.breakdownValues(byMeasure.get(m))) {
                if (benchSeries(m, band, Benchmarks.ENGLAND) != null) figure(m, band);
            }
        }
        if (!any) out.append("<p>No duration measures in this run.</p>");
        out.append("</section>\n");
    }

    private void neglect() {
        section("neglect");
        List<String> neg = measuresOf(Themes.NEGLECT);
        if (neg.isEmpty()) out.append("<p>No neglect measures in this run.</p>");
        for (String m : neg) if (!TrendSeries.series(byMeasure.get(m), "Total").isEmpty()) figure(m, "Total");
        out.append("</section>\n");
    }

    private void policeProtection() {
        section("police-protection");
        boolean any = false;
        for (String m : config.section("police_protection")) {
            if (has(m) && !TrendSeries.series(byMeasure.get(m), "Total").isEmpty()) { any = true; figure(m, "Total"); }
        }
        if (!any) out.append("<p>No police-protection measures in this run.</p>");
        out.append("</section>\n");
    }

    /** The council's recommendations (ofsted_recommendations.yaml), each measure against its target (targets.yaml). */
    private void recommendations() {
        section("recommendations");
        out.append("<p class=\"lead\">Each recommendation and the measures that track it, from the council's own configuration. "
                + "\"Previous\" is the year before the latest; c means that year's figure is suppressed. A change of "
                + esc(TrendRow.formatValue(config.steadyWithin(), "percent")) + " or less is shown as about the same. Under the "
                + "latest figure, the source it came from (the council's SSD extract, a local tracker or a statutory "
                + "return), where the figure's note names one.</p>");
        out.append("<table class=\"recs\"><thead><tr><th>Recommendation</th><th>Measure</th><th class=\"n\">Previous</th>"
                + "<th class=\"n\">Latest</th><th class=\"n\">Target</th><th>Target met</th><th>Better or worse</th></tr></thead><tbody>");
        List<RecommendationView.Line> lines = RecommendationView.lines(rows, config);
        if (lines.isEmpty()) out.append("<tr><td colspan=\"7\">No recommendations are configured.</td></tr>");
        PublishConfig.Recommendation current = null;
        for (RecommendationView.Line l : lines) {
            out.append("<tr>");
            if (l.recommendation() != current) {
                current = l.recommendation();
                out.append("<th rowspan=\"").append(current.measures().size()).append("\">").append(esc(current.id() + ". " + current.title())).append("</th>");
            }
            String m = l.measureId();
            explained.add(m);
            String u = unit(m);
            out.append("<td>").append(esc(title(m))).append("</td>");
            String target = l.target() == null || l.target().target() == null ? "none set" : show(l.target().target(), u);
            if (l.latest() == null) {
                out.append("<td colspan=\"2\" class=\"na\">not measured in this run (needs the local tracker)</td><td class=\"n\">")
                        .append(esc(target)).append("</td><td></td><td></td>");
            } else {
                TrendRow prev = l.previous(), last = l.latest();
                out.append("<td class=\"n\">").append(esc(prev == null ? "none" : show(prev) + " (" + RecommendationView.periodLabel(prev) + ")")).append("</td>")
                        .append("<td class=\"n\">").append(esc(show(last) + " (" + RecommendationView.periodLabel(last) + ")"));
                String source = sourceOf(notes.get(noteKey(last.measureId(), last.timePeriod(), last.newLaCode())));
                if (source != null) out.append("<br><span class=\"yr\">source: ").append(esc(source)).append("</span>");
                out.append("</td>")
                        .append("<td class=\"n\">").append(esc(target)).append("</td><td>").append(esc(l.met()))
                        .append("</td><td>").append(esc(l.direction())).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        reportedFigures();
        out.append("</section>\n");
    }

    /**
      * The council's own reported figures (ofsted_recommendations.yaml, reported:) beside this pack's figure for the
      * same date or year to date (the suppressed rows: c stays c). Like with like: a figure without its period in the
      * run (no --as-at at the report's date) says so rather than showing another year's.
      */
    private void reportedFigures() {
        List<ReportedFiguresView.Line> lines = ReportedFiguresView.lines(rows, config.reported());
        if (lines.isEmpty()) return;
        out.append("<h3>The council's reported figures beside these</h3><p class=\"note\">Each figure as the report gives it, "
                + "and this pack's figure for the same date or the same part of the year (never a whole year against part of one). "
                + "A year-to-date figure covers 1 April to the report's date.</p>");
        out.append("<table class=\"recs\"><thead><tr><th>Measure</th><th>When</th><th class=\"n\">Reported</th>"
                + "<th class=\"n\">This pack</th><th class=\"n\">Difference</th></tr></thead><tbody>");
        String source = null;
        for (ReportedFiguresView.Line l : lines) {
            if (!l.figure().source().equals(source)) {
                source = l.figure().source();   // one heading row per report
                out.append("<tr><th colspan=\"5\">").append(esc(source)).append("</th></tr>");
            }
            String m = l.figure().measureId();
            explained.add(m);
            String u = l.figure().ofNumerator() ? "count" : unit(m);
            String what = title(m) + ("Total".equals(l.figure().breakdownValue()) ? "" : ": " + l.figure().breakdownValue())
                    + (l.figure().ofNumerator() ? " (children counted)" : "");
            out.append("<tr><td>").append(esc(what)).append("</td><td>")
                    .append(esc(l.when())).append("</td><td class=\"n\">").append(esc(ReportedFiguresView.asReported(l.figure().value(), u)))
                    .append(l.figure().text() == null ? "" : "<br><span class=\"yr\">" + esc(l.figure().text()) + "</span>")
                    .append("</td><td class=\"n\">").append(esc(l.lakehouse() == null ? "not in this run" : l.lakehouse()))
                    .append("</td><td class=\"n\">").append(esc(l.differencePct() == null ? "" : l.differencePct()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private void dataQuality() {
        section("data-quality");
        JsonNode q = manifest.path("quarantine_by_rule");
        long quarantined = 0;
        if (q.isObject() && q.size() > 0) {
            out.append("<h3>Rows set aside</h3><p>Rows that failed a validation rule were set aside and are not counted in any figure.</p>");
            out.append("<table class=\"data\"><thead><tr><th>Table</th><th>Rule</th><th class=\"n\">Rows set aside</th></tr></thead><tbody>");
            for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> t = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> r = t.getValue().fields(); r.hasNext();) {
                    Map.Entry<String, JsonNode> rule = r.next();
                    quarantined += rule.getValue().asLong();
                    out.append("<tr><td>").append(esc(t.getKey().replace('_', ' '))).append("</td><td>").append(esc(rule.getKey()))
                            .append("</td><td class=\"n\">").append(esc(String.format(Locale.UK, "%,d", rule.getValue().asLong()))).append("</td></tr>");
                }
            }
            out.append("</tbody></table>");
        }
        if (quarantined == 0) out.append("<p>No rows were set aside by a validation rule.</p>");
        // measures.md: the return is the record of its year; what later returns deleted or corrected is listed, not
        // folded back into earlier years' figures
        long vanished = manifest.path("vanished_items").asLong(0), corrected = manifest.path("return_corrections").asLong(0);
        out.append("<h3>Items later returns deleted or corrected</h3><p>").append(esc(String.format(Locale.UK,
                "%,d item(s) shown open in one return were missing from the next return (deleted or re-keyed by the council): "
                        + "they count in their own years' figures and in no later one. %,d value(s) recorded in one return were "
                        + "corrected by the next: each year's figures stay as its own return had them, as the DfE's published figures do. "
                        + "Both lists are in the lakehouse (silver.vanished_items, silver.return_corrections).", vanished, corrected)))
                .append("</p>");
        returnReconciliation();
        List<String[]> warnings = warnings(manifest);
        out.append("<h3>Warnings</h3>");
        if (warnings.isEmpty()) out.append("<p>No warnings.</p>");
        else {
            out.append("<p>Rows or files that were read but need a look. They are counted in the figures unless the warning says otherwise.</p>");
            out.append("<table class=\"data\"><thead><tr><th>Where</th><th>Warning</th><th class=\"n\">Times</th></tr></thead><tbody>");
            for (String[] w : warnings) {
                out.append("<tr><td>").append(esc(w[0])).append("</td><td>").append(esc(w[1])).append("</td><td class=\"n\">")
                        .append(esc(w[2])).append("</td></tr>");
            }
            out.append("</tbody></table>");
        }
        Map<String, Integer> statuses = new TreeMap<>();
        for (JsonNode in : manifest.path("inputs")) statuses.merge(text(in, "status").replace('_', ' '), 1, Integer::sum);
        if (!statuses.isEmpty()) {
            List<String> parts = new ArrayList<>();
            statuses.forEach((k, v) -> parts.add(v + " " + k));
            out.append("<p>Input files: ").append(esc(String.join(", ", parts))).append(".</p>");
        }
        out.append("</section>\n");
    }

    /**
     * Issue 18: each return against the case-management system (the SSD extract), counted per return and item, from
     * the manifest ({@code return_reconciliation}); nothing when the drop held no SSD extract beside the returns.
     */
    private void returnReconciliation() {
        JsonNode rec = manifest.path(DataQuality.RECONCILIATION);
        if (!rec.isArray() || rec.isEmpty()) return;
        out.append("<h3>Returns against the case-management system</h3><p>Each return's items rebuilt from the council's "
                + "SSD extract, as the return's rules cut them, and compared with the return submitted: matched, in the system "
                + "but missing from the return, in the return but missing from the system, and differing (with the fields that "
                + "differ and how often). The items are listed, child by child, in the lakehouse (silver.return_reconciliation).</p>");
        out.append("<table class=\"data\"><thead><tr><th>Return</th><th>Item</th><th class=\"n\">Matched</th>"
                + "<th class=\"n\">Missing from the return</th><th class=\"n\">Missing from the system</th>"
                + "<th class=\"n\">Differing</th><th>Fields differing</th></tr></thead><tbody>");
        for (JsonNode r : rec) {
            int y = r.path("collection_year").asInt();
            // the year and the item on one line each (2021-22 broke after its hyphen in print)
            out.append("<tr><td class=\"nw\">").append(esc((y - 1) + "-" + String.format("%02d", y % 100))).append("</td><td class=\"nw\">")
                    .append(esc(r.path("item").asText().replace('_', ' '))).append("</td>");
            for (String st : DataQuality.STATUSES) {
                out.append("<td class=\"n\">").append(esc(String.format(Locale.UK, "%,d", r.path(st).asLong()))).append("</td>");
            }
            out.append("<td>").append(esc(r.path("fields_differing").asText().replace('_', ' '))).append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    /**
     * Every warning of the run as (where, message, times), paths reduced to file names: the manifest's
     * file warnings grouped by message, then the validation warnings by table and rule ({@code warnings_by_rule}).
     */
    public static List<String[]> warnings(JsonNode manifest) {
        Map<String, Integer> grouped = new LinkedHashMap<>();
        for (JsonNode w : manifest.path("warnings")) {
            String file = noPaths(text(w, "file"));
            int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
            grouped.merge((slash >= 0 ? file.substring(slash + 1) : file) + "\u0000" + noPaths(text(w, "message")), 1, Integer::sum);
        }
        List<String[]> out = new ArrayList<>();
        grouped.forEach((k, n) -> out.add(new String[] {k.substring(0, k.indexOf('\u0000')), k.substring(k.indexOf('\u0000') + 1), String.format(Locale.UK, "%,d", n)}));
        JsonNode byRule = manifest.path("warnings_by_rule");
        for (Iterator<Map.Entry<String, JsonNode>> it = byRule.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> t = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> r = t.getValue().fields(); r.hasNext();) {
                Map.Entry<String, JsonNode> rule = r.next();
                out.add(new String[] {t.getKey().replace("_warnings", "").replace('_', ' '), "validation rule " + rule.getKey()
                        + " (a warning: the rows are kept)", String.format(Locale.UK, "%,d", rule.getValue().asLong())});
            }
        }
        return out;
    }

    private void glossary() {
        section("glossary");
        out.append("<h3>Symbols</h3><dl class=\"gl\"><dt>c</dt><dd>Suppressed: 1 to 5 children, or a figure from which such a number "
                + "could be worked out (DfE statistical disclosure control).</dd><dt>\u2013</dt><dd>Not applicable: no children in the group "
                + "(nought out of nought), or no published figure.</dd><dt>Statistical neighbours</dt><dd>The mean of the published figures of "
                + "the ten councils the DfE names as most similar to this one.</dd></dl>");
        out.append("<h3>Measures</h3><dl class=\"gl\">");
        for (String m : explained) {
            MeasureDefinitionLike d = catalogue.get(m);
            out.append("<dt>").append(esc(title(m))).append("</dt><dd>")
                    .append(esc(d == null || d.definition() == null ? "" : plain(d.definition()))).append(" <span class=\"id\">(")
                    .append(esc(m)).append(")</span></dd>");
        }
        out.append("</dl>");
        if (!codesShown.isEmpty()) {
            out.append("<h3>Codes</h3><dl class=\"gl\">");
            for (Map.Entry<String, Set<String>> e : codesShown.entrySet()) {
                Map<String, String> labels = PublishConfig.codelist(config.breakdownCodelists().getOrDefault(e.getKey(), ""));
                for (String code : e.getValue()) {
                    String label = labels.get(code);
                    if (label == null) continue;
                    out.append("<dt>").append(esc(code)).append("</dt><dd>").append(esc(label)).append(" (")
                            .append(esc(e.getKey().replace('_', ' '))).append(")</dd>");
                }
            }
            out.append("</dl>");
        }
        out.append("</section>\n");
    }

    private void about() {
        section("about");
        String finished = text(manifest, "finished_at");
        out.append("<dl class=\"kv\"><dt>Run</dt><dd>").append(esc(text(manifest, "run_id"))).append("</dd><dt>Started</dt><dd>")
                .append(esc(text(manifest, "started_at"))).append("</dd><dt>Finished</dt><dd>")
                .append(esc(finished.isEmpty() ? Instant.now().toString().substring(0, 19) + "Z (when this pack was written)" : finished))
                .append("</dd><dt>Code version</dt><dd>").append(esc(text(manifest, "code_version"))).append("</dd></dl>");
        out.append("<p>Every figure can be regenerated from the run manifest (manifest.json beside this pack), which lists each "
                + "input file with its checksum, every table's row counts and the time each step took.</p></section>\n");
    }

    /** A distribution measure as 100% stacked bars of its breakdown shares, one bar per year with data. */
    private void stackedFigure(String m) {
        if (!charted.add(m + "|stacked")) return;
        List<TrendRow> rs = byMeasure.get(m);
        // a value that repeats others (a group of codes, an "11m+" inside "6-<12m" and "12m+") is not part of the
        // 100%: it stays in the table and is left out of the bar
        Set<String> overlapping = nonAdditive(m);
        List<String> bands = new ArrayList<>(nonZeroBands(m));
        bands.removeIf(overlapping::contains);
        List<Integer> present = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            String per = periods.get(p);
            boolean any = false;
            for (String b : bands) any |= TrendSeries.series(rs, b).containsKey(per);
            if (any) present.add(p);
        }
        if (present.isEmpty() || bands.isEmpty()) return;
        explained.add(m);
        Double[][] v = new Double[present.size()][bands.size()];
        for (int k = 0; k < bands.size(); k++) {
            List<Double> vals = values(m, bands.get(k));
            for (int i = 0; i < present.size(); i++) v[i][k] = vals.get(present.get(i));
        }
        List<String> presentLabels = present.stream().map(p -> TrendSeries.label(periods.get(p))).toList();
        String dim = dimension(m);
        noteCodes(m, bands);
        out.append("<figure class=\"measure\">").append(SvgChart.stacked("chart-" + (++chartNo),
                title(m) + ": share by " + dim + " (%)", presentLabels, bands, v, dataSource(m)))
                .append("<figcaption>").append(esc("Each bar is one year, split by " + dim + ". Suppressed shares (c) are left out of the bar, "
                        + "and groups with no children in any year are not shown. Codes are explained in the glossary."))
                .append("</figcaption></figure>\n");
    }

    private String dimension(String m) {
        return byMeasure.get(m).stream().filter(r -> !r.isTotal()).map(TrendRow::breakdown).findFirst().orElse("group").replace('_', ' ');
    }

    private void noteCodes(String m, List<String> bands) {
        String b = byMeasure.get(m).stream().filter(r -> !r.isTotal()).map(TrendRow::breakdown).findFirst().orElse("");
        if (config.breakdownCodelists().containsKey(b)) codesShown.computeIfAbsent(b, k -> new LinkedHashSet<>()).addAll(bands);
    }

    /** Breakdown values with a non-zero (or suppressed) figure in some year: columns that are 0 in every year are dropped. */
    /** the catalogue's non_additive breakdown values of a measure (data-schemas/measures.yaml) */
    private static Set<String> nonAdditive(String m) {
        return MeasureSpecHolder.SPEC.get(m).map(x -> x.breakdowns().stream()
                .flatMap(b -> b.nonAdditive().stream()).collect(java.util.stream.Collectors.toSet())).orElse(Set.of());
    }

    private static final class MeasureSpecHolder {
        static final csc.lakehouse.spec.MeasureSpec SPEC = csc.lakehouse.spec.MeasureSpec.load();
    }

    private List<String> nonZeroBands(String m) {
        List<String> out = new ArrayList<>();
        for (String b : TrendSeries.breakdownValues(byMeasure.get(m))) {
            boolean any = false;
            for (TrendRow r : TrendSeries.series(byMeasure.get(m), b).values()) {
                Double v = r.valueAsDouble();
                Long n = r.numeratorAsLong();
                if (suppressed(r) || (v != null && v != 0.0) || (n != null && n != 0)) { any = true; break; }
            }
            if (any) out.add(b);
        }
        return out;   // TrendSeries.breakdownValues: the catalogue's order
    }

    private List<String> measuresOf(String theme) {
        List<String> ms = new ArrayList<>();
        for (String m : byMeasure.keySet()) {
            MeasureDefinitionLike d = catalogue.get(m);
            if (d != null && theme.equals(d.theme())) ms.add(m);
        }
        return ms;
    }

    private void section(String id) {
        int i = SECTION_IDS.indexOf(id);
        out.append("<section id=\"").append(SECTION_IDS.get(i)).append("\"><h2>").append(esc(SECTION_NAMES.get(i))).append("</h2>\n");
    }

    /** A table of a measure's rows by year (rows) and breakdown value (columns); rows only for years with data. */
    private void table(String measureId) {
        List<TrendRow> rs = byMeasure.get(measureId);
        List<String> cols = new ArrayList<>();
        if (!TrendSeries.series(rs, "Total").isEmpty()) cols.add("Total");
        cols.addAll(nonZeroBands(measureId));
        List<String> years = new ArrayList<>();
        for (String p : periods) {
            for (String c : cols) if (TrendSeries.series(rs, c).containsKey(p)) { years.add(p); break; }
        }
        if (years.isEmpty() || cols.isEmpty()) return;
        explained.add(measureId);
        noteCodes(measureId, cols);
        String u = unit(measureId);
        // a page holds about ten columns of figures: a longer breakdown (22 referral sources) continues in a
        // further table with the years repeated, rather than running off the printed page
        for (int from = 0; from < cols.size(); from += TABLE_COLUMNS) {
            List<String> part = cols.subList(from, Math.min(cols.size(), from + TABLE_COLUMNS));
            out.append("<table class=\"data\"><caption>").append(esc(title(measureId)
                    + ("percent".equals(u) ? ": percentage of the total, with the number of children in brackets" : "")
                    + (from > 0 ? " (continued)" : ""))).append("</caption><thead><tr><th>Year</th>");
            for (String c : part) out.append("<th class=\"n\">").append(esc(has(c) ? title(c) : c)).append("</th>");
            out.append("</tr></thead><tbody>");
            for (String p : years) {
                out.append("<tr><th>").append(esc(TrendSeries.label(p))).append("</th>");
                for (String c : part) out.append("<td class=\"n\">").append(esc(cell(TrendSeries.series(rs, c).get(p)))).append("</td>");
                out.append("</tr>");
            }
            out.append("</tbody></table>\n");
        }
    }

    /** columns of figures in one table of the pack (beside the year) */
    static final int TABLE_COLUMNS = 10;

    /** A table cell: c when suppressed; a dash for 0 of 0 (no children in the group), never "0.0% (0)". */
    static String cell(TrendRow r) {
        if (r == null) return "";
        if (suppressed(r)) return "c";
        Long den = r.denominatorAsLong();
        if (den != null && den == 0) return "\u2013";
        if (r.valueAsDouble() == null) return "";
        return show(r.valueAsDouble(), r.unit()) + (r.isTotal() || r.numerator().isEmpty() ? "" : " (" + r.numerator() + ")");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    static final String CSS = """
        body{font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#1b1b1b;margin:0 auto;max-width:1100px;padding:0 24px 40px;line-height:1.45}
        header{border-bottom:4px solid #1d3f73;padding:18px 0 8px}h1{margin:0;font-size:28px;color:#1d3f73}
        .sub{margin:4px 0;color:#444}.note{font-size:12px;color:#555}.lead{font-size:14px;color:#333}
        nav ol{columns:3;font-size:14px;padding-left:20px}nav a{color:#1d3f73}
        h2{color:#1d3f73;border-bottom:1px solid #c8d1e0;padding-bottom:4px;margin-top:32px}h3{margin:22px 0 6px;break-after:avoid;page-break-after:avoid}
        ul.headlines li{margin:6px 0;font-size:15px}
        figure.measure{margin:14px 0 22px;break-inside:avoid;page-break-inside:avoid}
        figcaption{font-size:13px;color:#444;max-width:720px}
        svg.chart{width:100%;max-width:720px;height:auto;background:#fff;border:1px solid #e2e6ee}
        svg .ct{font-size:14px;font-weight:600;fill:#1b1b1b}svg .yt{font-size:11px;text-anchor:end;fill:#333}
        svg .xt{font-size:11px;text-anchor:middle;fill:#333}svg .yl{font-size:11px;text-anchor:middle;fill:#555}
        svg .lg{font-size:11px;fill:#333}svg .src{font-size:10px;fill:#666}svg .bl{font-size:10px;fill:#fff;text-anchor:middle}
        svg .sup{font-size:12px;font-weight:700;text-anchor:middle;font-style:italic}
        svg .grid{stroke:#e6e6e6;stroke-width:1}svg .axis{stroke:#555;stroke-width:1}
        table{border-collapse:collapse;margin:10px 0;font-size:13px;break-inside:auto}tr{break-inside:avoid;page-break-inside:avoid}
        th,td{border:1px solid #d0d5de;padding:4px 8px;text-align:left;vertical-align:top}
        thead{display:table-header-group}thead th{background:#eef2f8}td.n,th.n{text-align:right}table.nf{font-size:11.5px;table-layout:fixed;width:100%}table.nf td{vertical-align:top}table.nf th:nth-child(1){width:4%}table.nf th:nth-child(2){width:30%}table.nf th:nth-child(3){width:13%}table.nf th:nth-child(4){width:13%}table.nf th:nth-child(5){width:25%}table.nf th:nth-child(6){width:15%}td.n,td.nw{white-space:nowrap}td.na{color:#777;font-style:italic}
        caption{text-align:left;font-weight:600;padding:4px 0}
        table.summary{font-size:12.5px;width:100%}table.summary tbody th{font-weight:600;background:#fafbfd}.yr{color:#666;font-size:11px}
        dl.kv{display:grid;grid-template-columns:160px 1fr;gap:2px 12px}dl.kv dt{font-weight:600}
        dl.gl dt{font-weight:600;margin-top:6px}dl.gl dd{margin:0 0 0 18px;font-size:13px}.id{color:#777;font-size:11px}
        @page{size:A4;margin:12mm}
        @media print{nav{display:none}body{max-width:none;padding:0;font-size:12px}header{padding-top:0}
        section{break-before:page;page-break-before:always}section#summary{break-before:auto;page-break-before:auto}
        section#summary h2{margin-top:10px}table.summary{font-size:11px}
        svg.chart{border:none;max-width:100%}figure.measure{break-inside:avoid;page-break-inside:avoid}a{color:inherit;text-decoration:none}}
        """;
}
