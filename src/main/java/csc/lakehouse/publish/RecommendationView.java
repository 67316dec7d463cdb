package csc.lakehouse.publish;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The council's recommendations (ofsted_recommendations.yaml) with each tracking measure's previous and
 * latest values, target (targets.yaml), whether it is met and whether it got better or worse, read from
 * trends rows: one logic for the evidence pack and the workbook, with recommendations.csv's rounding
 * (one decimal, {@link TrendRow#formatValue}) and the configured tolerance ({@code steady_within}).
 */
final class RecommendationView {
    private RecommendationView() {}

    /** One recommendation-measure line; latest/previous null when there is none. */
    record Line(PublishConfig.Recommendation recommendation, String measureId, TrendRow previous, TrendRow latest,
                PublishConfig.Target target, String met, String direction) {}

    static List<Line> lines(List<TrendRow> rows, PublishConfig config) {
        Map<String, List<TrendRow>> byMeasure = TrendSeries.byMeasure(rows);
        List<Line> out = new ArrayList<>();
        for (PublishConfig.Recommendation rec : config.recommendations()) {
            for (String m : rec.measures()) {
                List<TrendRow> rs = byMeasure.getOrDefault(m, List.of());
                TrendRow last = latestAnyKind(rs);
                TrendRow prev = last == null ? null : previousOfKind(rs, last);
                PublishConfig.Target t = config.target(m);
                String met = t == null || t.target() == null || last == null || suppressed(last) ? ""
                        : met(t, last.valueAsDouble()) ? "met" : "not met";
                out.add(new Line(rec, m, prev, last, t, met, last == null ? "no data" : direction(config, m, last, prev)));
            }
        }
        return out;
    }

    static boolean suppressed(TrendRow r) { return r != null && Suppression.MARK.equals(r.value()); }

    static boolean met(PublishConfig.Target t, double v) {
        return Boolean.FALSE.equals(t.higherIsBetter()) ? v <= t.target() + 1e-9 : v >= t.target() - 1e-9;
    }

    /** Better/worse against the previous value, with the configured tolerance; plain up/down with no polarity. */
    static String direction(PublishConfig config, String measureId, TrendRow latest, TrendRow previous) {
        if (previous == null) return "first year";
        if (suppressed(previous) || suppressed(latest)) return "not comparable (c)";
        if (latest.valueAsDouble() == null || previous.valueAsDouble() == null) return "";
        double v = round(latest.valueAsDouble(), latest.unit()), p = round(previous.valueAsDouble(), previous.unit());
        if (Math.abs(v - p) <= config.steadyWithin() + 1e-9) return "\u25B6 about the same";
        PublishConfig.Target t = config.target(measureId);
        String arrow = v > p ? "\u25B2 up" : "\u25BC down";
        if (t == null || t.higherIsBetter() == null) return arrow;
        return arrow + ((v > p) == t.higherIsBetter() ? ", better" : ", worse");
    }

    static double round(double v, String unit) { return Double.parseDouble(TrendRow.formatValue(v, unit)); }

    static String periodLabel(TrendRow r) {
        return TrendSeries.REPORTING_YEAR.equals(r.timeIdentifier()) ? TrendSeries.label(r.timePeriod()) : r.timePeriod();
    }

    /** The latest Total row of any kind (reporting year or as-at date), as the recommendation tracker picks it. */
    static TrendRow latestAnyKind(List<TrendRow> rs) {
        TrendRow best = null;
        for (TrendRow r : rs) {
            if (!r.isTotal() || (r.valueAsDouble() == null && !suppressed(r))) continue;
            if (best == null || r.periodEnd().compareTo(best.periodEnd()) > 0
                    || (r.periodEnd().equals(best.periodEnd()) && TrendSeries.REPORTING_YEAR.equals(r.timeIdentifier()))) best = r;
        }
        return best;
    }

    /** The period just before the latest, of the same kind: a suppressed one is kept (shown as c). */
    static TrendRow previousOfKind(List<TrendRow> rs, TrendRow last) {
        TrendRow best = null;
        for (TrendRow r : rs) {
            if (!r.isTotal() || !r.timeIdentifier().equals(last.timeIdentifier())) continue;
            if (r.periodEnd().compareTo(last.periodEnd()) >= 0) continue;
            if (best == null || r.periodEnd().compareTo(best.periodEnd()) > 0) best = r;
        }
        return best;
    }
}
