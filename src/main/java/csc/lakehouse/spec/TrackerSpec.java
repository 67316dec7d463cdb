package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input schema of one local tracker, {@code data-schemas/inputs/local/<tracker>.yaml}: the columns a
 * council supplies in {@code local/<tracker>.csv}, their types, which are required, their code lists,
 * and the order checks. The silver table, its rules and the blank template are generated from it
 * ({@code data-schemas/inputs/local/generate.py}).
 *
 * <p>Column types: {@code child_id} (pseudonymised into {@code person_id}), {@code family_id}
 * (pseudonymised in place), {@code string}, {@code code} (normalised to lower case with underscores,
 * checked against {@code codelist}), {@code date}, {@code datetime}, {@code int}, {@code double},
 * {@code boolean}.
 */
public final class TrackerSpec {
    public String tracker;
    public String description;
    public String silver_table;
    public List<String> keys = new ArrayList<>();
    public List<Column> columns = new ArrayList<>();
    public List<Check> checks = new ArrayList<>();

    public static final class Column {
        public String name;
        public String type = "string";
        public boolean required;
        public String codelist;
        public String description;

        /** The silver column this input column becomes. */
        public String silverName() { return "child_id".equals(type) ? "person_id" : name; }

        public boolean isIdentifier() { return "child_id".equals(type) || "family_id".equals(type); }
    }

    public static final class Check {
        public String id;
        public String start;
        public String end;
        public String expr;
        public String message;
    }

    private static volatile Map<String, TrackerSpec> all;

    /** Every tracker declared in data-schemas/inputs/local, by name. */
    public static Map<String, TrackerSpec> all() {
        if (all == null) {
            Map<String, TrackerSpec> m = new LinkedHashMap<>();
            for (String f : DataSchemas.list("inputs/local")) {
                if (!f.endsWith(".yaml")) continue;
                TrackerSpec s = DataSchemas.readYaml("inputs/local/" + f, TrackerSpec.class);
                if (!f.equals(s.tracker + ".yaml")) {
                    throw new IllegalStateException("data-schemas/inputs/local/" + f + " names tracker " + s.tracker);
                }
                m.put(s.tracker, s);
            }
            all = m;
        }
        return all;
    }

    public static TrackerSpec get(String tracker) {
        TrackerSpec s = all().get(tracker);
        if (s == null) throw new IllegalArgumentException("no tracker schema data-schemas/inputs/local/" + tracker + ".yaml");
        return s;
    }

    public List<String> columnNames() {
        List<String> n = new ArrayList<>();
        for (Column c : columns) n.add(c.name);
        return n;
    }

    public List<String> requiredColumns() {
        List<String> n = new ArrayList<>();
        for (Column c : columns) if (c.required) n.add(c.name);
        return n;
    }

    public String bronzeTable() { return "local_" + tracker; }
}
