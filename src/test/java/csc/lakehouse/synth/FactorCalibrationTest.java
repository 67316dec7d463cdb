package csc.lakehouse.synth;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The c3 calibration's factor shares, worked by hand on four assessments. */
class FactorCalibrationTest {
    /*
     * Assessments authorised in 2023-24 (collection year 2024):
     *   1: 16A, 3B     2: 3B     3: 21 (no factors)     4: 4B, 17A
     *   and one authorised in 2022-23 with 16A (another year).
     * Episodes with factors in 2024 = 3 (the "21" one is not one): neglect 1/3 = 33.3%, DA parent 2/3 = 66.7%,
     * mental health parent 1/3, emotional abuse 1/3, DA child 0/3 = 0%.
     */
    @Test
    void factorSharesAreOfEpisodesWithFactors() {
        Journey.Family f = new Journey.Family("301", "F1");
        Journey.Child c = new Journey.Child("C1", f);
        f.children.add(c);
        List<List<String>> factors = List.of(List.of("16A", "3B"), List.of("3B"), List.of("21"), List.of("4B", "17A"));
        for (List<String> fs : factors) c.referrals.add(referral("2023-06-01", "2023-07-01", fs));
        c.referrals.add(referral("2022-06-01", "2022-07-01", List.of("16A")));
        CalibrationReport rep = new CalibrationReport(LaPopulation.of("301"), 2023, 2024, 1.0);
        rep.accept(f);
        assertEquals(100.0 / 3, rep.value("c3_neglect", 2024), 1e-9);
        assertEquals(200.0 / 3, rep.value("c3_domestic_abuse_parent", 2024), 1e-9);
        assertEquals(100.0 / 3, rep.value("c3_mental_health_parent", 2024), 1e-9);
        assertEquals(100.0 / 3, rep.value("c3_emotional_abuse", 2024), 1e-9);
        assertEquals(0.0, rep.value("c3_domestic_abuse_child", 2024), 1e-9);
        assertEquals(100.0, rep.value("c3_neglect", 2023), 1e-9);
        // episodes with factors per 10,000 children (the dashboard's rates): 3 in 2024 over the mid-2023 estimate
        // of B&D's 0-17 population, 64,907 -> 0.462
        assertEquals(3 / 64_907.0 * 10_000, rep.value("c3_episodes_rate", 2024), 1e-9);
        // B&D's c3 values for the years generated: five factors and the episodes' rate x 2023 and 2024
        assertEquals(12, rep.factorRows().size());
        assertTrue(rep.table().contains("factors identified at the end of assessment"));
    }

    private static Journey.Referral referral(String start, String authorised, List<String> fs) {
        Journey.Referral r = new Journey.Referral();
        r.referralDate = LocalDate.parse(start);
        r.assessment = new Journey.Assessment();
        r.assessment.start = LocalDate.parse(start);
        r.assessment.authorised = LocalDate.parse(authorised);
        r.assessment.factors.addAll(fs);
        return r;
    }
}
