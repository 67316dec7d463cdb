package csc.lakehouse.publish;

import csc.lakehouse.spec.DataSchemas;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * trends.csv in the DfE's explore-education-statistics (EES) layout, written beside the current trends.csv
 * (which keeps its layout for one more release, docs/publishing.md), so analysts can stack the council's
 * file with the DfE's own CIN and CLA files:
 * <ul>
 *   <li>{@code trends_ees.csv}: reporting years, {@code time_period} the year the reporting year ends (2025 for
 *       2024-25) with {@code time_identifier} "Reporting year", as the DfE's CIN and CLA files;</li>
 *   <li>{@code trends_ees_as_at.csv}: as-at snapshots, time_period the calendar year and time_identifier its month
 *       (a file holds one kind of time identifier);</li>
 *   <li>{@code trends_ees_projections.csv}: projections, in their own file;</li>
 *   <li>a {@code .meta.csv} beside each, describing every filter and indicator column.</li>
 * </ul>
 * Geography columns country/region/old_la_code/new_la_code/la_name; {@code measure} and one column per
 * breakdown as filters ("Total" when a row is not broken down by it); indicators numerator, denominator and
 * one column per unit, so a column never mixes units. Symbols: c suppressed, z not applicable (another unit's
 * column), x not collected (no value), low (rounds to 0 but is not 0).
 */
public final class EesFiles {
    private EesFiles() {}

    public static final List<String> GEOGRAPHY = List.of("time_period", "time_identifier", "geographic_level", "country_code",
            "country_name", "region_code", "region_name", "old_la_code", "new_la_code", "la_name");
    /** Indicator column per unit, in column order. */
    static final Map<String, String> UNIT_COLUMN = new LinkedHashMap<>();
    static {
        UNIT_COLUMN.put("count", "number");
        UNIT_COLUMN.put("percent", "percent");
        UNIT_COLUMN.put("rate_per_10000", "rate_per_10000");
        UNIT_COLUMN.put("days", "days");
        UNIT_COLUMN.put("median", "median");
        UNIT_COLUMN.put("mean", "mean");
        UNIT_COLUMN.put("index", "index");
        UNIT_COLUMN.put("percentage_points", "percentage_points");
    }

    public static final String FILE = "trends_ees.csv", AS_AT = "trends_ees_as_at.csv", PROJECTIONS = "trends_ees_projections.csv";

    /** Writes the three EES files and their .meta.csv into dir; returns the files written. */
    public static List<Path> write(List<TrendRow> rows, Path dir, Map<String, ? extends MeasureDefinitionLike> catalogue) {
        List<TrendRow> years = new ArrayList<>(), asAt = new ArrayList<>(), projections = new ArrayList<>();
        for (TrendRow r : rows) {
            if (r.measureId().contains("projection")) projections.add(r);
            else if (TrendSeries.REPORTING_YEAR.equals(r.timeIdentifier())) years.add(r);
            else asAt.add(r);
        }
        List<Path> out = new ArrayList<>();
        out.addAll(writeOne(years, dir.resolve(FILE), catalogue));
        out.addAll(writeOne(asAt, dir.resolve(AS_AT), catalogue));
        out.addAll(writeOne(projections, dir.resolve(PROJECTIONS), catalogue));
        return out;
    }

    static List<Path> writeOne(List<TrendRow> rows, Path file, Map<String, ? extends MeasureDefinitionLike> catalogue) {
        Table t = table(rows);
        Path meta = file.resolveSibling(file.getFileName().toString().replace(".csv", ".meta.csv"));
        CsvFile.write(file, t.header, t.lines);
        CsvFile.write(meta, META_COLUMNS, meta(t, catalogue));
        return List.of(file, meta);
    }

    /** A file's header and lines. */
    record Table(List<String> header, List<String> filters, List<String> indicators, List<List<String>> lines) {}

    static Table table(List<TrendRow> rows) {
        TreeSet<String> breakdowns = new TreeSet<>();
        TreeSet<String> units = new TreeSet<>((a, b) -> Integer.compare(unitOrder(a), unitOrder(b)));
        for (TrendRow r : rows) {
            if (!r.isTotal()) breakdowns.add(column(r.breakdown()));
            units.add(r.unit());
        }
        List<String> filters = new ArrayList<>();
        filters.add("measure");
        filters.addAll(breakdowns);
        List<String> indicators = new ArrayList<>(List.of("numerator", "denominator"));
        for (String u : units) indicators.add(UNIT_COLUMN.getOrDefault(u, column(u)));
        List<String> header = new ArrayList<>(GEOGRAPHY);
        header.addAll(filters);
        header.addAll(indicators);
        List<List<String>> lines = new ArrayList<>();
        for (TrendRow r : rows) {
            List<String> l = new ArrayList<>(geography(r));
            l.add(r.measureId());
            for (String b : breakdowns) l.add(!r.isTotal() && column(r.breakdown()).equals(b) ? r.breakdownValue() : "Total");
            l.add(count(r.numerator()));
            l.add(count(r.denominator()));
            String mine = UNIT_COLUMN.getOrDefault(r.unit(), column(r.unit()));
            for (String u : units) {
                String col = UNIT_COLUMN.getOrDefault(u, column(u));
                l.add(col.equals(mine) ? value(r) : "z");
            }
            lines.add(l);
        }
        return new Table(header, filters, indicators, lines);
    }

    private static int unitOrder(String u) {
        int i = new ArrayList<>(UNIT_COLUMN.keySet()).indexOf(u);
        return i < 0 ? 100 + Math.abs(u.hashCode() % 1000) : i;
    }

    /** A snake_case column name. */
    static String column(String s) {
        String c = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return c.isEmpty() ? "unit" : Character.isDigit(c.charAt(0)) ? "x" + c : c;
    }

    private static String count(String v) {
        if (v.isEmpty()) return "z";
        return v;
    }

    /** The row's value, or its symbol: c suppressed, x not collected, low rounds to 0 but is not 0. */
    static String value(TrendRow r) {
        String v = r.value();
        if (Suppression.MARK.equals(v)) return "c";
        if (v.isEmpty()) return "x";
        Double d = r.valueAsDouble();
        Long n = r.numeratorAsLong();
        if (d != null && d == 0.0 && n != null && n > 0) return "low";
        return v;
    }

    /** time_period and time_identifier in the DfE's convention, then the geography columns. */
    static List<String> geography(TrendRow r) {
        String tp, ti;
        if (TrendSeries.REPORTING_YEAR.equals(r.timeIdentifier()) && r.timePeriod().matches("\\d{6}")) {
            tp = String.valueOf(Integer.parseInt(r.timePeriod().substring(0, 4)) + 1);
            ti = TrendSeries.REPORTING_YEAR;
        } else {
            LocalDate d = LocalDate.parse(!r.periodEnd().isEmpty() ? r.periodEnd() : r.timePeriod());
            tp = String.valueOf(d.getYear());
            ti = d.getMonth().getDisplayName(TextStyle.FULL, Locale.UK);
        }
        String[] la = LA.getOrDefault(r.newLaCode(), new String[] {"", "", "", r.laName()});
        String level = r.geographicLevel().isEmpty() ? "Local authority" : r.geographicLevel();
        return List.of(tp, ti, level, "E92000001", "England", la[1], la[2], la[0], r.newLaCode(),
                r.laName().isEmpty() ? la[3] : r.laName());
    }

    /** new_la_code -> {old_la_code, region_code, region_name, la_name}, from data-schemas/reference/la_codes.csv. */
    static final Map<String, String[]> LA = loadLas();

    private static Map<String, String[]> loadLas() {
        Map<String, String[]> m = new LinkedHashMap<>();
        try {
            List<List<String>> recs = CsvFile.read(new StringReader(DataSchemas.readText("reference/la_codes.csv")));
            for (int i = 1; i < recs.size(); i++) {
                List<String> r = recs.get(i);
                if (r.size() < 5) continue;
                // the DfE's files place Inner and Outer London boroughs in the London region
                String[] region = Benchmarks.region(r.get(3), r.get(4));
                m.put(r.get(1), new String[] {r.get(0), region[0], region[1], r.get(2)});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static final List<String> META_COLUMNS = List.of("col_name", "col_type", "label", "indicator_grouping", "indicator_unit",
            "indicator_dp", "filter_hint", "filter_grouping_column");

    static List<List<String>> meta(Table t, Map<String, ? extends MeasureDefinitionLike> catalogue) {
        List<List<String>> out = new ArrayList<>();
        for (String f : t.filters()) {
            out.add(List.of(f, "Filter", f.equals("measure") ? "Measure" : capital(f.replace('_', ' ')), "", "", "",
                    f.equals("measure") ? "The measure: see docs/measures.md" : "Total when the measure is not broken down by it", ""));
        }
        for (String i : t.indicators()) {
            String label = switch (i) {
                case "numerator" -> "Numerator (children or events counted)";
                case "denominator" -> "Denominator";
                case "number" -> "Number";
                case "percent" -> "Percentage";
                case "rate_per_10000" -> "Rate per 10,000 children";
                default -> capital(i.replace('_', ' '));
            };
            String unit = i.equals("percent") ? "%" : "";
            String dp = List.of("numerator", "denominator", "number").contains(i) ? "0" : "1";
            out.add(List.of(i, "Indicator", label, "", unit, dp, "", ""));
        }
        return out;
    }

    private static String capital(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
