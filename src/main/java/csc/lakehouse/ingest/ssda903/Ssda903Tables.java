package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.spec.DataSchemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSDA903 input files as data: {@code data-schemas/inputs/ssda903/<table>.yaml} lists each file's
 * DfE columns with a {@code required} flag and the collection years ({@code from_year}/{@code to_year})
 * in which they are required. Also how a file name maps to a table and a collection year.
 */
public final class Ssda903Tables {
    /** Tables in the order their words are tried against a file name (longer words that contain others first). */
    public static final List<String> TABLES = List.of("sw_episodes", "placed_for_adoption", "previous_permanence",
            "episodes", "header", "reviews", "uasc", "oc2", "oc3", "ad1", "missing", "dolo");

    public static final class Column {
        public String name;
        public boolean required;
        public Integer from_year;
        public Integer to_year;

        boolean requiredIn(int year) {
            return required && (from_year == null || year >= from_year) && (to_year == null || year <= to_year);
        }
    }

    public static final class Spec {
        public String table;
        public String bronze_table;
        public String description;
        public List<String> file_words = new ArrayList<>();
        public String xml;
        public List<Column> columns = new ArrayList<>();

        public List<String> columnNames() {
            List<String> out = new ArrayList<>();
            for (Column c : columns) out.add(c.name);
            return out;
        }

        /** Columns required in the given collection year. */
        public List<String> required(int year) {
            List<String> out = new ArrayList<>();
            for (Column c : columns) if (c.requiredIn(year)) out.add(c.name);
            return out;
        }
    }

    private static volatile Map<String, Spec> specs;

    private Ssda903Tables() {}

    public static Map<String, Spec> all() {
        if (specs == null) {
            synchronized (Ssda903Tables.class) {
                if (specs == null) {
                    Map<String, Spec> m = new LinkedHashMap<>();
                    for (String t : TABLES) {
                        Spec s = DataSchemas.readYaml("inputs/ssda903/" + t + ".yaml", Spec.class);
                        if (!t.equals(s.table)) {
                            throw new IllegalStateException("data-schemas/inputs/ssda903/" + t + ".yaml names table " + s.table);
                        }
                        m.put(t, s);
                    }
                    specs = m;
                }
            }
        }
        return specs;
    }

    public static Spec spec(String table) {
        Spec s = all().get(table);
        if (s == null) throw new IllegalArgumentException("no SSDA903 table " + table);
        return s;
    }

    public static List<String> bronzeTables() {
        List<String> out = new ArrayList<>();
        for (Spec s : all().values()) out.add(s.bronze_table);
        return out;
    }

    /**
     * The table a file name names ({@code episodes.csv}, {@code SSDA903_2020_episodes.csv},
     * {@code 2017-episodes.csv}, {@code PlacedAdoption.csv}...): the first table word found in the name
     * once case, separators and the extension are ignored.
     */
    public static Optional<String> tableOf(String fileName) {
        String base = fileName.toLowerCase(Locale.ROOT);
        int dot = base.lastIndexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        String squashed = base.replaceAll("[^a-z0-9]", "");
        for (String t : TABLES) {
            for (String w : spec(t).file_words) {
                if (squashed.contains(w.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})(?!\\d)");

    /** Collection year: the {@code ssda903/<YYYY>/} folder, else a 4-digit year in the file name, else empty. */
    public static Optional<Integer> yearOf(Integer folderYear, String fileName) {
        if (folderYear != null) return Optional.of(folderYear);
        Matcher m = YEAR.matcher(fileName);
        return m.find() ? Optional.of(Integer.valueOf(m.group(1))) : Optional.empty();
    }
}
