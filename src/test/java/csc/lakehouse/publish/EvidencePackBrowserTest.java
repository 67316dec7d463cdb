package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evidence pack as a committee member sees it: rendered and printed to A4 PDF by headless Chromium
 * (Debian's {@code chromium}, installed by .ci/run; no browser is downloaded) and the PDF read back with
 * poppler's {@code pdftotext}. The test fails, never skips, when either tool is missing. Screenshots and
 * the PDF are kept under target/browser/.
 */
class EvidencePackBrowserTest {
    static final Path DIR = Path.of("target", "browser");
    static String chromium;
    static Path html;
    static String dom;
    static List<String> pdfPages;

    static String tool(String... names) {
        String env = System.getenv("CSC_CHROMIUM");
        if (names[0].equals("chromium") && env != null && !env.isBlank()) return env;
        for (String n : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, n))) return Path.of(dir, n).toString();
            }
        }
        return fail(names[0] + " is not installed: apt-get install -y chromium poppler-utils (as .ci/run does)");
    }

    static String run(long timeoutSeconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), "failed: " + String.join(" ", cmd));
        return new String(out, StandardCharsets.UTF_8);
    }

    static List<String> chrome(String... args) {
        List<String> c = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + DIR.resolve("profile").toAbsolutePath()));
        c.addAll(List.of(args));
        return c;
    }

    @BeforeAll
    static void render() throws Exception {
        chromium = tool("chromium", "chromium-browser", "google-chrome");
        String pdftotext = tool("pdftotext");
        Files.createDirectories(DIR);
        // the sample borough plus a demand projection to 2028-29, which is never plotted on a trend chart
        List<TrendRow> rows = new ArrayList<>(TrendsFile.read(EvidencePackTest.resource("/publish/trends-sample.csv")));
        for (String p : List.of("202526", "202627", "202728", "202829")) {
            rows.add(EvidencePackTest.r("demand_projection", p, "series", "referrals", "", "", "4100", "count"));
        }
        String manifest = Files.readString(EvidencePackTest.resource("/publish/manifest-sample.json"));
        String page = EvidencePack.render(Suppression.apply(rows), PublishedCatalogue.get(),
                Benchmarks.load(EvidencePackTest.resource("/benchmarks"), "E09000002"), manifest);
        html = DIR.resolve("evidence-pack.html").toAbsolutePath();
        Files.writeString(html, page, StandardCharsets.UTF_8);
        String url = html.toUri().toString();
        dom = run(180, chrome("--dump-dom", url).toArray(String[]::new));
        run(180, chrome("--window-size=1200,1700", "--screenshot=" + DIR.resolve("evidence-pack-first-screen.png").toAbsolutePath(), url).toArray(String[]::new));
        run(180, chrome("--window-size=1200,9000", "--screenshot=" + DIR.resolve("evidence-pack-long.png").toAbsolutePath(), url).toArray(String[]::new));
        Path pdf = DIR.resolve("evidence-pack.pdf").toAbsolutePath();
        run(180, chrome("--no-pdf-header-footer", "--print-to-pdf=" + pdf, url).toArray(String[]::new));
        String text = run(60, pdftotext, "-layout", pdf.toString(), "-");
        pdfPages = List.of(text.split("\f"));
    }

    @Test
    void noChartXAxisRunsBeyondTheLatestPlottedYear() {
        Matcher svg = Pattern.compile("<svg class=\"chart\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
        int lineCharts = 0;
        while (svg.find()) {
            String s = svg.group(1);
            List<String> ticks = all(s, "<text [^>]*class=\"xt\"[^>]*>([^<]*)</text>");
            if (ticks.isEmpty()) continue; // stacked bars: years are the bars
            lineCharts++;
            String lastPlotted = "";
            for (String y : all(s, "<title>[^<]*?(\\d{4}-\\d{2})(?:: )[^<]*</title>")) if (y.compareTo(lastPlotted) > 0) lastPlotted = y;
            assertEquals(lastPlotted, ticks.get(ticks.size() - 1), "x-axis of " + first(s, "<title[^>]*>([^<]*)</title>"));
            assertFalse(s.contains("2028-29"), "a projection year on a trend chart");
        }
        assertTrue(lineCharts >= 10, "line charts rendered: " + lineCharts);
    }

    @Test
    void policeProtectionChartHasEnglandAndTheTarget() {
        String pp = first(dom, "(<svg class=\"chart\"[^>]*><title[^>]*>Starts under police protection.*?</svg>)");
        assertTrue(pp != null && pp.contains(">England</text>") && pp.contains(">Target 13.0%</text>"), String.valueOf(pp));
    }

    @Test
    void noTableIsEmpty() {
        Matcher t = Pattern.compile("<table[^>]*>(.*?)</table>", Pattern.DOTALL).matcher(dom);
        int n = 0;
        while (t.find()) {
            n++;
            String body = first(t.group(1), "<tbody>(.*?)</tbody>");
            assertTrue(body != null && body.contains("<td"), "an empty table: " + t.group(1).substring(0, Math.min(200, t.group(1).length())));
        }
        assertTrue(n >= 5, "tables: " + n);
    }

    @Test
    void noCaptionHoldsABacktickOrAPath() {
        Pattern path = Pattern.compile("(^|[\\s(\"'])(/[A-Za-z._~][^\\s]*/|[A-Za-z]:\\\\)");
        int n = 0;
        for (String c : all(dom, "<(?:figcaption|caption)>(.*?)</(?:figcaption|caption)>")) {
            n++;
            assertFalse(c.contains("`"), "backtick: " + c);
            assertFalse(path.matcher(c).find(), "path: " + c);
        }
        for (String src : all(dom, "<text [^>]*class=\"src\"[^>]*>([^<]*)</text>")) assertFalse(path.matcher(src).find(), src);
        assertTrue(n >= 10, "captions: " + n);
        assertFalse(dom.contains("/tmp/") || dom.contains("/home/") || dom.contains("/data/drops"), "a local path in the page");
    }

    @Test
    void printedPdfOpensWithAOnePageSummaryAndHasNoManifestPages() {
        String first = pdfPages.get(0);
        assertTrue(first.contains("At a glance"), first);
        // the last headline row and the note under the table are on page 1: the table is not split
        assertTrue(first.contains("Child population") && first.contains("c: suppressed to protect small numbers"), "the whole summary is on page 1: " + first);
        assertFalse(first.contains("Headline findings"), "page 1 holds the summary only");
        assertTrue(pdfPages.get(1).strip().startsWith("Headline findings"), "the next section starts a new page: " + pdfPages.get(1));
        for (int i = 0; i < pdfPages.size(); i++) {
            String p = pdfPages.get(i);
            assertFalse(Pattern.compile("\\b[0-9a-f]{32,}\\b").matcher(p).find(), "a checksum on page " + (i + 1));
            assertFalse(p.contains("sha256") || p.contains("Run manifest") || p.contains("delta_version"), "manifest detail on page " + (i + 1));
        }
        // 31 pages before issue 15's national framework section, whose 68 indicators take about four more
        assertTrue(pdfPages.size() < 38, "pages: " + pdfPages.size());
    }

    private static List<String> all(String s, String re) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(re, Pattern.DOTALL).matcher(s);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static String first(String s, String re) {
        Matcher m = Pattern.compile(re, Pattern.DOTALL).matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
