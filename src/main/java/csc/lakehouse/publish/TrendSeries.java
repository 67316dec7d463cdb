package csc.lakehouse.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Helpers to read a measure's time series out of trends rows (reporting years, oldest first). */
final class TrendSeries {
    private TrendSeries() {}

    static final String REPORTING_YEAR = "Reporting year";

    /** measure -> rows, in file order. */
    static Map<String, List<TrendRow>> byMeasure(List<TrendRow> rows) {
        Map<String, List<TrendRow>> m = new LinkedHashMap<>();
        for (TrendRow r : rows) m.computeIfAbsent(r.measureId(), k -> new ArrayList<>()).add(r);
        return m;
    }

    /** Reporting-year rows of one breakdown value (Total for the headline), by time_period ascending. */
    static TreeMap<String, TrendRow> series(List<TrendRow> measureRows, String breakdownValue) {
        TreeMap<String, TrendRow> out = new TreeMap<>();
        if (measureRows == null) return out;
        for (TrendRow r : measureRows) {
            if (REPORTING_YEAR.equals(r.timeIdentifier()) && breakdownValue.equals(r.breakdownValue())) out.put(r.timePeriod(), r);
        }
        return out;
    }

    /**
     * Breakdown values of a measure other than Total, in the catalogue's order (data-schemas/measures.yaml: codes as
     * the code list has them, bands in their natural order, one breakdown after another); values the catalogue does
     * not list follow in their natural order: bands that start with a number (or "<n") by their lower bound
     * ({@code <9m, 9-<12m, 12-<24m, 24m+}), never alphabetically; other values in first-seen order (the file's order).
     */
    static List<String> breakdownValues(List<TrendRow> measureRows) {
        Set<String> s = new LinkedHashSet<>();
        for (TrendRow r : measureRows) if (!r.isTotal()) s.add(r.breakdownValue());
        List<String> out = naturalOrder(new ArrayList<>(s));
        if (measureRows.isEmpty()) return out;
        List<String> order = CatalogueOrder.SPEC.get(measureRows.get(0).measureId())
                .map(m -> m.breakdowns().stream().flatMap(b -> b.values().stream()).toList()).orElse(List.of());
        if (order.isEmpty()) return out;
        out.sort(Comparator.comparingInt(v -> order.contains(v) ? order.indexOf(v) : order.size()));
        return out;
    }

    private static final class CatalogueOrder {
        static final csc.lakehouse.spec.MeasureSpec SPEC = csc.lakehouse.spec.MeasureSpec.load();
    }

    private static final java.util.regex.Pattern BAND = java.util.regex.Pattern.compile("^\\s*(<|under\\s+)?(\\d+(?:\\.\\d+)?)");

    /** Bands by lower bound when every value is a band; otherwise unchanged. */
    static List<String> naturalOrder(List<String> values) {
        Map<String, double[]> key = new LinkedHashMap<>();
        for (String v : values) {
            java.util.regex.Matcher m = BAND.matcher(v.toLowerCase(Locale.ROOT));
            if (!m.find()) return values;
            double n = Double.parseDouble(m.group(2));
            // "<9m" holds everything below 9: it sorts before "9-<12m"; "24m+" after "12-<24m"
            key.put(v, new double[] {m.group(1) != null ? n - 1e6 : n, v.contains("+") ? 1 : 0});
        }
        List<String> out = new ArrayList<>(values);
        out.sort(Comparator.comparingDouble((String v) -> key.get(v)[0]).thenComparingDouble(v -> key.get(v)[1]));
        return out;
    }

    /** Reporting years present in the rows, ascending. */
    static List<String> periods(List<TrendRow> rows) {
        return rows.stream().filter(r -> REPORTING_YEAR.equals(r.timeIdentifier())).map(TrendRow::timePeriod).distinct()
                .sorted(Comparator.naturalOrder()).toList();
    }

    /** 202425 -> 2024-25; anything else unchanged. */
    static String label(String timePeriod) {
        if (timePeriod != null && timePeriod.matches("\\d{6}")) return timePeriod.substring(0, 4) + "-" + timePeriod.substring(4);
        return timePeriod;
    }

    static String unitLabel(String unit) {
        return switch (unit == null ? "" : unit) {
            case "percent" -> "%";
            case "rate_per_10000" -> "per 10,000 children";
            case "days" -> "days";
            case "index" -> "index (base year = 100)";
            case "percentage_points" -> "percentage points";
            case "index_points" -> "index points (base year = 100)";
            case "median" -> "median";
            case "mean" -> "average";
            default -> "number";
        };
    }

    static String format(Double v, String unit) {
        if (v == null) return "c";
        return switch (unit == null ? "" : unit) {
            case "percent" -> String.format(Locale.UK, "%.1f%%", v);
            case "rate_per_10000" -> String.format(Locale.UK, "%.1f per 10,000", v);
            case "days" -> String.format(Locale.UK, "%.0f days", v);
            case "index" -> String.format(Locale.UK, "%.1f", v);
            case "percentage_points" -> String.format(Locale.UK, "%+.1f pp", v);
            case "index_points" -> String.format(Locale.UK, "%+.1f index points", v);
            default -> v == Math.rint(v) ? String.format(Locale.UK, "%,d", v.longValue()) : String.format(Locale.UK, "%,.1f", v);
        };
    }
}
