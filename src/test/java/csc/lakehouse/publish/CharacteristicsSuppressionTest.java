package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import csc.lakehouse.spec.MeasureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Disclosure control across the children's characteristics (issue 15 section 3), with the real catalogue: a small
 * ethnic-group cell is hidden in the distribution, its secondary partner too, and both in the rate and the relative
 * rate index, whose every value goes when the reference group's count is hidden (index x the reference rate would
 * give it back).
 */
class CharacteristicsSuppressionTest {
    static TrendRow row(String measure, String value, String num, String den, String v, String unit) {
        return new TrendRow(measure, "202425", "Reporting year", "2024-04-01", "2025-03-31", "Local authority", "E09000002",
                "Barking and Dagenham", value.equals("Total") ? "Total" : "ethnic_group", value, num, den, v, unit);
    }

    /*
     * By hand: cla_31mar = 60. By ethnic group: White 3, Mixed 8, Asian 10, Black 30, Other 9, not known 0.
     * Primary: White 3 -> c. Secondary (one hidden cell in the group): the next smallest non-zero, Mixed 8 -> c.
     * Rates per 10,000 residents (Census 2021): White 3/98,275 = 0.3; Mixed 8/9,320 = 8.6; Asian 10/55,198 = 1.8;
     * Black 30/46,807 = 6.4; Other 9/9,271 = 9.7; Total 60/218,871 = 2.7. The links by breakdown value hide the
     * rate's White and Mixed numerators and rates. The index: White's count is hidden, so every index goes (the
     * Total's too); the numerators of Asian, Black and Other stay, as do all populations.
     */
    @Test
    void aHiddenReferenceGroupTakesEveryIndexWithIt() {
        String[][] groups = {{"White", "3", "98275", "0.3", "1.0"}, {"Mixed", "8", "9320", "8.6", "28.12"},
                {"Asian", "10", "55198", "1.8", "5.93"}, {"Black", "30", "46807", "6.4", "21.0"},
                {"Other", "9", "9271", "9.7", "31.8"}};
        List<TrendRow> rows = new ArrayList<>();
        rows.add(row("cla_31mar", "Total", "60", null, "60", "count"));
        rows.add(row("cla_31mar_characteristics", "Total", "60", null, "60", "count"));
        rows.add(row("cla_31mar_ethnicity_rate", "Total", "60", "218871", "2.7", "rate_per_10000"));
        rows.add(row("cla_31mar_ethnicity_rri", "Total", "60", "218871", "8.99", "index"));
        for (String[] g : groups) {
            rows.add(row("cla_31mar_characteristics", g[0], g[1], "60", String.format("%.1f", Integer.parseInt(g[1]) * 100.0 / 60), "percent"));
            rows.add(row("cla_31mar_ethnicity_rate", g[0], g[1], g[2], g[3], "rate_per_10000"));
            rows.add(row("cla_31mar_ethnicity_rri", g[0], g[1], g[2], g[4], "index"));
        }
        rows.add(row("cla_31mar_characteristics", "Ethnicity not known", "0", "60", "0.0", "percent"));

        Map<String, TrendRow> out = new LinkedHashMap<>();
        for (TrendRow r : Suppression.apply(rows, MeasureSpec.load())) out.put(r.measureId() + "|" + r.breakdownValue(), r);

        assertEquals("60", out.get("cla_31mar|Total").value());
        assertEquals("c", out.get("cla_31mar_characteristics|White").numerator());
        assertEquals("c", out.get("cla_31mar_characteristics|Mixed").numerator(), "the secondary cell");
        assertEquals("10", out.get("cla_31mar_characteristics|Asian").numerator());
        for (String g : List.of("White", "Mixed")) {
            assertEquals("c", out.get("cla_31mar_ethnicity_rate|" + g).numerator(), g);
            assertEquals("c", out.get("cla_31mar_ethnicity_rate|" + g).value(), g);
            assertEquals("c", out.get("cla_31mar_ethnicity_rri|" + g).numerator(), g);
        }
        assertEquals("1.8", out.get("cla_31mar_ethnicity_rate|Asian").value());
        assertEquals("2.7", out.get("cla_31mar_ethnicity_rate|Total").value());
        for (String g : List.of("Total", "White", "Mixed", "Asian", "Black", "Other")) {
            assertEquals("c", out.get("cla_31mar_ethnicity_rri|" + g).value(), "index of " + g);
        }
        assertEquals("30", out.get("cla_31mar_ethnicity_rri|Black").numerator());
        assertEquals("46807", out.get("cla_31mar_ethnicity_rri|Black").denominator());

        // with White at 12 nothing is small: every index is published
        List<TrendRow> safe = new ArrayList<>();
        for (TrendRow r : rows) {
            boolean white = r.breakdownValue().equals("White");
            boolean mixed = r.breakdownValue().equals("Mixed");
            safe.add(white || mixed ? r.withCounts(white ? "12" : "8", r.denominator(), r.value()) : r);
        }
        for (TrendRow r : Suppression.apply(safe, MeasureSpec.load())) {
            if (r.measureId().equals("cla_31mar_ethnicity_rri")) assertEquals(false, "c".equals(r.value()), r.toString());
        }
    }
}
