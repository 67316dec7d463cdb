package csc.lakehouse.synth;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** --dirty: the sidecar's counts equal the defects found by scanning the files; a clean drop has none of them. */
class GeneratorDirtyTest {
    static final DateTimeFormatter F = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    static Map<String, Long> scan(Path root) throws Exception {
        Map<String, Long> n = new TreeMap<>();
        for (Path p : SynthTestSupport.files(root, "ssda903/*/*.csv")) {
            int year = Integer.parseInt(p.getParent().getFileName().toString());
            List<String> lines = Files.readAllLines(p);
            String table = p.getFileName().toString().replace(".csv", "");
            Map<String, String> dobs = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) { n.merge("blank_line", 1L, Long::sum); continue; }
                String[] v = line.split(",", -1);
                if (table.equals("episodes")) {
                    if (!Ssda903Writer.placeValid(v[5], year)) n.merge("invalid_code_for_year", 1L, Long::sum);
                    if (!v[7].isEmpty() && LocalDate.parse(v[7], F).isBefore(LocalDate.parse(v[1], F))) n.merge("date_order", 1L, Long::sum);
                }
                if (table.equals("header") && dobs.put(v[0], v[2]) != null) n.merge("duplicate_child_conflicting_dob", 1L, Long::sum);
            }
        }
        Pattern bool = Pattern.compile("<(ReferralNFA|ICPCnotRequired)>(true|false)</");
        Pattern src = Pattern.compile("<ReferralSource>([^<]*)</");
        Pattern dates = Pattern.compile("<CINreferralDate>([^<]*)</CINreferralDate>\\s*<ReferralSource>[^<]*</ReferralSource>\\s*(?:<PrimaryNeedCode>[^<]*</PrimaryNeedCode>\\s*)?<CINclosureDate>([^<]*)</");
        for (Path p : SynthTestSupport.files(root, "cin_census/*.xml")) {
            String xml = Files.readString(p);
            int year = Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""));
            Matcher m = bool.matcher(xml);
            while (m.find()) n.merge("boolean_style", 1L, Long::sum);
            m = src.matcher(xml);
            while (m.find()) if (m.group(1).equals("11") || (m.group(1).equals("5D") && year < 2023)) n.merge("invalid_code_for_year", 1L, Long::sum);
            m = dates.matcher(xml);
            while (m.find()) if (LocalDate.parse(m.group(2)).isBefore(LocalDate.parse(m.group(1)))) n.merge("date_order", 1L, Long::sum);
        }
        for (Path p : SynthTestSupport.files(root, "annex_a/*.xlsx")) {
            try (InputStream in = Files.newInputStream(p); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                for (Sheet s : wb) {
                    if (s.getSheetName().equals("List 11")) continue;
                    for (Row r : s) {
                        if (r.getRowNum() == 0) continue;
                        Cell c = r.getCell(1);
                        if (c != null && !c.getStringCellValue().contains(") ")) n.merge("annex_a_unprefixed", 1L, Long::sum);
                    }
                }
            }
        }
        return n;
    }

    static Map<String, Long> sidecarTotals(Path root) throws Exception {
        String json = Files.readString(root.resolve("_dirty.json"));
        String totals = json.substring(json.indexOf("\"totals\""), json.indexOf("\"defects\""));
        Map<String, Long> out = new TreeMap<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\": (\\d+)").matcher(totals);
        while (m.find()) out.put(m.group(1), Long.parseLong(m.group(2)));
        return out;
    }

    @Test
    void sidecarCountsEqualDefectsInFiles(@TempDir Path dirty, @TempDir Path clean) throws Exception {
        SynthTestSupport.generate(dirty, "0.2", 2022, 2025, true);
        Map<String, Long> side = sidecarTotals(dirty);
        for (String cat : List.of("boolean_style", "annex_a_unprefixed", "blank_line", "invalid_code_for_year", "date_order", "duplicate_child_conflicting_dob"))
            assertTrue(side.getOrDefault(cat, 0L) > 0, "no " + cat + " injected: " + side);
        assertEquals(side, scan(dirty));
        String json = Files.readString(dirty.resolve("_dirty.json"));
        assertTrue(json.contains("\"file\": \"ssda903/2023/episodes.csv\""), json);

        SynthTestSupport.generate(clean, "0.2", 2022, 2025, false);
        assertEquals(Map.of(), scan(clean));
        assertFalse(Files.exists(clean.resolve("_dirty.json")));
    }
}
