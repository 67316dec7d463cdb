package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which values suppression treats as counts: only unit {@code count}; a median or days value goes with its numerator. */
class SuppressionUnitsTest {

    static TrendRow row(String measure, String num, String value, String unit) {
        return new TrendRow(measure, "202425", "Reporting year", "2024-04-01", "2025-03-31", "Local authority",
                "E09000002", "Barking and Dagenham", "Total", "Total", num, "", value, unit);
    }

    /*
     * neglect_prior_referrals is a median (unit median):
     *   3.0 referrals over 40 children -> published as 3.0 (a count of 3 would be c), numerator 40 shown
     *   2.5 over 4 children            -> numerator 4 is 1..5: c, and the median with it
     *   1.5 over 0 children cannot happen (no children, no median); 0 children with no value stays blank
     * neglect_days_to_cpp (days): 4.0 days over 12 children published; over 3 children c
     * a count of 3 (the old unit of the median) is c: the reason the median's series was all c
     */
    @Test
    void aMedianIsNeitherRoundedNorSuppressedAsACount() {
        List<TrendRow> out = Suppression.apply(List.of(
                row("neglect_prior_referrals", "40", "3.0", "median"),
                row("neglect_prior_referrals", "4", "2.5", "median"),
                row("neglect_prior_referrals", "0", "", "median"),
                row("neglect_days_to_cpp", "12", "4.0", "days"),
                row("neglect_days_to_cpp", "3", "61.0", "days"),
                row("old_style", "", "3.0", "count")));
        assertEquals("3.0", out.get(0).value());
        assertEquals("40", out.get(0).numerator());
        assertEquals("c", out.get(1).value());
        assertEquals("c", out.get(1).numerator());
        assertEquals("", out.get(2).value());
        assertEquals("0", out.get(2).numerator());
        assertEquals("4.0", out.get(3).value());
        assertEquals("c", out.get(4).value());
        assertEquals("c", out.get(5).value());
    }

    static TrendRow meanRow(String measure, String num, String den, String value) {
        return new TrendRow(measure, "202425", "Reporting year", "2024-04-01", "2025-03-31",
                "Local authority", "E09000002", "Barking and Dagenham", "Total", "Total", num, den, value, "mean");
    }

    /*
     * A mean (unit mean: numerator = a sum, e.g. missing incidents; denominator = the children):
     *   40 incidents over 12 children = 3.3 -> published (neither 40 nor 12 is 1..5)
     *   40 incidents over 3 children = 13.3 -> the denominator 3 is 1..5: c, and the mean with it (it describes
     *     those three children)
     *   4 incidents over 4 children = 1.0 -> numerator and denominator c, the mean with them
     */
    @Test
    void aMeanOverOneToFiveChildrenIsSuppressed() {
        // three measures of their own (no catalogue links between them)
        List<TrendRow> out = Suppression.apply(List.of(meanRow("mean_a", "40", "12", "3.3"), meanRow("mean_b", "40", "3", "13.3"),
                meanRow("mean_c", "4", "4", "1.0")));
        assertEquals("3.3", out.get(0).value());
        assertEquals("c", out.get(1).denominator());
        assertEquals("c", out.get(1).value());
        assertEquals("c", out.get(2).value());
    }
}
