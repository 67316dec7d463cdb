package csc.lakehouse.synth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The generator's own journeys, at a small scale, stay within generous bands of the published B&D figures. */
class SynthCalibrationTest {
    @Test
    void smallScaleStaysNearPublishedFigures() {
        double scale = 0.3;
        Borough b = new Borough(LaPopulation.of("301"), 20231, scale, 2013, 2025, new Params());
        CalibrationReport rep = new CalibrationReport(b.pop, 2013, 2025, scale);
        b.journeys(rep);
        int outside = 0;
        StringBuilder msg = new StringBuilder();
        for (CalibrationReport.Row r : rep.rows()) {
            // generous: rates and counts within 35%, percentages within 12 points (small numbers at 0.3 scale)
            boolean pct = r.indicator().equals("rereferrals_12m") || r.indicator().equals("assessments_45wd") || r.indicator().equals("cpp_repeat")
                    || r.indicator().equals("cla_starts_police_protection");
            boolean ok = pct ? Math.abs(r.generated() - r.published()) <= 12 : Math.abs(r.diffPct()) <= 35;
            if (!ok) { outside++; msg.append(r).append('\n'); }
        }
        assertTrue(outside <= 2, "indicator-years outside generous bands:\n" + msg + rep.table());
        // the pandemic bump: CIN at 31 March 2022 above 2021 and 2023 (reference.md 5.2)
        assertTrue(rep.value("cin_31mar_rate", 2022) > rep.value("cin_31mar_rate", 2021) * 1.15);
        assertTrue(rep.value("cin_31mar_rate", 2023) < rep.value("cin_31mar_rate", 2022) * 0.85);
        // police protection well above England's 9%
        assertTrue(rep.value("cla_starts_police_protection", 2024) > 12);
    }
}
