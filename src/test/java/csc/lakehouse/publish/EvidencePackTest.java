package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        List<TrendRow> rows = Suppression.apply(TrendsFile.read(resource("/publish/trends-sample.csv")));
        Benchmarks b = Benchmarks.load(resource("/benchmarks"), "E09000002");
        String manifest = Files.readString(resource("/publish/manifest-sample.json"));
        String html = EvidencePack.render(rows, PublishedCatalogue.get(), b, manifest);
        // kept for jobs/render-evidence-pack.sh and for looking at
        Path out = Path.of("target", "evidence-pack-sample", "evidence-pack.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
        return html;
    }

    /**
     * A breakdown value the catalogue marks non_additive (referrals_by_source's "Health services", which repeats
     * 3A-3F) stays in the measure's table but is not a slice of its 100% stacked bar. By hand: 2023-24 has 2A 40%,
     * 6 60% and Health services 25% (of the same 100 referrals); the bar shows 2A and 6 only.
     */
    @Test
    void aNonAdditiveGroupIsNotASliceOfTheStackedBar() throws Exception {
        String head = "measure_id,time_period,time_identifier,period_start,period_end,geographic_level,new_la_code,la_name,"
                + "breakdown,breakdown_value,numerator,denominator,value,unit\n";
        StringBuilder csv = new StringBuilder(head);
        for (String y : new String[]{"202223", "202324"}) {
            String p = y + ",Reporting year," + (Integer.parseInt(y.substring(0, 4)) + 1) + "-03-31,"
                    + (Integer.parseInt(y.substring(0, 4)) + 1) + "-03-31,Local authority,E09000002,Barking and Dagenham,";
            csv.append("referrals_by_source,").append(p).append("Total,Total,100,,100,count\n");
            csv.append("referrals_by_source,").append(p).append("referral_source,2A,40,100,40.0,percent\n");
            csv.append("referrals_by_source,").append(p).append("referral_source,6,60,100,60.0,percent\n");
            csv.append("referrals_by_source,").append(p).append("referral_source,Health services,25,100,25.0,percent\n");
        }
        Path f = Files.createTempFile("trends-nonadditive", ".csv");
        Files.writeString(f, csv.toString(), StandardCharsets.UTF_8);
        String html = EvidencePack.render(TrendsFile.read(f), PublishedCatalogue.get(),
                Benchmarks.load(resource("/benchmarks"), "E09000002"), Files.readString(resource("/publish/manifest-sample.json")));
        Matcher bar = Pattern.compile("<svg[^>]*>(?:(?!</svg>).)*share by referral source(?:(?!</svg>).)*</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(bar.find(), "the stacked bar of referrals_by_source");
        assertTrue(bar.group().contains(">2A<") && bar.group().contains(">6<"), "2A and 6 are slices");
        assertFalse(bar.group().contains("Health services"), "the non-additive group is not a slice");
        assertTrue(html.substring(bar.end()).contains("Health services"), "the group stays in the table");
    }

    /**
     * A breakdown with more columns than a printed page holds continues in a further table, the years repeated.
     * By hand: Total + 22 codes with children = 23 columns -> tables of 10, 10 and 3 columns, the second and third
     * captioned "(continued)"; the codes in the code list's order, so "10" is in the third table.
     */
    @Test
    void aLongBreakdownContinuesInAFurtherTable() throws Exception {
        String[] codes = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C",
                "5D", "6", "7", "8", "9", "10"};
        StringBuilder csv = new StringBuilder("measure_id,time_period,time_identifier,period_start,period_end,geographic_level,"
                + "new_la_code,la_name,breakdown,breakdown_value,numerator,denominator,value,unit\n");
        String p = "202324,Reporting year,2024-03-31,2024-03-31,Local authority,E09000002,Barking and Dagenham,";
        csv.append("referrals_by_source,").append(p).append("Total,Total,220,,220,count\n");
        for (String c : new java.util.TreeSet<>(List.of(codes)))   // sorted as trends.csv is: "10" before "1A"
            csv.append("referrals_by_source,").append(p).append("referral_source,").append(c).append(",10,220,4.5,percent\n");
        Path f = Files.createTempFile("trends-wide", ".csv");
        Files.writeString(f, csv.toString(), StandardCharsets.UTF_8);
        String html = EvidencePack.render(TrendsFile.read(f), PublishedCatalogue.get(),
                Benchmarks.load(resource("/benchmarks"), "E09000002"), Files.readString(resource("/publish/manifest-sample.json")));
        Matcher t = Pattern.compile("<table class=\"data\"><caption>Referrals by source[^<]*</caption><thead><tr>(.*?)</tr></thead>").matcher(html);
        List<Integer> widths = new java.util.ArrayList<>();
        List<String> captions = new java.util.ArrayList<>();
        while (t.find()) {
            widths.add(t.group(1).split("<th class=\"n\">", -1).length - 1);
            captions.add(t.group());
        }
        assertEquals(List.of(10, 10, 3), widths, "columns per table");
        // the code list's order, not the CSV's sorted one ("10" last, not before "1A")
        assertTrue(captions.get(0).indexOf(">1A<") < captions.get(0).indexOf(">1B<") && captions.get(2).contains(">10<"),
                captions.toString());
        assertFalse(captions.get(0).contains("(continued)"));
        assertTrue(captions.get(1).contains("(continued)") && captions.get(2).contains("(continued)"));
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
    void headlineSentencesUseLatestValuesComparatorsAndTargets() throws Exception {
        String html = samplePage();
        // 52 of 203 = 25.6% in 2024-25, 40 of 182 = 22.0% the year before; England 2,920 of 32,270 = 9.0% (national
        // CLA starts by legal status); target 13% (lower is better): not met.
        assertTrue(html.contains("25.6% of children who came into care in 2024-25 came in under police protection, up from 22.0% in 2023-24."
                + " In 2024-25, the figure was 25.6% here, against 9.0% for England. The target is 13.0%: not met."), html);
        // CIN rate 2,578 / 66,465 = 387.9; England 330.3 in the same year (b1 extract): "per 10,000" said once
        assertTrue(html.contains("On 31 March 2025, 387.9 in every 10,000 children were children in need, up from 373.5 in 2023-24."
                + " In 2024-25, the figure was 387.9 here, against 330.3 for England"), html);
        assertFalse(html.contains("per 10,000 per 10,000"));
        // re-referrals 21.8% in 2024-25 (higher is worse) among the 11 other LAs of the c1 extract (13.1 14.9 18.4
        // 18.5 18.9 19.1 19.8 20.7 20.7 | 22.6 27.2): 9 lower -> 10th of 12, band floor(9 x 4 / 12) = 3 -> D
        assertTrue(html.contains("That ranks 10th of 12 councils with a published figure (quartile band D, A the best quarter)."), html);
        // the CIN rate has no better direction (neutral): no rank
        int cin = html.indexOf("On 31 March 2025, 387.9 in every 10,000 children were children in need");
        assertFalse(html.substring(cin, html.indexOf('<', cin)).contains("ranks"));
        // population: a sentence with a verb, not "Children aged 0-17 were 66,973"
        assertTrue(html.contains("Barking and Dagenham had 66,465 children aged 0 to 17 in 2024-25, up from 64,907 in 2023-24."), html);
        // the long-CIN-plan headline: 38 of 459 = 8.3% on a plan for 24 months or more
        assertTrue(html.contains("8.3% of children on a child in need plan had been on it for 2 years or more in 2024-25"), html);
    }

    @Test
    void summaryTableComesFirstWithOneRowPerHeadline() throws Exception {
        String html = samplePage();
        int summary = html.indexOf("<section id=\"summary\">"), next = html.indexOf("<section", summary + 1);
        assertTrue(summary > 0 && summary == html.indexOf("<section"), "the summary is the first section");
        String table = html.substring(summary, next);
        // police protection row: latest 25.6%, up from 22.0% and lower is better: worse; target 13.0% not met
        assertTrue(table.contains("<th>Care entries under police protection</th><td class=\"n\">25.6% <span class=\"yr\">2024-25</span></td>"
                + "<td>\u25B2 up, worse</td>"), table);
        assertTrue(table.contains("<td class=\"n\">13.0%</td><td>not met</td>"), table);
        // CIN rate row: comparison year 2024-25, England 330.3
        assertTrue(table.contains("<td>2024-25</td><td class=\"n\">387.9</td><td class=\"n\">330.3</td>"), table);
    }

    @Test
    void bandsInNaturalOrderAndAllZeroColumnsDropped() throws Exception {
        String html = samplePage();
        int at = html.indexOf("<caption>Children on CIN plans");
        assertTrue(at > 0, "the CIN plan duration table is drawn");
        String head = html.substring(at, html.indexOf("</thead>", at));
        assertTrue(head.indexOf("&lt;9m") < head.indexOf("9-&lt;12m") && head.indexOf("9-&lt;12m") < head.indexOf("12-&lt;24m")
                && head.indexOf("12-&lt;24m") < head.indexOf("24m+"), head);
        assertEquals(List.of("<9m", "9-<12m", "12-<24m", "24m+"), TrendSeries.naturalOrder(List.of("12-<24m", "24m+", "9-<12m", "<9m")));
        // legal status V2 and a code 0 in every year: Z9 is 0 of 201 in each year it appears, so its column goes
        List<TrendRow> rows = List.of(
                r("cla_starts_legal_status", "202324", "Total", "Total", "", "", "10", "count"),
                r("cla_starts_legal_status", "202324", "legal_status", "C1", "6", "10", "60.0", "percent"),
                r("cla_starts_legal_status", "202324", "legal_status", "Z9", "0", "10", "0.0", "percent"),
                r("cla_starts_legal_status", "202425", "Total", "Total", "", "", "0", "count"),
                r("cla_starts_legal_status", "202425", "legal_status", "C1", "0", "0", "", "percent"),
                r("cla_starts_legal_status", "202425", "legal_status", "Z9", "0", "0", "", "percent"));
        String page = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}");
        String t = page.substring(page.indexOf("<table class=\"data\">"), page.indexOf("</table>", page.indexOf("<table class=\"data\">")));
        assertFalse(t.contains(">Z9<"), t);
        // 6 of 10 = 60.0%; 0 of 0 is a dash, never "0.0% (0)"
        assertTrue(t.contains("60.0% (6)"), t);
        assertTrue(t.contains("<td class=\"n\">\u2013</td>"), t);
        assertFalse(page.contains("0.0% (0)"));
        // the code is explained in the glossary from the code list
        assertTrue(page.contains("<dt>C1</dt><dd>Interim care order (legal status)</dd>"), page.substring(page.indexOf("id=\"glossary\"")));
    }

    @Test
    void xAxisEndsAtTheLatestPlottedYearAndSuppressedYearsAreMarked() {
        // referrals in 2022-23..2024-25 with 2023-24 suppressed; a projection to 2028-29 is not plotted
        List<TrendRow> rows = List.of(
                r("referrals", "202223", "Total", "Total", "", "", "30", "count"),
                r("referrals", "202324", "Total", "Total", "", "", "c", "count"),
                r("referrals", "202425", "Total", "Total", "", "", "40", "count"),
                r("demand_projection", "202829", "series", "referrals", "", "", "55", "count"));
        String page = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}");
        String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>") + 6);
        assertTrue(svg.contains(">2024-25</text>"), svg);
        assertFalse(svg.contains("2028-29"), svg);
        assertTrue(svg.contains("class=\"sup\""), "the suppressed year is marked c");
        assertTrue(svg.contains("2023-24: suppressed (c)"));
    }

    @Test
    void recommendationsComeFromTheConfigurationWithTargetsAndTolerance() {
        PublishConfig cfg = new PublishConfig(List.of(), Map.of(), Map.of(),
                List.of(new PublishConfig.Recommendation("R9", "Timely visits", List.of("supervision_4wk", "supervision_8wk"))),
                Map.of("supervision_4wk", new PublishConfig.Target(80.0, true, null),
                        "supervision_8wk", new PublishConfig.Target(90.0, true, null)), 0.1);
        List<TrendRow> rows = List.of(
                // 81.1 then 81.0: a change of 0.1, within the tolerance: about the same; 81.0 >= 80 met
                r("supervision_4wk", "202324", "Total", "Total", "", "", "81.1", "percent"),
                r("supervision_4wk", "202425", "Total", "Total", "", "", "81.0", "percent"),
                // previous year suppressed: shown as c, not the year before it
                r("supervision_8wk", "202223", "Total", "Total", "", "", "70.0", "percent"),
                r("supervision_8wk", "202324", "Total", "Total", "", "", "c", "percent"),
                r("supervision_8wk", "202425", "Total", "Total", "", "", "88.0", "percent"));
        String page = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}", cfg);
        String recs = page.substring(page.indexOf("<section id=\"recommendations\">"), page.indexOf("<section id=\"data-quality\">"));
        assertTrue(recs.contains("R9. Timely visits"), recs);
        assertTrue(recs.contains("81.1% (2023-24)</td><td class=\"n\">81.0% (2024-25)</td><td class=\"n\">80.0%</td><td>met</td><td>\u25B6 about the same</td>"), recs);
        assertTrue(recs.contains("c (2023-24)</td><td class=\"n\">88.0% (2024-25)</td><td class=\"n\">90.0%</td><td>not met</td><td>not comparable (c)</td>"), recs);
        assertFalse(recs.contains("70.0%"), "the year before the previous is never shown as last year's value");
    }

    /** Issue 18: the data-quality section counts each return against the case-management system (the sample manifest's). */
    @Test
    void theDataQualitySectionCountsEachReturnAgainstTheSystem() throws Exception {
        String page = samplePage();
        String dq = page.substring(page.indexOf("<section id=\"data-quality\">"));
        assertTrue(dq.contains("<h3>Returns against the case-management system</h3>"), dq);
        assertTrue(dq.contains("<tr><td class=\"nw\">2023-24</td><td class=\"nw\">cin referral</td><td class=\"n\">1,204</td><td class=\"n\">3</td>"
                + "<td class=\"n\">1</td><td class=\"n\">5</td><td>closure date 4, referral source 1</td></tr>"), dq);
        // without an SSD extract there is nothing to compare: no such heading
        assertFalse(EvidencePack.render(List.of(), PublishedCatalogue.get(), null, "{}").contains("case-management system</h3>"));
    }

    /** Issue 18: the SSD's case-level history has a part of the trends section, sourced to the extract, only when present. */
    @Test
    void theSsdCaseHistoryIsChartedOnlyWhenTheDropHeldAnExtract() {
        List<TrendRow> rows = List.of(r("ssd_cp_visits_in_timescale", "202324", "Total", "Total", "90", "100", "90.0", "percent"),
                r("ssd_cp_visits_in_timescale", "202425", "Total", "Total", "93", "100", "93.0", "percent"));
        String page = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}");
        String trends = page.substring(page.indexOf("<section id=\"trends\">"), page.indexOf("<section id=\"national-framework\">"));
        assertTrue(trends.contains("<h3>" + MeasureDefinitionLike.Themes.CASE_HISTORY + "</h3>"), trends);
        assertTrue(trends.contains("Source: the council&#39;s SSD extract") || trends.contains("Source: the council's SSD extract"), trends);
        String none = EvidencePack.render(List.of(r("referrals", "202425", "Total", "Total", "", "", "12", "count")),
                PublishedCatalogue.get(), null, "{}");
        assertFalse(none.contains(MeasureDefinitionLike.Themes.CASE_HISTORY));
    }

    /** Issue 18: the latest figure of a recommendation's measure says where it came from (the gold row's note). */
    @Test
    void theRecommendationsTableNamesEachLatestFiguresSource() {
        assertEquals("SSD extract", EvidencePack.sourceOf("part year: 2023-24 to date; source: SSD extract, ssd_s47_enquiry start date"));
        assertEquals("local tracker caseloads", EvidencePack.sourceOf("source: local tracker caseloads as at 2024-01-31; children per FTE"));
        assertEquals("local tracker", EvidencePack.sourceOf("source: local tracker strategy_discussions"));
        assertEquals("CIN census", EvidencePack.sourceOf("source: CIN census S47ActualStartDate - CINreferralDate, the first S47"));
        assertEquals("SSDA903 periods of care", EvidencePack.sourceOf("source: SSDA903 periods of care and the local tracker permanence_planning"));
        assertEquals("SSDA903 reviews", EvidencePack.sourceOf("source: SSDA903 reviews of PERMANENCE_PLAN"));
        assertNull(EvidencePack.sourceOf("population vintage 2024"));
        PublishConfig cfg = new PublishConfig(List.of(), Map.of(), Map.of(),
                List.of(new PublishConfig.Recommendation("R1", "Timeliness of strategy meetings", List.of("strategy_discussion_in_timescale"))),
                Map.of(), 0.1);
        List<TrendRow> rows = List.of(r("strategy_discussion_in_timescale", "202324", "Total", "Total", "", "", "60.0", "percent"),
                r("strategy_discussion_in_timescale", "202425", "Total", "Total", "", "", "71.7", "percent"));
        Map<String, String> notes = Map.of(
                EvidencePack.noteKey("strategy_discussion_in_timescale", "202425", "E09000002"), "source: SSD extract, ssd_s47_enquiry start date",
                EvidencePack.noteKey("strategy_discussion_in_timescale", "202324", "E09000002"), "source: local tracker strategy_discussions");
        String page = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}", cfg, notes);
        String recs = page.substring(page.indexOf("<section id=\"recommendations\">"), page.indexOf("<section id=\"data-quality\">"));
        assertTrue(recs.contains("71.7% (2024-25)<br><span class=\"yr\">source: SSD extract</span></td>"), recs);
        // without notes (a pack rendered from trends.csv alone) nothing is claimed
        String bare = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}", cfg);
        assertFalse(bare.contains("source: SSD extract"));
    }

    @Test
    void warningsAreShownAndNoLocalPathOrManifestDetailIsPrinted() {
        String manifest = "{\"run_id\":\"r1\",\"parameters\":{\"key\":\"/home/ann/.csc-lakehouse/demo.key\",\"out\":\"/tmp/x/out\"},"
                + "\"inputs\":[{\"path\":\"/tmp/drop/annex_a/AnnexA.xlsx\",\"sha256\":\"abc123\",\"status\":\"ingested\"}],"
                + "\"warnings\":[{\"file\":\"/tmp/drop/annex_a/AnnexA.xlsx\",\"message\":\"sheet 'List 7': required heading(s) missing; sheet ignored\"}],"
                + "\"warnings_by_rule\":{\"cla_episode_warnings\":{\"361\":67}}}";
        String page = EvidencePack.render(List.of(r("referrals", "202425", "Total", "Total", "", "", "12", "count")),
                PublishedCatalogue.get(), null, manifest);
        assertTrue(page.contains("<td>AnnexA.xlsx</td><td>sheet &#39;List 7&#39;: required heading(s) missing; sheet ignored</td>"), page);
        assertTrue(page.contains("validation rule 361"));
        assertTrue(page.contains(">67<"));
        assertFalse(page.contains("/tmp/"), "no temporary folder");
        assertFalse(page.contains("demo.key"), "no pseudonym key path");
        assertFalse(page.contains("abc123"), "no checksums: the manifest is a separate file");
        assertTrue(page.contains("<dt>Finished</dt><dd>2"), "finished is filled");
        assertEquals("see AnnexA.xlsx and C.csv on 12/03/2024", EvidencePack.noPaths("see /tmp/drop/AnnexA.xlsx and C:\\Users\\a\\C.csv on 12/03/2024"));
    }

    @Test
    void captionsArePlainEnglish() throws Exception {
        String html = samplePage();
        Matcher m = Pattern.compile("<(figcaption|caption)>(.*?)</\\1>", Pattern.DOTALL).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
            String c = m.group(2);
            assertFalse(c.contains("`") || c.contains("<code>"), c);
            assertFalse(c.matches("(?s).*\\b[a-z]+_[a-z0-9_]+\\b.*"), "an internal id in a caption: " + c);
            assertFalse(c.contains("--"), c);
            assertFalse(c.matches("(?s).*\\brule \\d+.*"), c);
        }
        assertTrue(n >= 10, "captions: " + n);
        // no chart is drawn twice
        Matcher t = Pattern.compile("<title id=\"chart-\\d+-t\">([^<]*)</title>").matcher(html);
        Set<String> titles = new java.util.HashSet<>();
        while (t.find()) assertTrue(titles.add(t.group(1)), "chart drawn twice: " + t.group(1));
    }

    /*
      * The council's reported figures in the recommendations section: strategy discussions in timescale, reported 70%
      * for 2023-24 to date (2023-04-01 to 2024-01-31); the pack's year-to-date row (As at 2024-01-31 from 1 April) is
      * 71.0% -> "+1.4%" ((71 - 70) / 70 = 1.43%); the whole year 2023-24 (60.0%) is never the one shown beside it.
      */
    @Test
    void reportedFiguresStandBesideTheSamePeriod() {
        PublishConfig cfg = new PublishConfig(List.of(), Map.of(), Map.of(), List.of(), Map.of(), 0.1,
                List.of(new csc.lakehouse.measures.ReportedFigures.Figure("301", "Scrutiny report, April 2024",
                        "strategy_discussion_in_timescale", "Total", "year_to_date", java.time.LocalDate.of(2024, 1, 31), null, 70, false,
                        "over 70% held in timescale")));
        List<TrendRow> rows = List.of(
                r("strategy_discussion_in_timescale", "202324", "Total", "Total", "", "", "60.0", "percent"),
                new TrendRow("strategy_discussion_in_timescale", "2024-01-31", "As at date", "2023-04-01", "2024-01-31",
                        "Local authority", "E09000002", "Barking and Dagenham", "Total", "Total", "71", "100", "71.0", "percent"));
        String page = EvidencePack.render(rows, PublishedCatalogue.get(), null, "{}", cfg);
        String recs = page.substring(page.indexOf("<section id=\"recommendations\">"), page.indexOf("<section id=\"data-quality\">"));
        assertTrue(recs.contains("The council's reported figures beside these"), recs);
        assertTrue(recs.contains("<tr><th colspan=\"5\">Scrutiny report, April 2024</th></tr>"), recs);
        assertTrue(recs.contains("<td>2023-04-01 to 2024-01-31 (year to date)</td><td class=\"n\">70%<br><span class=\"yr\">over 70% held in timescale</span></td><td class=\"n\">71.0%</td><td class=\"n\">+1.4%</td>"), recs);
        assertFalse(recs.contains("60.0%"), "the whole year is not the reported period");
    }

    static TrendRow r(String m, String period, String breakdown, String value, String num, String den, String v, String unit) {
        String start = period.substring(0, 4) + "-04-01", end = (Integer.parseInt(period.substring(0, 4)) + 1) + "-03-31";
        return new TrendRow(m, period, "Reporting year", start, end, "Local authority", "E09000002", "Barking and Dagenham",
                breakdown, value, num, den, v, unit);
    }

    @Test
    void textIsEscaped() {
        Map<String, MeasureDefinitionLike> cat = Map.of("referrals",
                MeasureDefinitionLike.of("Referrals <b>&", "Front door", "a \"quoted\" <script>alert(1)</script>", "count"));
        List<TrendRow> rows = List.of(new TrendRow("referrals", "202425", "Reporting year", "2024-04-01",
                "2025-03-31", "Local authority", "E09000002", "<Borough>", "Total", "Total", "", "", "12", "count"));
        String html = EvidencePack.render(rows, cat, null, "{\"run_id\":\"<x>\"}");
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<Borough>"));
        assertTrue(html.contains("&lt;Borough&gt;"));
        assertBalanced(html);
    }

    static final Set<String> VOID = Set.of("meta", "br", "wbr", "hr", "img", "input", "link", "line", "circle", "rect", "path", "col");

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

    @Test
    void theNationalFrameworkSectionListsAllSixtyEightIndicators() throws Exception {
        String html = samplePage();
        int at = html.indexOf("<section id=\"national-framework\">");
        String section = html.substring(at, html.indexOf("</section>", at));
        assertEquals(68, section.split("<tr><td class=\"n\">", -1).length - 1, "one row per dashboard indicator");
        // row 2, re-referrals: 21.8% in 2024-25, the two years before, and the c1 extract's comparators for 2024-25
        // (England 22.6%, London 19.4%, neighbours' mean 19.4% and median 19.0%, band D: 10th of 12, as above)
        int r2 = section.indexOf("<tr><td class=\"n\">2</td>");
        String row2 = section.substring(r2, section.indexOf("</tr>", r2));
        assertTrue(row2.contains("21.8% <span class=\"yr\">2024-25</span>"), row2);
        assertTrue(row2.contains("2024-25: published for the council 21.8% (here the same); England 22.6%; London 19.4%; "
                + "neighbours 19.4% (median 19.0%); band D (10th of 12)"), row2);
        // an indicator no return holds says why: row 56, the share of spend on children's services, points to its
        // note, which names the source that holds it
        int r56 = section.indexOf("<tr><td class=\"n\">56</td>");
        java.util.regex.Matcher note = java.util.regex.Pattern.compile("(?:Not computed|Published only) \\(note (\\d+)\\)")
                .matcher(section.substring(r56, section.indexOf("</tr>", r56)));
        assertTrue(note.find(), section.substring(r56, section.indexOf("</tr>", r56)));
        String notes = section.substring(section.indexOf("<ol class=\"notes\">"));
        assertTrue(notes.split("<li>")[Integer.parseInt(note.group(1))].contains("section 251"), notes);
        // the 15 school outcome rows (8-22) share one note
        int r8 = section.indexOf("<tr><td class=\"n\">8</td>");
        java.util.regex.Matcher school = java.util.regex.Pattern.compile("Published only \\(note \\d+\\)")
                .matcher(section.substring(r8, section.indexOf("</tr>", r8)));
        assertTrue(school.find());
        assertEquals(15, section.split(java.util.regex.Pattern.quote(school.group()), -1).length - 1);
        // none is blank: every row ends in a source or a reason
        for (String row : section.split("<tr><td class=\"n\">")) {
            if (!row.startsWith("<") && row.contains("</td>")) {
                String last = row.substring(row.lastIndexOf("<td>") + 4, row.lastIndexOf("</td>"));
                assertTrue(!last.isBlank(), "a row with no source or reason: " + row);
            }
        }
    }
}
