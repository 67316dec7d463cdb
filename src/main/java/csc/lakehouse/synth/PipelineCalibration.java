package csc.lakehouse.synth;

import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calibration table computed from the pipeline's gold rows instead of the generator's journeys (issue: "switch it
 * to the pipeline's measures when they land"). Input: gold rows in the Trends shape (any gold tables; only
 * {@code measure_id, time_period, time_identifier, la_code, breakdown, value} are read). The indicator names of
 * synth/published_targets.csv are the pipeline's measure ids; {@code time_period} 202324 is collection year 2024.
 * A count (the row's {@code unit}, e.g. {@code cla_starts}) is divided by the drop's scale factor before it is set
 * beside the published figure (as CalibrationReport does); rates and percentages are scale-free.
 *
 * <p>Usage after a MeasuresJob: {@code PipelineCalibration.table(goldRows, "301", 1.0)}.
 */
public final class PipelineCalibration {
    private PipelineCalibration() {}

    /** collection year from a Reporting-year time_period ("202324" -> 2024), or -1 */
    static int year(String timePeriod) {
        if (timePeriod == null || !timePeriod.matches("\\d{6}")) return -1;
        return Integer.parseInt(timePeriod.substring(0, 4)) + 1;
    }

    /** indicator -> collection year -> pipeline value (Total, Reporting year, the LA), scale applied to counts */
    public static Map<String, Map<Integer, Double>> values(List<Row> gold, String la, double scale) {
        return values(gold, la, scale, List.of(CalibrationReport.INDICATORS));
    }

    /** the same for the given measure ids (e.g. the looked-after ones the pipeline publishes) */
    public static Map<String, Map<Integer, Double>> values(List<Row> gold, String la, double scale, List<String> wanted) {
        Map<String, Map<Integer, Double>> out = new TreeMap<>();
        for (Row r : gold) {
            if (r.schema() == null || !List.of(r.schema().fieldNames()).containsAll(List.of("measure_id", "time_period",
                    "time_identifier", "la_code", "breakdown", "value", "unit"))) continue;   // not a Trends-shaped row (e.g. recommendation_tracker)
            String m = r.getAs("measure_id");
            if (!wanted.contains(m)) continue;
            if (!la.equals(r.getAs("la_code")) || !"Total".equals(r.getAs("breakdown"))
                    || !"Reporting year".equals(r.getAs("time_identifier"))) continue;
            int y = year(r.getAs("time_period"));
            Object v = r.getAs("value");
            if (y < 0 || v == null) continue;
            double d = ((Number) v).doubleValue();
            if ("count".equals(r.getAs("unit"))) d = d / scale;
            out.computeIfAbsent(m, k -> new TreeMap<>()).put(y, d);
        }
        return out;
    }

    /** one row per published target the pipeline has a value for (generated = the pipeline's figure) */
    public static List<CalibrationReport.Row> rows(List<Row> gold, String la, double scale) {
        Map<String, Map<Integer, Double>> v = values(gold, la, scale);
        List<CalibrationReport.Row> out = new ArrayList<>();
        for (CalibrationReport.Target t : CalibrationReport.targets()) {
            Double g = v.getOrDefault(t.indicator(), Map.of()).get(t.year());
            if (g == null) continue;
            out.add(new CalibrationReport.Row(t.indicator(), t.year(), g, t.published(), (g - t.published()) / t.published() * 100));
        }
        return out;
    }

    /** the same table as {@code ./csc generate --report}, from the pipeline's measures, for LA 301 at borough scale */
    public static String table(List<Row> gold) { return table(gold, Generator.BOROUGH_LA, 1.0); }

    public static String table(List<Row> gold, String la, double scale) {
        StringBuilder sb = new StringBuilder("calibration from the pipeline's gold measures (LA " + la + ")\n");
        sb.append(String.format(Locale.ROOT, "%-30s %5s %10s %10s %8s%n", "indicator", "year", "pipeline", "published", "diff%"));
        int within = 0, total = 0;
        for (CalibrationReport.Row r : rows(gold, la, scale)) {
            boolean ok = Math.abs(r.diffPct()) <= 15;
            sb.append(String.format(Locale.ROOT, "%-30s %5d %10.1f %10.1f %+8.1f%s%n", r.indicator(), r.year(), r.generated(),
                    r.published(), r.diffPct(), ok ? "" : "  *"));
            total++; if (ok) within++;
        }
        sb.append(String.format(Locale.ROOT, "within 15%%: %d of %d (* = outside)%n", within, total));
        return sb.toString();
    }
}
