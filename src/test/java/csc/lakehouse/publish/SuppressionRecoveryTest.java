package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Plays the attacker against published/trends.csv: for every suppressed count it collects every value
 * consistent with the published cells (Total minus the other published cells; percent x denominator;
 * rate x population) and asserts that more than one value remains.
 */
class SuppressionRecoveryTest {

    static final int UNKNOWN_BOUND = 60; // attacker's range for a count with no published bound

    static TrendRow row(String measure, String breakdown, String bv, String num, String den, String value, String unit) {
        return new TrendRow(measure, "202425", "Reporting year", "2024-04-01", "2025-03-31", "Local authority",
                "E09000002", "Barking and Dagenham", breakdown, bv, num, den, value, unit);
    }

    static String pct(long n, long d) { return d == 0 ? "" : String.format("%.1f", Math.round(n * 1000.0 / d) / 10.0); }

    /** A distribution: Total row (value = total, unit count) and one percent row per cell. */
    static List<TrendRow> dist(String measure, String breakdown, long... counts) {
        long t = 0;
        for (long c : counts) t += c;
        List<TrendRow> rows = new ArrayList<>();
        rows.add(row(measure, "Total", "Total", "", "", Long.toString(t), "count"));
        for (int i = 0; i < counts.length; i++) {
            rows.add(row(measure, breakdown, "b" + i, Long.toString(counts[i]), Long.toString(t), pct(counts[i], t), "percent"));
        }
        return rows;
    }

    // ---- hand-made tables -------------------------------------------------------------------------

    @Test
    void countsOneToFiveAreSuppressedAndZeroIsShown() {
        List<TrendRow> out = Suppression.apply(List.of(
                row("referrals", "Total", "Total", "", "", "0", "count"),
                row("cla_31mar", "Total", "Total", "", "", "3", "count"),
                row("cla_31mar_rate", "Total", "Total", "3", "66465", "0.5", "rate_per_10000"),
                row("cin_31mar", "Total", "Total", "", "", "6", "count")));
        assertEquals("0", out.get(0).value());
        assertEquals("c", out.get(1).value());
        assertEquals("c", out.get(2).numerator());
        assertEquals("c", out.get(2).value());
        assertEquals("66465", out.get(2).denominator()); // a population is not a disclosive count
        assertEquals("6", out.get(3).value());
        assertNoRecovery(out);
    }

    @Test
    void oneSuppressedCellForcesTheNextSmallest() {
        // Total 40 = 3 + 7 + 12 + 18: 3 is primary; 7 is the next smallest and goes too. 40-12-18 = 10 = a+b.
        List<TrendRow> out = Suppression.apply(dist("cpp_category", "category_of_abuse", 3, 7, 12, 18));
        assertEquals("40", out.get(0).value());
        assertEquals("c", out.get(1).numerator());
        assertEquals("c", out.get(1).value());
        assertEquals("c", out.get(2).numerator());
        assertEquals("c", out.get(2).value());
        assertEquals("12", out.get(3).numerator());
        assertNoRecovery(out);
    }

    @Test
    void zerosAreNotChosenWhileANonZeroCellRemains() {
        // 0 + 2 + 9 + 30 = 41: 2 is primary; the secondary is 9, not the 0.
        List<TrendRow> out = Suppression.apply(dist("cla_starts_legal_status", "legal_status", 0, 2, 9, 30));
        assertEquals("0", out.get(1).numerator());
        assertEquals("c", out.get(2).numerator());
        assertEquals("c", out.get(3).numerator());
        assertEquals("30", out.get(4).numerator());
        assertNoRecovery(out);
    }

    @Test
    void twoPrimaryCellsNeedNoSecondary() {
        List<TrendRow> out = Suppression.apply(dist("cpp_duration", "duration_band", 2, 4, 20, 30, 11));
        assertEquals(List.of("c", "c", "20", "30", "11"),
                out.subList(1, 6).stream().map(TrendRow::numerator).toList());
        assertNoRecovery(out);
    }

    @Test
    void aSmallTotalTakesTheBreakdownDenominators() {
        // Total 4 = 0 + 4: the total and the 4 are suppressed; the 0 row keeps 0 but loses its denominator.
        List<TrendRow> out = Suppression.apply(dist("cin_plan_duration", "duration_band", 0, 4));
        assertEquals("c", out.get(0).value());
        assertEquals("0", out.get(1).numerator());
        assertEquals("c", out.get(1).denominator());
        assertEquals("c", out.get(2).numerator());
        assertEquals("c", out.get(2).denominator());
        assertNoRecovery(out);
    }

    @Test
    void overlappingElevenMonthRowIsNotPartOfTheSum() {
        List<TrendRow> rows = new ArrayList<>(dist("cpp_duration", "duration_band", 10, 9, 8, 3, 12));
        rows.add(row("cpp_duration", "duration_band", "11m+", "16", "42", pct(16, 42), "percent"));
        List<TrendRow> out = Suppression.apply(rows);
        assertEquals("c", out.get(4).numerator());
        assertEquals("c", out.get(3).numerator()); // 8: the next smallest of the bands
        assertEquals("16", out.get(6).numerator());
    }

    @Test
    void linkedCountsAreSuppressedInBothPlaces() {
        // L1 = 7 is a secondary suppression in the legal-status distribution (2 is primary); the same 7 is the
        // numerator of cla_starts_police_protection, which must not give it away.
        List<TrendRow> rows = new ArrayList<>(dist("cla_starts_legal_status", "legal_status", 2, 7, 30));
        rows.set(2, row("cla_starts_legal_status", "legal_status", "L1", "7", "39", pct(7, 39), "percent"));
        rows.add(row("cla_starts_police_protection", "Total", "Total", "7", "39", pct(7, 39), "percent"));
        rows.add(row("cla_starts", "Total", "Total", "", "", "39", "count"));
        List<TrendRow> out = Suppression.apply(rows);
        assertEquals("c", out.get(2).numerator());
        assertEquals("c", out.get(4).numerator());
        assertEquals("c", out.get(4).value());
        assertEquals("39", out.get(5).value());
    }

    @Test
    void theAttackerRecoversACellWhenOnlyPrimarySuppressionIsApplied() {
        // sanity check of the attacker itself: 40 - 7 - 12 - 18 = 3
        List<TrendRow> naive = dist("cpp_category", "category_of_abuse", 3, 7, 12, 18);
        naive.set(1, naive.get(1).withCounts("c", "40", "c"));
        assertFalse(recoverable(naive).isEmpty());
    }

    // ---- randomised tables ------------------------------------------------------------------------

    @Test
    void randomisedTablesCannotBeRecovered() {
        Random rnd = new Random(20250331L);
        int suppressedSeen = 0;
        for (int t = 0; t < 400; t++) {
            List<TrendRow> rows = new ArrayList<>();
            int cells = 2 + rnd.nextInt(5);
            long[] counts = new long[cells];
            for (int i = 0; i < cells; i++) {
                int kind = rnd.nextInt(4);
                counts[i] = kind == 0 ? 0 : kind == 1 ? 1 + rnd.nextInt(5) : rnd.nextInt(kind == 2 ? 12 : 80);
            }
            rows.addAll(dist("dist" + t, "band", counts));
            long rn = rnd.nextInt(12);
            long pop = 60000 + rnd.nextInt(8000);
            rows.add(row("rate" + t, "Total", "Total", Long.toString(rn), Long.toString(pop),
                    String.format("%.1f", Math.round(rn * 100000.0 / pop) / 10.0), "rate_per_10000"));
            long pd = rnd.nextInt(15);
            long pn = pd == 0 ? 0 : rnd.nextInt((int) pd + 1);
            rows.add(row("pct" + t, "Total", "Total", Long.toString(pn), Long.toString(pd), pct(pn, pd), "percent"));
            List<TrendRow> out = Suppression.apply(rows);
            suppressedSeen += out.stream().filter(r -> r.numerator().equals("c") || r.value().equals("c")).count();
            assertNoRecovery(out);
        }
        assertTrue(suppressedSeen > 300, "the random tables exercise suppression: " + suppressedSeen);
    }

    // ---- the attacker -----------------------------------------------------------------------------

    static void assertNoRecovery(List<TrendRow> published) {
        Map<String, Set<Long>> rec = recoverable(published);
        assertTrue(rec.isEmpty(), "recoverable suppressed cells: " + rec + " in " + published);
    }

    /** Suppressed cells whose value the published cells pin down to a single number. */
    static Map<String, Set<Long>> recoverable(List<TrendRow> published) {
        Map<String, Set<Long>> out = new LinkedHashMap<>();
        Map<String, TrendRow> totals = new HashMap<>();
        Map<String, List<TrendRow>> groups = new LinkedHashMap<>();
        for (TrendRow r : published) {
            String base = r.measureId() + "|" + r.timePeriod() + "|" + r.newLaCode();
            if (r.isTotal()) totals.put(base, r);
            else groups.computeIfAbsent(base, k -> new ArrayList<>()).add(r);
        }
        // single rows: rate x population, percent x denominator, count rows
        for (TrendRow r : published) {
            if (groups.containsKey(r.measureId() + "|" + r.timePeriod() + "|" + r.newLaCode())) continue;
            if (r.numerator().equals("c") || (r.unit().equals("count") && r.value().equals("c"))) {
                Set<Long> cand = new TreeSet<>();
                Long den = TrendsFile.parseLong(r.denominator());
                long bound = r.unit().equals("percent") && den != null ? den : UNKNOWN_BOUND;
                for (long n = 0; n <= bound; n++) if (consistent(r, n, den)) cand.add(n);
                if (cand.size() <= 1) out.put(r.measureId() + " numerator", cand);
            }
        }
        // distributions
        for (Map.Entry<String, List<TrendRow>> g : groups.entrySet()) {
            TrendRow total = totals.get(g.getKey());
            List<TrendRow> cells = g.getValue().stream().filter(r -> !csc.lakehouse.spec.MeasureSpec.load().nonAdditiveValues().contains(r.breakdownValue())).toList();
            Long t = total == null ? null : TrendsFile.parseLong(total.value());
            List<TrendRow> unknown = new ArrayList<>();
            long known = 0;
            for (TrendRow c : cells) {
                Long n = TrendsFile.parseLong(c.numerator());
                if (n == null) unknown.add(c); else known += n;
            }
            boolean totalUnknown = total != null && t == null;
            if (unknown.isEmpty() && !totalUnknown) continue;
            long bound = t != null ? t : UNKNOWN_BOUND;
            List<Set<Long>> seen = new ArrayList<>();
            for (int i = 0; i <= unknown.size(); i++) seen.add(new TreeSet<>());
            enumerate(unknown, 0, new long[unknown.size()], known, t, bound, total != null, seen);
            for (int i = 0; i < unknown.size(); i++) {
                if (seen.get(i).size() <= 1) out.put(g.getKey() + " " + unknown.get(i).breakdownValue(), seen.get(i));
            }
            if (totalUnknown && seen.get(unknown.size()).size() <= 1) out.put(g.getKey() + " Total", seen.get(unknown.size()));
        }
        return out;
    }

    static void enumerate(List<TrendRow> unknown, int i, long[] vals, long known, Long total, long bound,
            boolean hasTotal, List<Set<Long>> seen) {
        if (i == unknown.size()) {
            long sum = known;
            for (long v : vals) sum += v;
            if (total != null && sum != total) return;
            if (total == null && hasTotal && sum > UNKNOWN_BOUND) return;
            for (int k = 0; k < vals.length; k++) seen.get(k).add(vals[k]);
            seen.get(vals.length).add(sum);
            return;
        }
        long used = known;
        for (int k = 0; k < i; k++) used += vals[k];
        TrendRow r = unknown.get(i);
        for (long n = 0; n <= bound - used; n++) {
            if (total != null && !consistent(r, n, total)) continue;
            if (!consistent(r, n, TrendsFile.parseLong(r.denominator()))) continue;
            vals[i] = n;
            enumerate(unknown, i + 1, vals, known, total, bound, hasTotal, seen);
        }
    }

    /** Is n consistent with the row's published value given denominator den (if both are published)? */
    static boolean consistent(TrendRow r, long n, Long den) {
        Double v = r.valueAsDouble();
        if (v == null || den == null || den == 0) return true;
        double exact = switch (r.unit()) {
            case "percent" -> n * 100.0 / den;
            case "rate_per_10000" -> n * 10000.0 / den;
            default -> Double.NaN;
        };
        if (r.unit().equals("count")) return n == Math.round(v);
        return Double.isNaN(exact) || Math.abs(exact - v) <= 0.05 + 1e-9;
    }
}
