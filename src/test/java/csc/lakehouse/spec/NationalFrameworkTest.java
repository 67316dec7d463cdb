package csc.lakehouse.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NationalFrameworkTest {
    @Test
    void everyDashboardIndicatorIsAMeasureOrSaysWhyNot() {
        List<NationalFramework.Indicator> all = NationalFramework.indicators();
        // the DfE's list: 68 indicators, rows 1 to 68 in order
        assertEquals(68, all.size());
        for (int i = 0; i < all.size(); i++) assertEquals(i + 1, all.get(i).row());
        assertEquals(List.of(), NationalFramework.problems(all, MeasureSpec.load()));
        // hand-counted from the file: 39 computed (rows 1-6, 23-24, 26-55, 67: 6 + 2 + 30 + 1), 29 not
        // (7-22, 25, 56-66, 68: 16 + 1 + 11 + 1)
        assertEquals(39, all.stream().filter(NationalFramework.Indicator::computed).count());
        assertEquals("adoption_decision_to_match", all.get(46).measureId());
        assertEquals("cla_placed_over_20_miles", all.get(45).measureId());
    }

    @Test
    void aRowNamingNoMeasureOrAnUnknownBreakdownIsReported() {
        var bad = List.of(
                new NationalFramework.Indicator(1, "Outcomes", "h", "x", "d", null, null, null, null, null, null, null),
                new NationalFramework.Indicator(2, "Outcomes", "h", "x", "d", "cpp_duration", "99m+", null, null, null, null, null),
                new NationalFramework.Indicator(3, "Outcomes", "h", "x", "d", "no_such_measure", "Total", null, null, null, null, null));
        assertEquals(List.of(
                "national framework row 1: needs either a measure_id or a not_computed reason",
                "national framework row 2: '99m+' is not a breakdown value of cpp_duration",
                "national framework row 3: no_such_measure is not in the catalogue"),
                NationalFramework.problems(bad, MeasureSpec.load()));
    }
}
