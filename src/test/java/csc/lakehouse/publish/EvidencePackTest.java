package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvidencePackTest {

  static Path resource(String name) throws Exception {
    return Path.of(EvidencePackTest.class.getResource(name).toURI());
  }

  static String samplePage() throws Exception {
    List<TrendsFile.Row> rows = Suppression.apply(TrendsFile.read(resource("/publish/trends-sample.csv")));
    Benchmarks b = Benchmarks.load(resource("/benchmarks"), "E09000002");
    String manifest = Files.readString(resource("/publish/manifest-sample.json"));
    String html = EvidencePack.render(rows, FallbackCatalogue.get(), b, manifest);
    // kept for jobs/render-evidence-pack.sh and for looking at
    Path out = Path.of("target", "evidence-pack-sample", "evidence-pack.html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, html, StandardCharsets.UTF_8);
    return html;
  }

  @Test
  void containsEverySection() throws Exception {
    String html = samplePage();
    for (String id : EvidencePack.SECTION_IDS) assertTrue(html.contains("<section id=\"" + id + "\">"), id);
  }

  @Test
  void hasNoExternalReferences() throws Exception {
    String html = samplePage();
    assertFalse(html.contains("http://"), "http:// found");
    assertFalse(html.contains("https://"), "https:// found");
    assertFalse(html.contains("@import"));
    assertFalse(Pattern.compile("url\\(", Pattern.CASE_INSENSITIVE).matcher(html).find());
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    Matcher m = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
    while (m.find()) assertTrue(m.group(1).startsWith("#"), "non-local reference " + m.group(1));
  }

  @Test
  void everyChartHasATitle() throws Exception {
    String html = samplePage();
    Matcher m = Pattern.compile("<svg[^>]*>(.{0,400})", Pattern.DOTALL).matcher(html);
    int charts = 0;
    while (m.find()) {
      charts++;
      assertTrue(m.group(1).startsWith("<title"), "chart without a title: " + m.group(0).substring(0, 80));
    }
    assertTrue(charts >= 10, "charts: " + charts);
  }

  @Test
  void tagsAreBalanced() throws Exception {
    assertBalanced(samplePage());
  }

  @Test
  void headlineSentencesUseLatestValuesAndBenchmarks() throws Exception {
    String html = samplePage();
    // 52 of 203 = 25.6%; England's 2025 share is not in the benchmark files, so no England clause
    assertTrue(html.contains("Care entries under police protection were 25.6% in 2024-25, above the 13% target"), html.substring(0, 100));
    // CIN rate 2,578 / 66,465 = 387.9; England 330.3 (b1 extract)
    assertTrue(html.contains("Children in need per 10,000 were 387.9 per 10,000 in 2024-25, above England&#39;s 330.3 per 10,000"));
  }

  @Test
  void textIsEscaped() {
    Map<String, MeasureDefinitionLike> cat = Map.of("referrals",
        MeasureDefinitionLike.of("Referrals <b>&", "Front door", "a \"quoted\" <script>alert(1)</script>", "count"));
    List<TrendsFile.Row> rows = List.of(new TrendsFile.Row("referrals", "202425", "Reporting year", "2024-04-01",
        "2025-03-31", "Local authority", "E09000002", "<Borough>", "Total", "Total", "", "", "12", "count"));
    String html = EvidencePack.render(rows, cat, null, "{\"run_id\":\"<x>\"}");
    assertFalse(html.contains("<script>"));
    assertFalse(html.contains("<Borough>"));
    assertTrue(html.contains("&lt;Borough&gt;"));
    assertBalanced(html);
  }

  static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "line", "circle", "rect", "path", "col");

  static void assertBalanced(String html) {
    Deque<String> stack = new ArrayDeque<>();
    Matcher m = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(/?)>").matcher(html.replaceAll("(?s)<style>.*?</style>", "<style></style>"));
    while (m.find()) {
      String name = m.group(2).toLowerCase();
      boolean close = !m.group(1).isEmpty(), self = !m.group(4).isEmpty();
      if (self || (!close && VOID.contains(name) && !name.equals("line") && !name.equals("circle") && !name.equals("rect") && !name.equals("path"))) continue;
      if (!close) stack.push(name);
      else {
        assertFalse(stack.isEmpty(), "unexpected </" + name + ">");
        assertEquals(stack.pop(), name, "mismatched </" + name + ">");
      }
    }
    assertTrue(stack.isEmpty(), "unclosed: " + stack);
  }
}
