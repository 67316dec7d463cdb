package csc.lakehouse.publish;

import csc.lakehouse.measures.Trends;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One published trends row (architecture.md section 5): every field as trends.csv shows it ("" for empty, {@code x}
 * for not collected, {@code c} once suppressed), with typed readings of the numbers. Publish builds the list once from
 * gold ({@link #fromGold}) and hands the same immutable list to trends.csv, the suppressed copy, the DfE-format files,
 * the workbook and the evidence pack: nothing is written and parsed back.
 */
public record TrendRow(String measureId, String timePeriod, String timeIdentifier, String periodStart,
        String periodEnd, String geographicLevel, String newLaCode, String laName, String breakdown,
        String breakdownValue, String numerator, String denominator, String value, String unit) {

    /** trends.csv's columns, in order: the record's components. */
    public static final List<String> COLUMNS = List.of("measure_id", "time_period", "time_identifier",
            "period_start", "period_end", "geographic_level", "new_la_code", "la_name", "breakdown",
            "breakdown_value", "numerator", "denominator", "value", "unit");

    public TrendRow {
        measureId = nz(measureId); timePeriod = nz(timePeriod); timeIdentifier = nz(timeIdentifier);
        periodStart = nz(periodStart); periodEnd = nz(periodEnd); geographicLevel = nz(geographicLevel);
        newLaCode = nz(newLaCode); laName = nz(laName); breakdown = nz(breakdown);
        breakdownValue = nz(breakdownValue); numerator = nz(numerator); denominator = nz(denominator);
        value = nz(value); unit = nz(unit);
    }

    /**
     * A gold row (the Trends shape) as published: numerator and denominator whole, value formatted for its unit
     * ({@link #formatValue}), dates ISO; a row gold marks not collected shows the DfE's {@code x}.
     */
    public static TrendRow fromGold(org.apache.spark.sql.Row r) {
        String unit = str(r, "unit");
        List<String> f = new ArrayList<>(COLUMNS.size());
        for (String c : COLUMNS) {
            Object v = r.getAs(c);
            switch (c) {
                case "numerator", "denominator" -> f.add(v == null ? "" : Long.toString(((Number) v).longValue()));
                case "value" -> f.add(formatValue(v == null ? null : ((Number) v).doubleValue(), unit));
                case "period_start", "period_end" -> f.add(formatDate(v));
                default -> f.add(v == null ? "" : v.toString());
            }
        }
        if (Trends.status(str(r, "note")) == Trends.Status.NOT_COLLECTED) {
            f.set(COLUMNS.indexOf("value"), Trends.NOT_COLLECTED_SYMBOL);
        }
        return of(f);
    }

    /** A row from its fields in {@link #COLUMNS} order. */
    public static TrendRow of(List<String> f) {
        return new TrendRow(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7), f.get(8),
                f.get(9), f.get(10), f.get(11), f.get(12), f.get(13));
    }

    static String str(org.apache.spark.sql.Row r, String c) {
        Object v = r.getAs(c);
        return v == null ? "" : v.toString();
    }

    /** Counts as integers; everything else one decimal, HALF_UP, plain notation; empty for null/NaN/infinite. */
    public static String formatValue(Double v, String unit) {
        if (v == null || v.isNaN() || v.isInfinite()) return "";
        int scale = "count".equals(unit) ? 0 : 1;
        BigDecimal b = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
        if (b.signum() == 0) b = b.abs(); // no "-0.0"
        return b.toPlainString();
    }

    static String formatDate(Object v) {
        if (v == null) return "";
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof java.time.LocalDate d) return d.toString();
        return v.toString();
    }

    public boolean isTotal() { return "Total".equals(breakdown); }

    public List<String> fields() {
        return List.of(measureId, timePeriod, timeIdentifier, periodStart, periodEnd, geographicLevel,
                newLaCode, laName, breakdown, breakdownValue, numerator, denominator, value, unit);
    }

    public TrendRow withCounts(String numerator, String denominator, String value) {
        return new TrendRow(measureId, timePeriod, timeIdentifier, periodStart, periodEnd, geographicLevel,
                newLaCode, laName, breakdown, breakdownValue, numerator, denominator, value, unit);
    }

    /** value as a double, or null when empty, suppressed or not a number. */
    public Double valueAsDouble() { return parseDouble(value); }

    public Long numeratorAsLong() { return parseLong(numerator); }

    public Long denominatorAsLong() { return parseLong(denominator); }

    static String nz(String s) { return s == null ? "" : s; }

    static Double parseDouble(String s) {
        if (s == null || s.isBlank()) return null;
        try { return Double.valueOf(s.trim()); } catch (NumberFormatException e) { return null; }
    }

    static Long parseLong(String s) {
        Double d = parseDouble(s);
        if (d == null || d != Math.rint(d)) return null;
        return d.longValue();
    }
}
