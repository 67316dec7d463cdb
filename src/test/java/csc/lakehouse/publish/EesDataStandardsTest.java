package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EES files against the DfE's open data standards for explore-education-statistics data files
 * ("Open data standards: guidance on how to structure data files", DfE analysts' guide), one check per rule:
 * <ol>
 *   <li>R1 mandatory columns time_period, time_identifier, geographic_level, country_code, country_name;</li>
 *   <li>R2 time_identifier from the standard list, one kind per file;</li>
 *   <li>R3 time_period four digits (YYYY) for reporting, calendar and month identifiers, six (YYYYYY, consecutive years) for academic/financial years;</li>
 *   <li>R4 geographic_level from the standard list; Local authority rows carry new_la_code (E06-E10 + 6 digits),
 *       old_la_code (3 digits), la_name, region_code/region_name;</li>
 *   <li>R5 country_code E92000001 with country_name England;</li>
 *   <li>R6 column names lower snake_case, no spaces, not starting with a digit;</li>
 *   <li>R7 no blank cells: a missing value is a symbol;</li>
 *   <li>R8 indicator values numeric or one of the standard symbols (c, z, x, low, u, k);</li>
 *   <li>R9 no duplicate rows for the same time, geography and filter combination;</li>
 *   <li>R10 every breakdown filter has a Total (filters naming what is measured, measure and series, are exempt, as
 *       population_type in the DfE's own CLA file);</li>
 *   <li>R11 the .meta.csv has the standard columns and one row per filter and indicator (no time or geography
 *       column), col_type Filter or Indicator, a label for each, indicator_dp a whole number;</li>
 *   <li>R12 a file's name is lower case with no spaces.</li>
 * </ol>
 */
class EesDataStandardsTest {
    static final Set<String> TIME_IDS = Set.of("Reporting year", "Calendar year", "Academic year", "Financial year", "Tax year",
            "Fiscal year", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December");
    static final Set<String> MONTHS = Set.of("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");
    static final Set<String> LEVELS = Set.of("National", "Regional", "Local authority", "Local authority district",
            "Parliamentary constituency", "Local skills improvement plan area", "Ward", "Opportunity area", "Local enterprise partnership",
            "Mayoral combined authority", "English devolved area", "Institution", "Provider", "School", "Planning area");
    static final Set<String> SYMBOLS = Set.of("c", "z", "x", "low", "u", "k");
    static final List<String> META = List.of("col_name", "col_type", "label", "indicator_grouping", "indicator_unit",
            "indicator_dp", "filter_hint", "filter_grouping_column");

    /** Every breach of the rules above, as "Rn: what" lines; empty when the file passes. */
    static List<String> check(Path data, Path meta) throws Exception {
        List<String> bad = new ArrayList<>();
        List<List<String>> recs = CsvFile.read(new StringReader(Files.readString(data)));
        List<String> h = recs.get(0);
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < h.size(); i++) ix.put(h.get(i), i);
        for (String c : List.of("time_period", "time_identifier", "geographic_level", "country_code", "country_name")) {
            if (!ix.containsKey(c)) bad.add("R1: no column " + c);
        }
        if (!bad.isEmpty()) return bad;
        for (String c : h) if (!c.matches("[a-z][a-z0-9_]*")) bad.add("R6: column name " + c);
        if (!data.getFileName().toString().matches("[a-z0-9_.]+")) bad.add("R12: file name " + data.getFileName());
        List<List<String>> metaRecs = CsvFile.read(new StringReader(Files.readString(meta)));
        if (!metaRecs.get(0).equals(META)) bad.add("R11: meta columns " + metaRecs.get(0));
        Map<String, String> types = new HashMap<>();
        for (List<String> m : metaRecs.subList(1, metaRecs.size())) {
            if (m.size() != META.size()) { bad.add("R11: meta row " + m); continue; }
            if (types.put(m.get(0), m.get(1)) != null) bad.add("R11: " + m.get(0) + " twice in meta");
            if (!Set.of("Filter", "Indicator").contains(m.get(1))) bad.add("R11: col_type " + m.get(1));
            if (m.get(2).isBlank()) bad.add("R11: no label for " + m.get(0));
            if (m.get(1).equals("Indicator") && !m.get(5).matches("\\d+")) bad.add("R11: indicator_dp " + m.get(5));
            if (m.get(1).equals("Filter") && !m.get(5).isEmpty()) bad.add("R11: a filter with indicator_dp");
            if (EesFiles.GEOGRAPHY.contains(m.get(0))) bad.add("R11: time/geography column " + m.get(0) + " in meta");
        }
        for (String c : h) {
            if (!EesFiles.GEOGRAPHY.contains(c) && !types.containsKey(c)) bad.add("R11: column " + c + " not in meta");
        }
        for (String c : types.keySet()) if (!ix.containsKey(c)) bad.add("R11: meta names a missing column " + c);
        Set<String> kinds = new HashSet<>(), keys = new HashSet<>();
        Map<String, Set<String>> filterValues = new HashMap<>();
        for (int n = 1; n < recs.size(); n++) {
            List<String> r = recs.get(n);
            if (r.size() != h.size()) { bad.add("R7: line " + (n + 1) + " has " + r.size() + " cells"); continue; }
            String tp = r.get(ix.get("time_period")), ti = r.get(ix.get("time_identifier")), level = r.get(ix.get("geographic_level"));
            for (int i = 0; i < h.size(); i++) {
                String c = h.get(i), v = r.get(i);
                boolean geoOptional = level.equals("National") && EesFiles.GEOGRAPHY.indexOf(c) >= 5
                        || level.equals("Regional") && EesFiles.GEOGRAPHY.indexOf(c) >= 7;
                if (v.isBlank() && !geoOptional) bad.add("R7: blank " + c + " on line " + (n + 1));
                if ("Indicator".equals(types.get(c)) && !SYMBOLS.contains(v) && !v.matches("-?\\d+(\\.\\d+)?")) bad.add("R8: " + c + "=" + v + " on line " + (n + 1));
                if ("Filter".equals(types.get(c))) filterValues.computeIfAbsent(c, k -> new HashSet<>()).add(v);
            }
            if (!TIME_IDS.contains(ti)) bad.add("R2: time_identifier " + ti);
            kinds.add(MONTHS.contains(ti) ? "month" : ti);
            boolean sixDigit = Set.of("Academic year", "Financial year", "Tax year", "Fiscal year").contains(ti);
            if (sixDigit ? !(tp.matches("\\d{6}") && Integer.parseInt(tp.substring(4)) == (Integer.parseInt(tp.substring(2, 4)) + 1) % 100)
                    : !tp.matches("\\d{4}")) bad.add("R3: time_period " + tp + " with " + ti);
            if (!LEVELS.contains(level)) bad.add("R4: geographic_level " + level);
            if (level.equals("Local authority")) {
                if (!r.get(ix.get("new_la_code")).matches("E(06|07|08|09|10)\\d{6}")) bad.add("R4: new_la_code " + r.get(ix.get("new_la_code")));
                if (!r.get(ix.get("old_la_code")).matches("\\d{3}")) bad.add("R4: old_la_code " + r.get(ix.get("old_la_code")));
                if (!r.get(ix.get("region_code")).matches("E12\\d{6}")) bad.add("R4: region_code " + r.get(ix.get("region_code")));
            }
            if (!r.get(ix.get("country_code")).equals("E92000001") || !r.get(ix.get("country_name")).equals("England")) {
                bad.add("R5: country " + r.get(ix.get("country_code")) + " " + r.get(ix.get("country_name")));
            }
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < h.size(); i++) if (!"Indicator".equals(types.get(h.get(i)))) key.append(r.get(i)).append('\u0000');
            if (!keys.add(key.toString())) bad.add("R9: duplicate row on line " + (n + 1));
        }
        if (kinds.size() > 1) bad.add("R2: time identifiers of different kinds " + kinds);
        filterValues.forEach((f, vs) -> { if (!Set.of("measure", "series").contains(f) && !vs.contains("Total")) bad.add("R10: filter " + f + " has no Total"); });
        return bad;
    }

    @Test
    void publishedAndUnsuppressedFilesMeetTheStandards(@TempDir Path dir) throws Exception {
        List<TrendRow> rows = new ArrayList<>(TrendsFile.read(EvidencePackTest.resource("/publish/trends-sample.csv")));
        rows.add(EvidencePackTest.r("demand_projection", "202728", "series", "referrals", "", "", "4100", "count"));
        rows.add(new TrendRow("supervision_4wk", "2025-06-30", "As at date", "2025-06-30", "2025-06-30", "Local authority",
                "E09000002", "Barking and Dagenham", "Total", "Total", "80", "100", "80.0", "percent"));
        for (Path d : List.of(dir.resolve("all"), dir.resolve("published"))) {
            List<TrendRow> in = d.endsWith("published") ? Suppression.apply(rows) : rows;
            Files.createDirectories(d);
            EesFiles.write(in, d, PublishedCatalogue.get());
            for (String f : List.of(EesFiles.FILE, EesFiles.AS_AT, EesFiles.PROJECTIONS)) {
                Path meta = d.resolve(f.replace(".csv", ".meta.csv"));
                assertEquals(List.of(), check(d.resolve(f), meta), d + "/" + f);
            }
        }
        // the CIN rate of 2024-25 (202425): time_period 2025, Reporting year; rate in its own column, other units z
        List<String> lines = Files.readAllLines(dir.resolve("all").resolve(EesFiles.FILE));
        List<String> header = List.of(lines.get(0).split(","));
        String cin = lines.stream().filter(l -> l.startsWith("2025,Reporting year,") && l.contains(",cin_31mar_rate,")).findFirst().orElseThrow();
        List<String> c = List.of(cin.split(","));
        assertEquals("E09000002", c.get(header.indexOf("new_la_code")));
        assertEquals("301", c.get(header.indexOf("old_la_code")));
        assertEquals("E12000007", c.get(header.indexOf("region_code")));
        assertEquals("387.9", c.get(header.indexOf("rate_per_10000")));
        assertEquals("z", c.get(header.indexOf("percent")));
        assertEquals("2578", c.get(header.indexOf("numerator")));
        // the suppressed file marks suppressed cells c
        assertTrue(Files.readString(dir.resolve("published").resolve(EesFiles.FILE)).contains(",c,"));
    }

    @Test
    void theCheckerFindsEachBrokenRule(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("Bad File.csv"), meta = dir.resolve("bad.meta.csv");
        Files.writeString(data, String.join("\n",
                "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,Measure,number",
                "202425,Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking,referrals,12",
                "2025,As at date,County,E92000001,England,E12000007,London,301,E09000002,Barking,referrals,",
                "2025,Reporting year,Local authority,E92000001,England,E12000007,London,301,E09000002,Barking,referrals,n/a",
                "2025,Reporting year,Local authority,E92000001,England,E12000007,London,301,E09000002,Barking,referrals,n/a") + "\n");
        Files.writeString(meta, String.join("\n", String.join(",", META), "Measure,Filter,,,,,,", "number,Indicator,Number,,,one,,") + "\n");
        String found = String.join("\n", check(data, meta));
        for (String rule : List.of("R2:", "R3:", "R4:", "R6:", "R7:", "R8:", "R9:", "R10:", "R11:", "R12:")) assertTrue(found.contains(rule), rule + " in\n" + found);
    }
}
