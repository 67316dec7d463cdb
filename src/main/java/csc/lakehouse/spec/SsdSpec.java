package csc.lakehouse.spec;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Standard Safeguarding Dataset specification as data: {@code data-schemas/inputs/ssd/objects/*.yml}
 * (one file per SSD table, vendored from data-to-insight/ssd-data-model) plus {@code relationships.yml},
 * with {@code spec.yaml} naming the version and the few places the pipeline departs from the spec's flags.
 * Readers take column names, types, keys and {@code required} flags from here; the silver rules for
 * duplicates and foreign keys are written from it ({@link SsdRuleFiles}).
 */
public final class SsdSpec {
    static final String DIR = "inputs/ssd/";

    /** One SSD field. {@code kind} is {@code date}, {@code int}, {@code float} or {@code string}. */
    public record Field(String name, String type, String kind, boolean primaryKey, boolean required,
                        boolean unique, String foreignKey, List<String> returns) {}

    /** One SSD table: its fields in spec order and the key used for duplicates. */
    public record Table(String name, List<Field> fields, String primaryKey) {
        public Optional<Field> field(String name) {
            for (Field f : fields) if (f.name.equalsIgnoreCase(name)) return Optional.of(f);
            return Optional.empty();
        }

        public List<String> fieldNames() {
            List<String> n = new ArrayList<>();
            for (Field f : fields) n.add(f.name);
            return n;
        }

        /** Fields a file or database table must have: the key and every field the spec marks required. */
        public List<String> mandatory() {
            Set<String> out = new java.util.LinkedHashSet<>();
            if (primaryKey != null) out.add(primaryKey);
            for (Field f : fields) if (f.required) out.add(f.name);
            return new ArrayList<>(out);
        }

        public List<String> dateFields() {
            List<String> n = new ArrayList<>();
            for (Field f : fields) if (f.kind.equals("date")) n.add(f.name);
            return n;
        }
    }

    /** A foreign key between SSD tables from {@code relationships.yml}. */
    public record Relationship(String parentTable, String parentKey, String childTable, String childKey) {}

    private static volatile SsdSpec instance;

    public final String version;
    private final Map<String, Table> tables;
    private final List<Relationship> relationships;
    private final Pattern datePattern;

    private SsdSpec(String version, Map<String, Table> tables, List<Relationship> relationships, Pattern datePattern) {
        this.version = version;
        this.tables = tables;
        this.relationships = relationships;
        this.datePattern = datePattern;
    }

    public static SsdSpec get() {
        SsdSpec s = instance;
        if (s == null) {
            synchronized (SsdSpec.class) {
                if (instance == null) instance = load();
                s = instance;
            }
        }
        return s;
    }

    /** Every SSD table, by name ({@code ssd_person}, {@code ssd_contacts}, ...). */
    public Map<String, Table> tables() { return tables; }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Foreign keys whose child is {@code table} and whose parent table and key exist in the spec. */
    public List<Relationship> foreignKeys(String table) {
        List<Relationship> out = new ArrayList<>();
        for (Relationship r : relationships) if (r.childTable.equals(table)) out.add(r);
        return out;
    }

    /** True for a date or datetime as the SSD writes it (ISO date, optional time of day). */
    public boolean isSsdDate(String raw) {
        return raw != null && datePattern.matcher(raw.trim()).matches();
    }

    public String datePattern() { return datePattern.pattern(); }

    @SuppressWarnings("unchecked")
    private static SsdSpec load() {
        Map<String, Object> meta = readMap(DIR + "spec.yaml");
        Map<String, String> keyOverride = (Map<String, String>) meta.getOrDefault("primary_keys", Map.of());
        Set<String> notUnique = new TreeSet<>((List<String>) meta.getOrDefault("unique_not_enforced", List.of()));
        Map<String, Table> tables = new java.util.TreeMap<>();
        for (String f : DataSchemas.list(DIR + "objects")) {
            if (!f.startsWith("ssd_") || !f.endsWith(".yml")) continue;
            Map<String, Object> doc = readMap(DIR + "objects/" + f);
            for (Map<String, Object> node : (List<Map<String, Object>>) doc.get("nodes")) {
                String name = ((String) node.get("name")).toLowerCase(Locale.ROOT);
                List<Field> fields = new ArrayList<>();
                String pk = null;
                for (Map<String, Object> fl : (List<Map<String, Object>>) node.get("fields")) {
                    String fname = ((String) fl.get("name")).toLowerCase(Locale.ROOT);
                    String type = String.valueOf(fl.get("type")).toLowerCase(Locale.ROOT);
                    boolean isPk = Boolean.TRUE.equals(fl.get("primary_key"));
                    boolean required = false, unique = false;
                    Object vals = fl.get("validators");
                    if (vals instanceof List<?> list) {
                        for (Object v : list) {
                            if (!(v instanceof Map<?, ?> m)) continue;
                            required |= enabled(m.get("required"));
                            unique |= enabled(m.get("unique"));
                        }
                    }
                    if (notUnique.contains(name + "." + fname)) unique = false;
                    String fk = fl.get("foreign_key") == null ? null : String.valueOf(fl.get("foreign_key"));
                    List<String> returns = fl.get("returns") instanceof List<?> l
                            ? l.stream().map(String::valueOf).toList() : List.of();
                    fields.add(new Field(fname, type, kind(type), isPk, required, unique, fk, returns));
                    if (isPk && pk == null) pk = fname;
                }
                if (keyOverride.containsKey(name)) pk = keyOverride.get(name);
                tables.put(name, new Table(name, List.copyOf(fields), pk));
            }
        }
        List<Relationship> rels = new ArrayList<>();
        Map<String, Object> doc = readMap(DIR + "objects/relationships.yml");
        for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("relationships")) {
            String pt = lower(r.get("parent_object")), pkey = lower(r.get("parent_key"));
            String ct = lower(r.get("child_object")), ckey = lower(r.get("child_key"));
            // keep only relationships that name real tables and fields ("pers_person_id (field is both PK/FK)"
            // and misspelt tables are left out rather than guessed)
            Table p = tables.get(pt), c = tables.get(ct);
            if (p == null || c == null || p.field(pkey).isEmpty() || c.field(ckey).isEmpty()) continue;
            rels.add(new Relationship(pt, pkey, ct, ckey));
        }
        return new SsdSpec(String.valueOf(meta.get("version")), Collections.unmodifiableMap(tables),
                List.copyOf(rels), Pattern.compile(String.valueOf(meta.get("date_pattern"))));
    }

    private static String lower(Object o) {
        return o == null ? "" : String.valueOf(o).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean enabled(Object v) {
        return v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("enabled"));
    }

    static String kind(String type) {
        if (type.startsWith("datetime") || type.equals("date")) return "date";
        if (type.equals("int") || type.equals("integer") || type.equals("bigint")) return "int";
        if (type.equals("float") || type.equals("decimal") || type.equals("numeric")) return "float";
        return "string";
    }

    private static Map<String, Object> readMap(String relative) {
        try {
            return DataSchemas.YAML.readValue(DataSchemas.readText(relative), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("data-schemas/" + relative + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
