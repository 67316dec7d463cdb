package csc.lakehouse.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class GeneratorDeterminismTest {
    static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path p : SynthTestSupport.files(root, "**")) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            out.put(root.relativize(p).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
        }
        return out;
    }

    @Test
    void sameSeedGivesByteIdenticalDrop(@TempDir Path a, @TempDir Path b) throws Exception {
        SynthTestSupport.generate(a, "0.05", 2022, 2024, true);
        SynthTestSupport.generate(b, "0.05", 2022, 2024, true);
        Map<String, String> ha = hashes(a), hb = hashes(b);
        assertTrue(ha.size() > 30, "expected a full drop, got " + ha.keySet());
        assertEquals(ha, hb);
        // the layout of architecture.md section 4
        for (String f : List.of("cin_census/cin_census_2022.xml", "cin_census/cin_census_2024.xml", "ssda903/2023/episodes.csv",
                "ssda903/2024/sw_episodes.csv", "population/ons_mid_year_0_17.csv", "annex_a/annex_a_2024-03-31.xlsx", "_dirty.json"))
            assertTrue(ha.containsKey(f), f);
        assertFalse(ha.containsKey("ssda903/2023/sw_episodes.csv"), "sw_episodes only from 2024");
    }

    @Test
    void anotherSeedGivesOtherData(@TempDir Path a, @TempDir Path b) throws Exception {
        Generator.generate(new Generator.Options(a, 1, "0.05", 2023, 2023, false, false, 1), null);
        Generator.generate(new Generator.Options(b, 2, "0.05", 2023, 2023, false, false, 1), null);
        assertNotEquals(hashes(a).get("cin_census/cin_census_2023.xml"), hashes(b).get("cin_census/cin_census_2023.xml"));
    }

    @Test
    void populationFileUsesPublishedSeries(@TempDir Path a) throws Exception {
        Generator.population(a, LaPopulation.of("301"), 2026, 1.0);   // what generate writes at borough scale
        List<String> lines = Files.readAllLines(a.resolve("population/ons_mid_year_0_17.csv"));
        assertEquals("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate", lines.get(0));
        // reference.md 5.1: B&D mid-2024 66,465 and mid-2012 55,725
        assertTrue(lines.contains("2024,Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking and Dagenham,Children aged 0 to 17 years,66465"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("2012,") && l.endsWith(",55725")));
        // one projection vintage from its base year 2025 (the latest estimate) to 2028: 4 rows
        assertEquals(4, Files.readAllLines(SynthTestSupport.files(a, "population/projections/*.csv").get(0)).size() - 1);
    }
}
