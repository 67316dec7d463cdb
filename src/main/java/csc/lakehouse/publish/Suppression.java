package csc.lakehouse.publish;

import csc.lakehouse.spec.MeasureSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * DfE statistical disclosure control for {@code published/trends.csv}. The rules are documented in
 * docs/publishing.md; in short:
 * <ol>
 *   <li>Primary: a count of 1 to 5 is shown as {@code c} (0 is shown), whether it is a count value, a
 *       numerator or a denominator. A rate, percentage, median or index whose numerator is suppressed is
 *       suppressed too; a percentage or a mean whose denominator is suppressed is suppressed.</li>
 *   <li>Secondary: in each distribution group (measure_id, time_period, time_identifier, LA, breakdown)
 *       whose Total is published, if exactly one breakdown cell is suppressed, the next smallest cell
 *       (the smallest non-zero one if there is one) is suppressed too, so the cell cannot be recovered as
 *       Total minus the other cells. A group with a single cell suppresses its Total instead.</li>
 *   <li>Denominators: breakdown rows whose denominator is a suppressed Total lose the denominator.</li>
 *   <li>Linked cells (declared in data-schemas/measures.yaml): the same count published by two measures (e.g. {@code cla_starts} and the Total of
 *       {@code cla_starts_legal_status}; the L1 cell and the numerator of
 *       {@code cla_starts_police_protection}) is suppressed in both when either is suppressed. A link
 *       applies only when both cells carry the same number.</li>
 * </ol>
 * Steps 2 to 4 repeat until nothing changes.
 */
public final class Suppression {
    public static final String MARK = "c";

    private Suppression() {}

    /**
     * The one unit whose value is itself a count (of children, episodes, plans): primary-suppressed when 1 to 5.
     * Every other unit is a statistic of counts (percent, rate_per_10000, days, median, index, index_points):
     * its value is never suppressed as a count, only with its numerator (a percent also with its
     * denominator). So a median number of referrals of 3.0 over 40 children is published, and the same
     * median over 4 children is not.
     */
    static final String COUNT_UNIT = "count";

    static boolean isCount(String unit) { return COUNT_UNIT.equals(unit); }

    enum Field { VALUE, NUMERATOR, DENOMINATOR }

    /** A count published by two measures: (measure, breakdown_value or Total, field). */
    record Ref(String measureId, String breakdownValue, Field field) {}

    record Link(Ref a, Ref b) {}

    /**
     * The links the catalogue declares (data-schemas/measures.yaml): a measure's {@code numerator}, {@code denominator}
     * or {@code total} names the measure whose count its Total row repeats. The named cell is that measure's Total
     * value when it is a count or a distribution (whose Total is the count of all items), its numerator otherwise,
     * or the numerator of one breakdown value ({@code measure:value}). No measure is listed here by hand, so a new
     * rate is protected by its catalogue entry alone.
     */
    static List<Link> links(MeasureSpec catalogue) {
        List<Link> out = new ArrayList<>();
        for (MeasureSpec.Measure m : catalogue.measures()) {
            addLink(out, catalogue, m.numerator(), new Ref(m.id(), MeasureSpec.TOTAL, Field.NUMERATOR));
            addLink(out, catalogue, m.denominator(), new Ref(m.id(), MeasureSpec.TOTAL, Field.DENOMINATOR));
            addLink(out, catalogue, m.total(), new Ref(m.id(), MeasureSpec.TOTAL, Field.VALUE));
            if (m.linksByBreakdown()) {
                // each breakdown value's numerator (denominator) is the named measure's count for the same value
                for (MeasureSpec.Breakdown b : m.breakdowns()) {
                    for (String v : b.values()) {
                        addValueLink(out, catalogue, m.numerator(), v, new Ref(m.id(), v, Field.NUMERATOR));
                        addValueLink(out, catalogue, m.denominator(), v, new Ref(m.id(), v, Field.DENOMINATOR));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addValueLink(List<Link> out, MeasureSpec catalogue, MeasureSpec.Ref from, String value, Ref to) {
        if (from == null || !from.isTotal()) return;
        boolean has = catalogue.get(from.measureId()).map(s -> s.breakdowns().stream()
                .anyMatch(b -> b.values().contains(value))).orElse(false);
        if (has) out.add(new Link(new Ref(from.measureId(), value, Field.NUMERATOR), to));
    }

    private static void addLink(List<Link> out, MeasureSpec catalogue, MeasureSpec.Ref from, Ref to) {
        if (from == null) return;
        MeasureSpec.Measure source = catalogue.get(from.measureId()).orElseThrow();
        boolean totalCount = from.isTotal() && (isCount(source.unit()) || source.isDistribution());
        out.add(new Link(new Ref(from.measureId(), from.breakdownValue(), totalCount ? Field.VALUE : Field.NUMERATOR), to));
    }

    /** A row being suppressed: parsed numbers and which of its cells are hidden. */
    static final class Cell {
        final TrendRow row;
        final Long num, den, countValue;
        boolean supValue, supNum, supDen;

        Cell(TrendRow row) {
            this.row = row;
            this.num = row.numeratorAsLong();
            this.den = row.denominatorAsLong();
            this.countValue = isCount(row.unit()) ? TrendsFile.parseLong(row.value()) : null;
        }

        /** The count this row contributes to its distribution: numerator, or the value of a count row. */
        Long count() { return num != null ? num : countValue; }

        boolean countSuppressed() { return num != null ? supNum : supValue; }

        void suppressCount() {
            if (num != null) supNum = true;
            if (countValue != null && (num == null || Objects.equals(num, countValue))) supValue = true;
            if (!isCount(row.unit())) supValue = true; // a statistic (rate, percent, median) goes with its numerator
        }

        Long get(Field f) {
            return switch (f) { case VALUE -> countValue; case NUMERATOR -> num; case DENOMINATOR -> den; };
        }

        boolean isSuppressed(Field f) {
            return switch (f) { case VALUE -> supValue; case NUMERATOR -> supNum; case DENOMINATOR -> supDen; };
        }

        boolean suppress(Field f) {
            boolean before = isSuppressed(f);
            switch (f) {
                case VALUE -> { supValue = true; if (num != null && Objects.equals(num, countValue)) supNum = true; }
                case NUMERATOR -> { supNum = true; if (!isCount(row.unit()) || Objects.equals(num, countValue)) supValue = true; }
                // a percentage or a mean over 1-5 children would describe those children: it goes with them
                case DENOMINATOR -> { supDen = true; if ("percent".equals(row.unit()) || "mean".equals(row.unit())) supValue = true; }
            }
            return !before;
        }

        TrendRow toRow() {
            return row.withCounts(supNum ? MARK : row.numerator(), supDen ? MARK : row.denominator(),
                    supValue ? MARK : row.value());
        }
    }

    static boolean small(Long n) { return n != null && n >= 1 && n <= 5; }

    /** Suppresses with the links and non-additive breakdown values of data-schemas/measures.yaml. */
    public static List<TrendRow> apply(List<TrendRow> rows) { return apply(rows, MeasureSpec.load()); }

    public static List<TrendRow> apply(List<TrendRow> rows, MeasureSpec catalogue) {
        List<Link> links = links(catalogue);
        // an index relative to one breakdown value (the relative rate index): every row of the group gives that
        // value's count back (index x its rate), so all go when its count is suppressed
        Map<String, String> relativeTo = new LinkedHashMap<>();
        for (MeasureSpec.Measure m : catalogue.measures()) if (m.relativeTo() != null) relativeTo.put(m.id(), m.relativeTo());
        // breakdown values that overlap the bands (not part of their 100%): excluded from the additivity rule
        Set<String> nonAdditive = catalogue.nonAdditiveValues();
        List<Cell> cells = new ArrayList<>(rows.size());
        for (TrendRow r : rows) cells.add(new Cell(r));

        // 1. primary suppression
        for (Cell c : cells) {
            if (small(c.countValue)) c.suppress(Field.VALUE);
            if (small(c.num)) c.suppress(Field.NUMERATOR);
            if (small(c.den)) c.suppress(Field.DENOMINATOR);
        }

        // index rows by group and by (measure, period, la, breakdown_value) for the links
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        Map<String, Cell> totals = new LinkedHashMap<>();
        Map<String, Cell> byRef = new LinkedHashMap<>();
        for (Cell c : cells) {
            TrendRow r = c.row;
            String base = r.measureId() + "|" + r.timePeriod() + "|" + r.timeIdentifier() + "|" + r.newLaCode();
            if (r.isTotal()) totals.put(base, c);
            else groups.computeIfAbsent(base + "|" + r.breakdown(), k -> new ArrayList<>()).add(c);
            byRef.putIfAbsent(r.timePeriod() + "|" + r.timeIdentifier() + "|" + r.newLaCode() + "|" + r.measureId()
                    + "|" + r.breakdownValue(), c);
        }

        boolean changed = true;
        for (int pass = 0; changed && pass < 20; pass++) {
            changed = false;
            // 2. secondary suppression within distributions
            for (Map.Entry<String, List<Cell>> g : groups.entrySet()) {
                String base = g.getKey().substring(0, g.getKey().lastIndexOf('|'));
                Cell total = totals.get(base);
                List<Cell> members = g.getValue().stream()
                        .filter(c -> !nonAdditive.contains(c.row.breakdownValue()) && c.count() != null).toList();
                if (total != null && total.count() != null && !total.countSuppressed()) {
                    long suppressed = members.stream().filter(Cell::countSuppressed).count();
                    if (suppressed == 1) {
                        Cell next = members.stream().filter(c -> !c.countSuppressed())
                                .min(Comparator.<Cell>comparingInt(c -> c.count() == 0 ? 1 : 0).thenComparingLong(Cell::count))
                                .orElse(null);
                        if (next != null) next.suppressCount();
                        else total.suppressCount();
                        changed = true;
                    }
                }
                // 3. a suppressed Total takes the breakdown rows' denominators with it
                if (total != null && total.countSuppressed()) {
                    for (Cell c : g.getValue()) {
                        if (c.den != null && Objects.equals(c.den, total.count()) && !c.supDen) {
                            c.suppress(Field.DENOMINATOR);
                            changed = true;
                        }
                    }
                }
            }
            // 3b. an index relative to a suppressed count is suppressed with it (the Total row included)
            for (Map.Entry<String, List<Cell>> g : groups.entrySet()) {
                List<Cell> members = g.getValue();
                String ref = relativeTo.get(members.get(0).row.measureId());
                if (ref == null) continue;
                boolean refSuppressed = members.stream().anyMatch(c -> ref.equals(c.row.breakdownValue()) && c.isSuppressed(Field.NUMERATOR));
                if (!refSuppressed) continue;
                List<Cell> all = new ArrayList<>(members);
                Cell total = totals.get(g.getKey().substring(0, g.getKey().lastIndexOf('|')));
                if (total != null) all.add(total);
                for (Cell c : all) {
                    if (!c.supValue && c.row.value() != null && !c.row.value().isEmpty()) { c.supValue = true; changed = true; }
                }
            }
            // 4. linked cells
            for (Cell c : cells) {
                TrendRow r = c.row;
                String prefix = r.timePeriod() + "|" + r.timeIdentifier() + "|" + r.newLaCode() + "|";
                for (Link l : links) {
                    for (Ref[] pair : new Ref[][] {{l.a(), l.b()}, {l.b(), l.a()}}) {
                        Ref from = pair[0], to = pair[1];
                        if (!from.measureId().equals(r.measureId()) || !from.breakdownValue().equals(r.breakdownValue())) continue;
                        Cell other = byRef.get(prefix + to.measureId() + "|" + to.breakdownValue());
                        if (other == null || !c.isSuppressed(from.field()) || other.isSuppressed(to.field())) continue;
                        if (c.get(from.field()) == null || !Objects.equals(c.get(from.field()), other.get(to.field()))) continue;
                        other.suppress(to.field());
                        changed = true;
                    }
                }
            }
        }

        List<TrendRow> out = new ArrayList<>(cells.size());
        for (Cell c : cells) out.add(c.toRow());
        return out;
    }
}
