package csc.lakehouse.publish;

import csc.lakehouse.spec.MeasureSpec;
import csc.lakehouse.spec.NationalFramework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The national framework dashboard's indicators as the pack and the workbook show them: for each indicator the
 * council's reporting-year figures (a suppressed year is kept as {@code c}), and, for the latest year that both a
 * council figure and the DfE's files hold, every comparator and the quartile band. One computation for both outputs.
 */
final class NationalFrameworkView {
    /**
     * One indicator. {@code series}: the council's reporting-year rows by period (empty when not computed or not
     * held); {@code comparatorPeriod} null when no year has both; {@code comparators}: comparator label -> value.
     * {@code publishedSeries}: for an indicator only national data holds, the council's published (LAIT) values by
     * LAIT's year label, shown instead of a computed series and labelled as published; empty otherwise.
     */
    record Line(NationalFramework.Indicator indicator, TreeMap<String, TrendRow> series, String comparatorPeriod,
                Map<String, Double> comparators, Benchmarks.Position position, Double published,
                TreeMap<String, Double> publishedSeries, Boolean higherIsBetter) {
        /** Why a row with comparators has no quartile band (LAIT bands only by a better direction), or null. */
        String noBand() {
            if (comparatorPeriod == null || position != null) return null;
            return higherIsBetter == null ? "no quartile band: neither a higher nor a lower figure is better"
                    : "no quartile band: no other LA's figure is published for the year";
        }

        /** The council's figure for the comparator year (the one set beside the DfE's published figure for it). */
        Double atComparatorPeriod() { return comparatorPeriod == null ? null : series.get(comparatorPeriod).valueAsDouble(); }

        TrendRow latest() { return series.isEmpty() ? null : series.lastEntry().getValue(); }

        /** The two years before the latest, newest first. */
        List<TrendRow> before() {
            List<TrendRow> out = new ArrayList<>();
            if (series.isEmpty()) return out;
            for (TrendRow r : series.headMap(series.lastKey(), false).descendingMap().values()) {
                if (out.size() == 2) break;
                out.add(r);
            }
            return out;
        }

        /** The two published (LAIT) years before the latest, newest first: label -> value. */
        List<Map.Entry<String, Double>> publishedBefore() {
            List<Map.Entry<String, Double>> out = new ArrayList<>();
            if (publishedSeries.isEmpty()) return out;
            for (Map.Entry<String, Double> e : publishedSeries.headMap(publishedSeries.lastKey(), false).descendingMap().entrySet()) {
                if (out.size() == 2) break;
                out.add(e);
            }
            return out;
        }

        /** Where the figure comes from, or why there is none. */
        String source() {
            NationalFramework.Indicator i = indicator;
            if (i.publishedOnly() && !publishedSeries.isEmpty()) {
                // the year beside the value is LAIT's own label for this year type (the pack's introduction says so)
                return "Published: LAIT " + i.laitItem() + " (" + i.laitYearType() + ")";
            }
            if (!i.computed()) return i.notComputed();
            if (series.isEmpty()) return "Computed here, but the returns held give no figure";
            return "Computed from the council's returns (" + i.measureId()
                    + ("Total".equals(i.breakdownValue()) ? "" : ", " + i.breakdownValue()) + ")";
        }
    }

    private NationalFrameworkView() {}

    static List<Line> lines(Map<String, List<TrendRow>> byMeasure, Benchmarks benchmarks, PublishConfig config) {
        List<Line> out = new ArrayList<>();
        for (NationalFramework.Indicator i : NationalFramework.indicators()) {
            if (i.publishedOnly()) {
                out.add(publishedOnly(i, benchmarks));
                continue;
            }
            TreeMap<String, TrendRow> s = i.computed() && byMeasure.containsKey(i.measureId())
                    ? reported(byMeasure.get(i.measureId()), i.breakdownValue()) : new TreeMap<>();
            String cp = s.isEmpty() ? null : comparatorPeriod(s, benchmarks, i.measureId(), i.breakdownValue());
            Map<String, Double> comps = new LinkedHashMap<>();
            Benchmarks.Position pos = null;
            Double published = null;
            if (cp != null) {
                published = benchmarks.published(i.measureId(), i.breakdownValue(), cp);
                for (String c : Benchmarks.COMPARATORS) {
                    Benchmarks.Benchmark b = benchmarks.get(i.measureId(), i.breakdownValue(), cp, c);
                    if (b != null) comps.put(benchmarks.label(c), b.value());
                }
                pos = position(benchmarks, config, i.measureId(), i.breakdownValue(), cp, s.get(cp));
            }
            PublishConfig.Target polarity = i.computed() ? config.target(i.measureId()) : null;
            out.add(new Line(i, s, cp, comps, pos, published, new TreeMap<>(),
                    polarity == null ? null : polarity.higherIsBetter()));
        }
        return out;
    }

    /**
     * An indicator only national data holds: the council's LAIT values, and for the latest year with England's or
     * the neighbours' value too, the comparators and the band by LAIT's polarity.
     */
    static Line publishedOnly(NationalFramework.Indicator i, Benchmarks benchmarks) {
        String m = Benchmarks.lait(i.laitItem());
        TreeMap<String, Double> ps = benchmarks.ownSeries(m, MeasureSpec.TOTAL);
        String cp = null;
        for (String p : ps.descendingKeySet()) {
            if (benchmarks.get(m, MeasureSpec.TOTAL, p, Benchmarks.ENGLAND) != null
                    || benchmarks.get(m, MeasureSpec.TOTAL, p, Benchmarks.SN) != null) { cp = p; break; }
        }
        Map<String, Double> comps = new LinkedHashMap<>();
        Benchmarks.Position pos = null;
        if (cp != null) {
            for (String c : Benchmarks.COMPARATORS) {
                Benchmarks.Benchmark b = benchmarks.get(m, MeasureSpec.TOTAL, cp, c);
                if (b != null) comps.put(benchmarks.label(c), b.value());
            }
            pos = benchmarks.position(m, MeasureSpec.TOTAL, cp, ps.get(cp), i.laitHigherIsBetter());
        }
        return new Line(i, new TreeMap<>(), cp, comps, pos, null, ps, i.laitHigherIsBetter());
    }

    /** Where the council's figure for a period stands among all LAs, by the measure's polarity; null when it cannot. */
    static Benchmarks.Position position(Benchmarks benchmarks, PublishConfig config, String measureId, String breakdownValue,
                                        String period, TrendRow here) {
        PublishConfig.Target polarity = config.target(measureId);
        Double v = here == null ? null : here.valueAsDouble();
        return v == null || polarity == null ? null
                : benchmarks.position(measureId, breakdownValue, period, v, polarity.higherIsBetter());
    }

    /** Reporting-year rows of one series with a value or suppressed (c), by period. */
    static TreeMap<String, TrendRow> reported(List<TrendRow> measureRows, String breakdownValue) {
        TreeMap<String, TrendRow> s = TrendSeries.series(measureRows, breakdownValue);
        s.values().removeIf(r -> r.valueAsDouble() == null && !Suppression.MARK.equals(r.value()));
        return s;
    }

    /** The latest period with both a council value (not suppressed) and an England or neighbours' figure, or null. */
    static String comparatorPeriod(TreeMap<String, TrendRow> reported, Benchmarks benchmarks, String measureId,
                                   String breakdownValue) {
        for (String p : reported.descendingKeySet()) {
            if (Suppression.MARK.equals(reported.get(p).value())) continue;
            if (benchmarks.get(measureId, breakdownValue, p, Benchmarks.ENGLAND) != null
                    || benchmarks.get(measureId, breakdownValue, p, Benchmarks.SN) != null) return p;
        }
        return null;
    }
}
