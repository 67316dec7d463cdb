package csc.lakehouse.publish;

import csc.lakehouse.measures.LaReference;
import csc.lakehouse.measures.ReportedFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The council's reported figures ({@link ReportedFigures#figures()}) matched to the rows an output shows (the
 * evidence pack's suppressed rows), with the same matching as gold.reported_figures: the same LA, measure,
 * breakdown value, time_period and period_start..period_end. A suppressed row shows as c, with no difference.
 */
final class ReportedFiguresView {
    private ReportedFiguresView() {}

    /** One figure; lakehouse and differencePct formatted for reading (null lakehouse: no row in this run). */
    record Line(ReportedFigures.Figure figure, String when, String lakehouse, String differencePct) {}

    static List<Line> lines(List<TrendRow> rows, List<ReportedFigures.Figure> figures) {
        List<Line> out = new ArrayList<>();
        for (ReportedFigures.Figure f : figures) {
            LaReference.La la = LaReference.all().get(f.laCode());
            String newCode = la == null ? null : la.newLaCode();
            // a pack for another council does not show this council's reported figures
            if (rows.stream().noneMatch(r -> r.newLaCode().equals(newCode))) continue;
            TrendRow match = null;
            for (TrendRow r : rows) {
                if (r.newLaCode().equals(newCode) && r.measureId().equals(f.measureId())
                        && r.breakdownValue().equals(f.breakdownValue()) && r.timePeriod().equals(f.timePeriod())
                        && r.periodStart().equals(f.periodStart().toString()) && r.periodEnd().equals(f.periodEnd().toString())) {
                    match = r;
                    break;
                }
            }
            String when = f.when() + ("year_to_date".equals(f.period()) ? " (year to date)" : "");
            if (match == null) { out.add(new Line(f, when, null, null)); continue; }
            String unit = f.ofNumerator() ? "count" : match.unit();
            String shown = f.ofNumerator() ? match.numerator() : match.value();
            if (Suppression.MARK.equals(shown)) { out.add(new Line(f, when, "c", null)); continue; }
            Double v = parse(shown);
            if (v == null) { out.add(new Line(f, when, null, null)); continue; }
            String diff = f.value() == 0 ? null
                    : String.format(Locale.UK, "%+.1f%%", (v - f.value()) / f.value() * 100);
            out.add(new Line(f, when, EvidencePack.show(v, unit), diff));
        }
        return out;
    }

    /** A report's figure as the report gives it (3.17 days, 2.5%, 2,355): never rounded to the pack's one decimal. */
    static String asReported(double v, String unit) {
        String n = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return switch (unit == null ? "" : unit) {
            case "percent" -> n + "%";
            case "days" -> n + " days";
            case "count" -> String.format(Locale.UK, "%,d", Math.round(v));
            default -> n;
        };
    }

    private static Double parse(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
