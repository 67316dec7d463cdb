package csc.lakehouse.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import csc.lakehouse.publish.MeasureDefinitionLike.Themes;
import csc.lakehouse.publish.SvgChart.Series;
import csc.lakehouse.publish.TrendsFile.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * evidence-pack.html: one self-contained page (inline CSS and server-drawn SVG, no scripts, no network)
 * for the self-evaluation and the annual engagement meeting, printable to PDF. Built from the
 * <b>suppressed</b> rows (published/trends.csv), so it is as safe to share as that file.
 */
public final class EvidencePack {
  public static final List<String> SECTION_IDS = List.of("headlines", "demand", "trends", "durations", "neglect",
      "police-protection", "recommendations", "data-quality", "manifest");
  public static final double PP_TARGET = 13.0;

  /** The eight Ofsted recommendations and the measures that track them (measures.md). */
  public static final Map<String, List<String>> DEFAULT_RECOMMENDATIONS = defaultRecommendations();

  private static Map<String, List<String>> defaultRecommendations() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("1. Timely strategy discussions, with police attendance",
        List.of("strategy_discussion_days", "strategy_discussion_in_timescale", "strategy_police_attended", "icpc_15wd"));
    m.put("2. Regular, reflective case supervision", List.of("supervision_4wk", "supervision_8wk"));
    m.put("3. Manageable caseloads", List.of("caseload_over_target"));
    m.put("4. Pre-proceedings without drift", List.of("pre_proceedings_over_16w"));
    m.put("5. Response to homeless 16 and 17 year olds", List.of("homeless_1617"));
    m.put("6. No children under 16 in unregistered placements without notification",
        List.of("unregistered_u16_notified"));
    m.put("7. Permanence planning by the second review", List.of("ppm_by_second_review"));
    m.put("8. Step-down to and from early help", List.of("early_help_threshold", "rereferrals_12m"));
    return m;
  }

  private final List<Row> rows;
  private final Map<String, List<Row>> byMeasure;
  private final Map<String, ? extends MeasureDefinitionLike> catalogue;
  private final Benchmarks benchmarks;
  private final JsonNode manifest;
  private final Map<String, List<String>> recommendations;
  private final List<String> periods;
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private int chartNo;

  private EvidencePack(List<Row> rows, Map<String, ? extends MeasureDefinitionLike> catalogue, Benchmarks benchmarks,
      String manifestJson, Map<String, List<String>> recommendations) {
    this.rows = rows;
    this.byMeasure = TrendSeries.byMeasure(rows);
    this.catalogue = catalogue == null ? Map.of() : catalogue;
    this.benchmarks = benchmarks == null ? Benchmarks.of(List.of()) : benchmarks;
    this.manifest = parse(manifestJson);
    this.recommendations = recommendations == null ? DEFAULT_RECOMMENDATIONS : recommendations;
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

  public static String render(List<Row> rows, Map<String, ? extends MeasureDefinitionLike> catalogue,
      Benchmarks benchmarks, String manifestJson) {
    return render(rows, catalogue, benchmarks, manifestJson, DEFAULT_RECOMMENDATIONS);
  }

  public static String render(List<Row> rows, Map<String, ? extends MeasureDefinitionLike> catalogue,
      Benchmarks benchmarks, String manifestJson, Map<String, List<String>> recommendations) {
    return new EvidencePack(rows, catalogue, benchmarks, manifestJson, recommendations).build();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static String esc(String s) { return SvgChart.esc(s); }

  private String title(String measureId) {
    MeasureDefinitionLike d = catalogue.get(measureId);
    return d != null && d.title() != null && !d.title().isBlank() ? d.title() : measureId;
  }

  private String unit(String measureId) {
    MeasureDefinitionLike d = catalogue.get(measureId);
    if (d != null && d.unit() != null && !d.unit().isBlank()) return d.unit();
    List<Row> r = byMeasure.get(measureId);
    return r == null || r.isEmpty() ? "count" : TrendSeries.series(r, "Total").isEmpty() ? r.get(0).unit()
        : TrendSeries.series(r, "Total").lastEntry().getValue().unit();
  }

  private String laName() {
    for (Row r : rows) if (!r.laName().isBlank()) return r.laName();
    return benchmarks.laName() != null ? benchmarks.laName() : "the borough";
  }

  private List<String> labels() { return periods.stream().map(TrendSeries::label).toList(); }

  private List<Double> values(String measureId, String breakdownValue) {
    TreeMap<String, Row> s = TrendSeries.series(byMeasure.get(measureId), breakdownValue);
    List<Double> v = new ArrayList<>();
    for (String p : periods) v.add(s.containsKey(p) ? s.get(p).valueAsDouble() : null);
    return v;
  }

  private List<Double> bench(String measureId, String breakdownValue, String comparator) {
    List<Double> v = new ArrayList<>();
    boolean any = false;
    for (String p : periods) {
      Benchmarks.Benchmark b = benchmarks.get(measureId, breakdownValue, p, comparator);
      v.add(b == null ? null : b.value());
      any |= b != null;
    }
    return any ? v : null;
  }

  private String benchSource(String measureId, String breakdownValue) {
    for (int i = periods.size() - 1; i >= 0; i--) {
      Benchmarks.Benchmark b = benchmarks.get(measureId, breakdownValue, periods.get(i), Benchmarks.ENGLAND);
      if (b != null) return "; benchmarks: DfE " + b.source().replaceAll(";.*", "").replaceAll("_\\d{4}_to_\\d{4}", "");
    }
    return "";
  }

  private boolean has(String measureId) { return byMeasure.containsKey(measureId); }

  /** A line chart of one measure's Total (or a breakdown value) with the benchmarks that exist. */
  private String measureChart(String measureId, String breakdownValue, Double target, String targetLabel) {
    List<Series> s = new ArrayList<>();
    TreeMap<String, Row> ser = TrendSeries.series(byMeasure.get(measureId), breakdownValue);
    String u = ser.isEmpty() ? unit(measureId) : ser.lastEntry().getValue().unit();
    s.add(new Series(laName(), SvgChart.BOROUGH, false, values(measureId, breakdownValue)));
    List<Double> e = bench(measureId, breakdownValue, Benchmarks.ENGLAND);
    if (e != null) s.add(new Series("England", SvgChart.ENGLAND, true, e));
    List<Double> l = bench(measureId, breakdownValue, Benchmarks.LONDON);
    if (l != null) s.add(new Series("London", SvgChart.LONDON, true, l));
    List<Double> n = bench(measureId, breakdownValue, Benchmarks.SN);
    if (n != null) s.add(new Series("Statistical neighbours", SvgChart.SN, true, n));
    String t = title(measureId) + ("Total".equals(breakdownValue) ? "" : " (" + breakdownValue + ")")
        + ("percent".equals(u) && !title(measureId).contains("%") ? " (%)" : "");
    return SvgChart.line("chart-" + (++chartNo), t, TrendSeries.unitLabel(u), labels(), s, target, targetLabel,
        "trends.csv " + measureId + benchSource(measureId, breakdownValue));
  }

  private void figure(String measureId, String chart) {
    MeasureDefinitionLike d = catalogue.get(measureId);
    out.append("<figure class=\"measure\">").append(chart).append("<figcaption><code>").append(esc(measureId))
        .append("</code>");
    if (d != null && d.definition() != null) out.append(" ").append(esc(d.definition()));
    out.append("</figcaption></figure>\n");
  }

  // ---- headline sentences ------------------------------------------------------------------------

  static final List<String> HEADLINE_MEASURES = List.of("referrals_rate", "rereferrals_12m", "assessments_45wd",
      "cin_31mar_rate", "cpp_31mar_rate", "cpp_repeat", "cla_31mar_rate", "cla_starts_police_protection", "neglect_new",
      "population_0_17");

  String headline(String measureId) {
    TreeMap<String, Row> s = TrendSeries.series(byMeasure.get(measureId), "Total");
    s.values().removeIf(r -> r.valueAsDouble() == null);
    if (s.isEmpty()) return null;
    Map.Entry<String, Row> last = s.lastEntry();
    Map.Entry<String, Row> prev = s.lowerEntry(last.getKey());
    String u = unit(measureId);
    double v = last.getValue().valueAsDouble();
    StringBuilder b = new StringBuilder();
    b.append(title(measureId)).append(" ").append(plural(title(measureId)) ? "were " : "was ")
        .append(TrendSeries.format(v, u)).append(" in ").append(TrendSeries.label(last.getKey()));
    List<String> compare = new ArrayList<>();
    if ("cla_starts_police_protection".equals(measureId)) {
      compare.add((v > PP_TARGET ? "above" : v < PP_TARGET ? "below" : "at") + " the " + TrendSeries.format(PP_TARGET, "count") + "% target");
    }
    Benchmarks.Benchmark e = benchmarks.get(measureId, "Total", last.getKey(), Benchmarks.ENGLAND);
    if (e != null) compare.add((v > e.value() ? "above" : v < e.value() ? "below" : "level with") + " England's " + TrendSeries.format(e.value(), u));
    Benchmarks.Benchmark n = benchmarks.get(measureId, "Total", last.getKey(), Benchmarks.SN);
    if (n != null) compare.add((v > n.value() ? "above" : v < n.value() ? "below" : "level with") + " the statistical neighbours' " + TrendSeries.format(n.value(), u));
    if (!compare.isEmpty()) b.append(", ").append(String.join(" and ", compare));
    if (prev != null) {
      double p = prev.getValue().valueAsDouble();
      b.append(" (").append(v > p ? "up from " : v < p ? "down from " : "unchanged from ").append(TrendSeries.format(p, u))
          .append(" in ").append(TrendSeries.label(prev.getKey())).append(")");
    }
    return b.append('.').toString();
  }

  static final java.util.Set<String> PREPOSITIONS = java.util.Set.of("in", "per", "within", "under", "with", "by", "at",
      "from", "to", "on", "of", "after", "before", "beyond", "for", "(0-17)");

  /** "Care entries under police protection" is plural; "Child population (0-17)" is not. */
  static boolean plural(String title) {
    for (String w : title.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (PREPOSITIONS.contains(w)) break;
      if ((w.endsWith("s") && !w.endsWith("ss")) || w.equals("children")) return true;
    }
    return false;
  }

  private List<Row> rowsExcept(String measureId) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) if (!measureId.equals(r.measureId())) out.add(r);
    return out;
  }

  // ---- page --------------------------------------------------------------------------------------

  private String build() {
    String la = laName();
    // the latest year with observed figures (projections look forward and are not "reported")
    List<String> observed = TrendSeries.periods(rowsExcept("demand_projection"));
    String latest = observed.isEmpty() ? "" : TrendSeries.label(observed.get(observed.size() - 1));
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc("Children's social care evidence pack: " + la)).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    out.append("<header><h1>").append(esc("Children's social care evidence pack")).append("</h1><p class=\"sub\">")
        .append(esc(la)).append(latest.isEmpty() ? "" : " &middot; latest reporting year " + esc(latest))
        .append(" &middot; run ").append(esc(text(manifest, "run_id"))).append(" &middot; generated ")
        .append(esc(Instant.now().toString().substring(0, 19).replace('T', ' '))).append(" UTC</p>")
        .append("<p class=\"note\">Figures have DfE statistical disclosure control applied: <b>c</b> marks a suppressed value (1 to 5 children, or a cell that would reveal one); a gap in a line is a suppressed or missing value.</p></header>\n");
    out.append("<nav><ol>");
    String[] names = {"Headline findings", "Demand against population", "Trends against benchmarks",
        "Long CIN plans and CP plan durations", "Neglect cohort", "Police protection", "The eight recommendations",
        "Data quality", "Run manifest"};
    for (int i = 0; i < SECTION_IDS.size(); i++) {
      out.append("<li><a href=\"#").append(SECTION_IDS.get(i)).append("\">").append(esc(names[i])).append("</a></li>");
    }
    out.append("</ol></nav>\n");

    // headlines
    section("headlines", names[0]);
    out.append("<ul class=\"headlines\">");
    int nHead = 0;
    for (String m : HEADLINE_MEASURES) {
      if (!has(m)) continue;
      String h = headline(m);
      if (h != null) { out.append("<li>").append(esc(h)).append("</li>"); nHead++; }
    }
    if (has("demand_excess_growth")) {
      TreeMap<String, Row> s = TrendSeries.series(byMeasure.get("demand_excess_growth"), "referrals");
      s.values().removeIf(r -> r.valueAsDouble() == null);
      if (!s.isEmpty()) {
        double pp = s.lastEntry().getValue().valueAsDouble();
        out.append("<li>").append(esc(String.format(Locale.UK, "Between %s and %s referrals grew %.1f percentage points %s than the child population.",
            TrendSeries.label(s.firstKey()), TrendSeries.label(s.lastKey()), Math.abs(pp), pp >= 0 ? "more" : "less"))).append("</li>");
        nHead++;
      }
    }
    if (nHead == 0) out.append("<li>No headline measures in this run.</li>");
    out.append("</ul></section>\n");

    // demand
    section("demand", names[1]);
    if (has("demand_index")) {
      List<Series> s = new ArrayList<>();
      int k = 0;
      for (String series : TrendSeries.breakdownValues(byMeasure.get("demand_index"))) {
        boolean pop = series.equals("population_0_17");
        s.add(new Series(pop ? "0-17 population" : title(series), pop ? "#000000" : SvgChart.PALETTE[(k++ % 9) + 1], pop,
            values("demand_index", series)));
      }
      out.append("<figure class=\"measure\">").append(SvgChart.line("chart-" + (++chartNo),
          "Demand index against the 0-17 population (base year = 100)", "index", labels(), s, null, null,
          "trends.csv demand_index; ONS mid-year estimates")).append("<figcaption>Each series divided by its value in the base year; the black dashed line is the child population. Lines above it show demand that population growth does not explain.</figcaption></figure>\n");
    }
    if (has("population_0_17")) figure("population_0_17", measureChart("population_0_17", "Total", null, null));
    if (has("demand_excess_growth")) table("demand_excess_growth");
    if (!has("demand_index") && !has("population_0_17")) out.append("<p>No demand measures in this run.</p>");
    out.append("</section>\n");

    // trends by theme
    section("trends", names[2]);
    for (String theme : List.of(Themes.FRONT_DOOR, Themes.CIN_CP, Themes.CLA_PP)) {
      List<String> ms = measuresOf(theme);
      if (ms.isEmpty()) continue;
      out.append("<h3>").append(esc(theme)).append("</h3>\n");
      for (String m : ms) {
        if (TrendSeries.series(byMeasure.get(m), "Total").isEmpty()) continue;
        if (DURATION_MEASURES.contains(m)) continue; // in the durations section
        if (TrendSeries.breakdownValues(byMeasure.get(m)).isEmpty()) {
          figure(m, measureChart(m, "Total", m.equals("cla_starts_police_protection") ? PP_TARGET : null, "13% target"));
        } else {
          stackedFigure(m);
          table(m);
        }
      }
    }
    out.append("</section>\n");

    // durations
    section("durations", names[3]);
    boolean anyDur = false;
    for (String m : DURATION_MEASURES) {
      if (!has(m)) continue;
      anyDur = true;
      stackedFigure(m);
      table(m);
      if (m.equals("cpp_duration") && bench("cpp_duration", "24m+", Benchmarks.ENGLAND) != null) {
        figure(m, measureChart(m, "24m+", null, null));
      }
    }
    if (!anyDur) out.append("<p>No duration measures in this run.</p>");
    out.append("</section>\n");

    // neglect
    section("neglect", names[4]);
    List<String> neg = measuresOf(Themes.NEGLECT);
    if (neg.isEmpty()) out.append("<p>No neglect measures in this run.</p>");
    for (String m : neg) if (!TrendSeries.series(byMeasure.get(m), "Total").isEmpty()) figure(m, measureChart(m, "Total", null, null));
    out.append("</section>\n");

    // police protection
    section("police-protection", names[5]);
    if (has("cla_starts_police_protection")) {
      figure("cla_starts_police_protection", measureChart("cla_starts_police_protection", "Total", PP_TARGET, "13% target"));
    } else out.append("<p>No police-protection measures in this run.</p>");
    for (String m : List.of("pp_returned_home_14d", "pp_l1_over_72h", "pp_sibling_groups", "pp_out_of_hours")) {
      if (has(m) && !TrendSeries.series(byMeasure.get(m), "Total").isEmpty()) figure(m, measureChart(m, "Total", null, null));
    }
    out.append("</section>\n");

    // recommendations
    section("recommendations", names[6]);
    out.append("<table><thead><tr><th>Recommendation</th><th>Measure</th><th>Previous</th><th>Latest</th><th>Direction of travel</th></tr></thead><tbody>");
    for (Map.Entry<String, List<String>> rec : recommendations.entrySet()) {
      boolean first = true;
      for (String m : rec.getValue()) {
        out.append("<tr>");
        if (first) out.append("<td rowspan=\"").append(rec.getValue().size()).append("\">").append(esc(rec.getKey())).append("</td>");
        first = false;
        TreeMap<String, Row> s = TrendSeries.series(byMeasure.get(m), "Total");
        s.values().removeIf(r -> r.valueAsDouble() == null);
        String u = unit(m);
        out.append("<td>").append(esc(title(m))).append(" <code>").append(esc(m)).append("</code></td>");
        if (s.isEmpty()) {
          out.append("<td colspan=\"3\" class=\"na\">not measured in this run (needs the local tracker)</td>");
        } else {
          Map.Entry<String, Row> last = s.lastEntry(), prev = s.lowerEntry(s.lastKey());
          double v = last.getValue().valueAsDouble();
          out.append("<td>").append(prev == null ? "" : esc(TrendSeries.format(prev.getValue().valueAsDouble(), u) + " (" + TrendSeries.label(prev.getKey()) + ")"))
              .append("</td><td>").append(esc(TrendSeries.format(v, u) + " (" + TrendSeries.label(last.getKey()) + ")")).append("</td><td>");
          if (prev == null) out.append("first year");
          else {
            double p = prev.getValue().valueAsDouble();
            out.append(v > p ? "&#9650; up" : v < p ? "&#9660; down" : "&#9654; unchanged");
          }
          out.append("</td>");
        }
        out.append("</tr>");
      }
    }
    out.append("</tbody></table></section>\n");

    // data quality
    section("data-quality", names[7]);
    JsonNode q = manifest.path("quarantine_by_rule");
    if (q.isObject() && q.size() > 0) {
      out.append("<table><thead><tr><th>Table</th><th>Rule</th><th class=\"n\">Rows quarantined</th></tr></thead><tbody>");
      for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> t = it.next();
        for (Iterator<Map.Entry<String, JsonNode>> r = t.getValue().fields(); r.hasNext();) {
          Map.Entry<String, JsonNode> rule = r.next();
          out.append("<tr><td>").append(esc(t.getKey())).append("</td><td>").append(esc(rule.getKey()))
              .append("</td><td class=\"n\">").append(esc(String.format(Locale.UK, "%,d", rule.getValue().asLong()))).append("</td></tr>");
        }
      }
      out.append("</tbody></table>");
    } else out.append("<p>No rows were quarantined (or the manifest has no <code>quarantine_by_rule</code>).</p>");
    Map<String, Integer> statuses = new TreeMap<>();
    for (JsonNode in : manifest.path("inputs")) statuses.merge(text(in, "status"), 1, Integer::sum);
    if (!statuses.isEmpty()) {
      out.append("<p>Input files: ");
      List<String> parts = new ArrayList<>();
      statuses.forEach((k, v) -> parts.add(v + " " + k));
      out.append(esc(String.join(", ", parts))).append(".</p>");
    }
    out.append("</section>\n");

    // manifest
    section("manifest", names[8]);
    out.append("<dl class=\"kv\">");
    for (String k : List.of("run_id", "started_at", "finished_at", "code_version")) {
      out.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(text(manifest, k))).append("</dd>");
    }
    out.append("</dl>");
    if (manifest.path("parameters").isObject() && manifest.path("parameters").size() > 0) {
      out.append("<h3>Parameters</h3><table><tbody>");
      for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("parameters").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> p = it.next();
        out.append("<tr><th>").append(esc(p.getKey())).append("</th><td>").append(esc(p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString())).append("</td></tr>");
      }
      out.append("</tbody></table>");
    }
    jsonTable("Inputs", manifest.path("inputs"), List.of("path", "sha256", "bytes", "rows", "status", "reason"));
    jsonTable("Tables", manifest.path("tables"), List.of("name", "layer", "rows_in", "rows_written", "rows_quarantined", "rows_duplicate", "delta_version"));
    jsonTable("Stages", manifest.path("stages"), List.of("name", "seconds"));
    out.append("</section>\n");
    out.append("<footer>Generated by csc-lakehouse from the run manifest above; every figure can be regenerated from it.</footer>\n");
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  static final List<String> DURATION_MEASURES = List.of("cin_plan_duration", "cpp_duration", "cin_open_duration");

  /** A distribution measure as 100% stacked bars of its breakdown shares, one bar per year with data. */
  private void stackedFigure(String m) {
    List<Row> rs = byMeasure.get(m);
    List<String> bands = TrendSeries.breakdownValues(rs).stream().filter(b -> !Suppression.NON_ADDITIVE.contains(b)).toList();
    List<Integer> present = new ArrayList<>();
    for (int p = 0; p < periods.size(); p++) if (TrendSeries.series(rs, "Total").containsKey(periods.get(p))) present.add(p);
    Double[][] v = new Double[present.size()][bands.size()];
    for (int k = 0; k < bands.size(); k++) {
      List<Double> vals = values(m, bands.get(k));
      for (int i = 0; i < present.size(); i++) v[i][k] = vals.get(present.get(i));
    }
    List<String> presentLabels = present.stream().map(p -> TrendSeries.label(periods.get(p))).toList();
    String dim = rs.stream().filter(r -> !r.isTotal()).map(Row::breakdown).findFirst().orElse("breakdown").replace('_', ' ');
    out.append("<figure class=\"measure\">").append(SvgChart.stacked("chart-" + (++chartNo),
        title(m) + ": share by " + dim + " (%)", presentLabels, bands, v, "trends.csv " + m))
        .append("<figcaption><code>").append(esc(m)).append("</code> ")
        .append(esc(catalogue.containsKey(m) ? catalogue.get(m).definition() : ""))
        .append(" Suppressed shares (c) are left out of the bar.</figcaption></figure>\n");
  }

  private List<String> measuresOf(String theme) {
    List<String> ms = new ArrayList<>();
    for (String m : byMeasure.keySet()) {
      MeasureDefinitionLike d = catalogue.get(m);
      if (d != null && theme.equals(d.theme())) ms.add(m);
    }
    return ms;
  }

  private void section(String id, String name) {
    out.append("<section id=\"").append(id).append("\"><h2>").append(esc(name)).append("</h2>\n");
  }

  /** A table of a measure's rows by period (rows) and breakdown value (columns). */
  private void table(String measureId) {
    List<Row> rs = byMeasure.get(measureId);
    List<String> cols = new ArrayList<>();
    cols.add("Total");
    cols.addAll(TrendSeries.breakdownValues(rs));
    out.append("<table class=\"data\"><caption>").append(esc(title(measureId))).append(" <code>").append(esc(measureId))
        .append("</code></caption><thead><tr><th>Year</th>");
    for (String c : cols) out.append("<th class=\"n\">").append(esc(c)).append("</th>");
    out.append("</tr></thead><tbody>");
    for (String p : periods) {
      if (!TrendSeries.series(rs, "Total").containsKey(p)) continue;
      out.append("<tr><th>").append(esc(TrendSeries.label(p))).append("</th>");
      for (String c : cols) {
        Row r = TrendSeries.series(rs, c).get(p);
        String cell = r == null ? "" : r.value().equals(Suppression.MARK) ? "c"
            : TrendSeries.format(r.valueAsDouble(), r.unit()) + (r.isTotal() || r.numerator().isEmpty() ? "" : " (" + r.numerator() + ")");
        out.append("<td class=\"n\">").append(esc(cell)).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table>\n");
  }

  private void jsonTable(String caption, JsonNode arr, List<String> cols) {
    if (!arr.isArray() || arr.isEmpty()) return;
    out.append("<h3>").append(esc(caption)).append("</h3><table class=\"data\"><thead><tr>");
    for (String c : cols) out.append("<th>").append(esc(c)).append("</th>");
    out.append("</tr></thead><tbody>");
    for (JsonNode n : arr) {
      out.append("<tr>");
      for (String c : cols) {
        String v = text(n, c);
        out.append("<td").append(c.equals("sha256") ? " class=\"hash\"" : "").append(">").append(esc(v)).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table>");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
  }

  static final String CSS = """
      body{font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#1b1b1b;margin:0 auto;max-width:1100px;padding:0 24px 40px;line-height:1.45}
      header{border-bottom:4px solid #1d3f73;padding:18px 0 8px}h1{margin:0;font-size:28px;color:#1d3f73}
      .sub{margin:4px 0;color:#444}.note{font-size:13px;color:#555}
      nav ol{columns:3;font-size:14px;padding-left:20px}nav a{color:#1d3f73}
      h2{color:#1d3f73;border-bottom:1px solid #c8d1e0;padding-bottom:4px;margin-top:32px}h3{margin:22px 0 6px}
      ul.headlines li{margin:6px 0;font-size:16px}
      figure.measure{margin:14px 0 22px;break-inside:avoid;page-break-inside:avoid}
      figcaption{font-size:13px;color:#444;max-width:720px}
      svg.chart{width:100%;max-width:720px;height:auto;background:#fff;border:1px solid #e2e6ee}
      svg .ct{font-size:14px;font-weight:600;fill:#1b1b1b}svg .yt{font-size:11px;text-anchor:end;fill:#333}
      svg .xt{font-size:11px;text-anchor:middle;fill:#333}svg .yl{font-size:11px;text-anchor:middle;fill:#555}
      svg .lg{font-size:11px;fill:#333}svg .src{font-size:10px;fill:#666}svg .bl{font-size:10px;fill:#fff;text-anchor:middle}
      svg .grid{stroke:#e6e6e6;stroke-width:1}svg .axis{stroke:#555;stroke-width:1}
      table{border-collapse:collapse;margin:10px 0;font-size:13px}th,td{border:1px solid #d0d5de;padding:4px 8px;text-align:left;vertical-align:top}
      thead th{background:#eef2f8}td.n,th.n{text-align:right}td.na{color:#777;font-style:italic}
      td.hash{font-family:Consolas,monospace;font-size:11px;word-break:break-all}caption{text-align:left;font-weight:600;padding:4px 0}
      code{font-family:Consolas,"Courier New",monospace;font-size:12px;background:#f3f5f9;padding:0 3px}
      dl.kv{display:grid;grid-template-columns:160px 1fr;gap:2px 12px}dl.kv dt{font-weight:600}
      footer{margin-top:40px;font-size:12px;color:#666;border-top:1px solid #ccc;padding-top:8px}
      @page{size:A4;margin:14mm}
      @media print{nav{display:none}body{max-width:none;padding:0}section{break-before:page;page-break-before:always}
      section#headlines{break-before:auto;page-break-before:auto}svg.chart{border:none}a{color:inherit;text-decoration:none}}
      """;
}
