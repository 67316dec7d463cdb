package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Annex A lists as data ({@code data-schemas/inputs/annex_a/lists.yaml}): for each list its
 * number, name, silver table (lists 1-9), keys and columns, each column with the headings a workbook
 * may use, its bronze name and its silver type. Silver schemas and rules are generated from it.
 */
public final class AnnexASpec {
    public List<ListSpec> lists = new ArrayList<>();

    public static final class ListSpec {
        public int list;
        public String name;
        public String silver_table;
        public List<String> keys = new ArrayList<>();
        public List<Column> columns = new ArrayList<>();

        public String bronzeTable() { return "annex_a_list" + list; }

        public List<String> columnNames() {
            List<String> n = new ArrayList<>();
            for (Column c : columns) n.add(c.name);
            return n;
        }

        /** Normalised heading to bronze column name. */
        public Map<String, String> headingIndex() {
            Map<String, String> m = new LinkedHashMap<>();
            for (Column c : columns) for (String h : c.headers) m.put(normaliseHeading(h), c.name);
            return m;
        }
    }

    public static final class Column {
        public String name;
        public List<String> headers = new ArrayList<>();
        public String type = "string";
        public boolean required;
        public String codelist;

        public String silverName() { return "child_id".equals(type) ? "person_id" : name; }
    }

    private static volatile AnnexASpec instance;

    public static AnnexASpec get() {
        if (instance == null) instance = DataSchemas.readYaml("inputs/annex_a/lists.yaml", AnnexASpec.class);
        return instance;
    }

    public ListSpec list(int n) {
        for (ListSpec l : lists) if (l.list == n) return l;
        return null;
    }

    /** Headings compared ignoring case, curly quotes, punctuation and spacing. */
    public static String normaliseHeading(String h) {
        if (h == null) return "";
        String s = h.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace("'", "");
        return s.replaceAll("[^a-z0-9]+", " ").trim();
    }
}
