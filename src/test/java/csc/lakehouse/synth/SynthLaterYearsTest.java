package csc.lakehouse.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A drop starting in 2025 (first-year back-history across the H5/K3 change) and running into 2026-27 (pre-proceedings). */
class SynthLaterYearsTest {
    @Test
    void codesAndModulesFollowTheYear(@TempDir Path drop) throws Exception {
        SynthTestSupport.generate(drop, "0.2", 2025, 2027, false);
        for (int y = 2025; y <= 2027; y++) {
            String xml = Files.readString(drop.resolve("cin_census/cin_census_" + y + ".xml"));
            assertEquals(y == 2027, xml.contains("<PreProceedingsandFGDM>"), "pre-proceedings module in " + y);
            assertFalse(xml.contains("<GenderCurrent>"));
            List<String> lines = Files.readAllLines(drop.resolve("ssda903/" + y + "/episodes.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String place = line.split(",", -1)[5];
                assertTrue(Ssda903Writer.placeValid(place, y), y + ": " + line);
            }
        }
        // the first return carries open periods back to their start (RNE S)
        List<String> first = Files.readAllLines(drop.resolve("ssda903/2025/episodes.csv"));
        java.util.Map<String, String> firstRne = new java.util.TreeMap<>();
        for (String line : first.subList(1, first.size())) {
            String[] v = line.split(",", -1);
            firstRne.putIfAbsent(v[0], v[2]);
        }
        firstRne.forEach((child, rne) -> assertEquals("S", rne, child));
    }
}
