package csc.lakehouse.publish;

import csc.lakehouse.spec.NationalFramework;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A national framework row with comparators but no quartile band says why (the issue: none blank without a reason). */
class NationalFrameworkViewTest {
    private static NationalFrameworkView.Line line(String comparatorPeriod, Benchmarks.Position pos, Boolean higherIsBetter) {
        // row 31, the rate of neglect at the end of assessment (assessment_factors_rate 16A: polarity neutral)
        NationalFramework.Indicator neglect = NationalFramework.indicators().stream().filter(i -> i.row() == 31)
                .findFirst().orElseThrow();
        return new NationalFrameworkView.Line(neglect, new TreeMap<>(), comparatorPeriod,
                comparatorPeriod == null ? Map.of() : Map.of("England", 61.2), pos, null, new TreeMap<>(), higherIsBetter);
    }

    @Test
    void aRowWithComparatorsButNoBandSaysWhy() {
        assertEquals("no quartile band: neither a higher nor a lower figure is better", line("202425", null, null).noBand());
        assertEquals("no quartile band: no other LA's figure is published for the year", line("202425", null, true).noBand());
        // banded, or no comparator year at all (the row says so itself): nothing to add
        assertNull(line("202425", new Benchmarks.Position(3, 12, 'A'), true).noBand());
        assertNull(line(null, null, null).noBand());
    }
}
