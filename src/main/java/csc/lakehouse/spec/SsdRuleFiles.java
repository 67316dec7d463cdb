package csc.lakehouse.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Writes the silver schema ({@code tables/silver/<table>.yaml}) and the rules
 * ({@code rules/<table>.yaml}) of every SSD silver table from the SSD specification and
 * {@code inputs/ssd/silver.yaml}. The files are committed like every other schema and rule file; a test
 * checks they equal what this class writes, so the spec and the rules cannot drift apart.
 * Run: {@code java -cp ... csc.lakehouse.spec.SsdRuleFiles data-schemas}.
 */
public final class SsdRuleFiles {
    private SsdRuleFiles() {}

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0] : "data-schemas");
        SsdSilverMap map = SsdSilverMap.get();
        for (Map.Entry<String, SsdSilverMap.TableMap> e : map.tables.entrySet()) {
            String silver = e.getValue().silver;
            Files.writeString(root.resolve("tables/silver/" + silver + ".yaml"), schemaYaml(e.getKey(), e.getValue()), StandardCharsets.UTF_8);
            Files.writeString(root.resolve("rules/" + silver + ".yaml"), rulesYaml(e.getKey(), e.getValue()), StandardCharsets.UTF_8);
        }
    }

    /** The silver table's schema: mapped columns, then the LA, the source and lineage. */
    public static String schemaYaml(String ssdTable, SsdSilverMap.TableMap m) {
        StringBuilder s = new StringBuilder();
        String key = SsdSilverMap.keyColumn(ssdTable, m);
        s.append("# written by csc.lakehouse.spec.SsdRuleFiles from inputs/ssd/silver.yaml: edit that file, not this one\n");
        s.append("table: ").append(m.silver).append('\n');
        s.append("layer: silver\n");
        s.append("description: \"").append(m.description).append(" One row per ").append(ssdTable)
         .append(" row; the latest extract wins.\"\n");
        s.append("keys: [la_code, ").append(key).append("]\n");
        s.append("columns:\n");
        for (Map.Entry<String, SsdSilverMap.ColumnMap> c : m.columns.entrySet()) {
            SsdSilverMap.ColumnMap cm = c.getValue();
            String what = switch (cm.kind()) {
                case "person" -> "keyed pseudonym of " + cm.from + " (the child's id, as in the returns)";
                case "worker" -> "keyed pseudonym of " + cm.from + " (a professional; never the id itself)";
                case "ref" -> "keyed pseudonym of " + cm.from + " (record id, namespace " + cm.argument() + ")";
                case "month" -> cm.from + ", degraded to the first of the month";
                case "flag" -> cm.argument() + " of " + cm.from;
                default -> cm.from;
            };
            s.append("  - {name: ").append(c.getKey()).append(", type: \"").append(cm.silverType())
             .append("\", nullable: ").append(c.getKey().equals(key) ? "false" : "true")
             .append(", description: \"").append(what).append("\"}\n");
        }
        s.append("  - {name: la_code, type: \"string\", nullable: false, description: \"DfE LA number\"}\n");
        s.append("  - {name: source, type: \"string\", nullable: false, description: \"ssd: the row came from the SSD extract, not a statutory return\"}\n");
        s.append("  - {name: extracted_at, type: \"timestamp\", nullable: false, description: \"when the council's system was extracted (file time or database read)\"}\n");
        s.append("  - {name: collection_year, type: \"int\", nullable: false, description: \"reporting year (ending 31 March) of the extraction\"}\n");
        s.append("  - {name: source_file_sha256, type: \"string\", nullable: false, description: \"SHA-256 of the file (or database read) the row came from\"}\n");
        s.append("  - {name: _row_hash, type: \"string\", nullable: false, description: \"hash of the row's values; MERGE rewrites a row only when it changes\"}\n");
        return s.toString();
    }

    /** Rules from the spec: required fields, types and date formats, duplicate keys, orphan foreign keys. */
    public static String rulesYaml(String ssdTable, SsdSilverMap.TableMap m) {
        SsdSpec spec = SsdSpec.get();
        SsdSpec.Table t = spec.table(ssdTable).orElseThrow();
        StringBuilder s = new StringBuilder();
        s.append("# written by csc.lakehouse.spec.SsdRuleFiles from the SSD specification (")
         .append(spec.version).append(") and inputs/ssd/silver.yaml: edit those, not this file\n");
        s.append("table: ").append(m.silver).append('\n');
        s.append("rules:\n");
        String key = SsdSilverMap.keyColumn(ssdTable, m);
        for (SsdSpec.Field f : t.fields()) {
            if (!f.required() && !f.name().equals(t.primaryKey())) continue;
            if (!mapped(m, f.name())) continue;
            rule(s, "SSD-REQ-" + ssdTable + "." + f.name(), ssdTable + "." + f.name() + " is required but empty",
                    "check: \"_src." + f.name() + " IS NULL OR trim(_src." + f.name() + ") = ''\"");
        }
        for (Map.Entry<String, SsdSilverMap.ColumnMap> c : m.columns.entrySet()) {
            SsdSilverMap.ColumnMap cm = c.getValue();
            String problem = switch (cm.kind()) {
                case "date", "month" -> "is not a date in a format the SSD uses (yyyy-mm-dd, optionally with a time)";
                case "int" -> "is not a whole number";
                case "float" -> "is not a number";
                case "bool" -> "is not a yes/no value (Y, N, 1, 0, true, false)";
                default -> null;
            };
            if (problem == null) continue;
            rule(s, "SSD-TYPE-" + ssdTable + "." + cm.from, ssdTable + "." + cm.from + " " + problem,
                    "parsed: {column: " + c.getKey() + ", source: " + cm.from + "}");
        }
        rule(s, "SSD-DUP-" + ssdTable + "." + t.primaryKey(),
                ssdTable + "." + t.primaryKey() + " is the primary key but appears more than once in the extract",
                "check: \"_src." + t.primaryKey() + " IS NOT NULL AND count(*) OVER (PARTITION BY _file_sha256, "
                        + key + ") > 1\"");
        for (SsdSpec.Relationship r : spec.foreignKeys(ssdTable)) {
            if (!mapped(m, r.childKey())) continue;
            rule(s, "SSD-FK-" + ssdTable + "." + r.childKey(),
                    ssdTable + "." + r.childKey() + " names no " + r.parentTable() + "." + r.parentKey() + " (orphan foreign key)",
                    "check: \"_src." + fkColumn(r.childKey()) + " = false\"");
        }
        return s.toString();
    }

    /** The {@code _src} field that says whether a foreign key found its parent (null: not checked). */
    public static String fkColumn(String childKey) { return "_fk_" + childKey; }

    private static boolean mapped(SsdSilverMap.TableMap m, String field) {
        for (SsdSilverMap.ColumnMap c : m.columns.values()) if (c.from.equals(field)) return true;
        return false;
    }

    private static void rule(StringBuilder s, String id, String message, String check) {
        s.append("  - id: ").append(id).append('\n');
        s.append("    severity: error\n");
        s.append("    message: \"").append(message.replace("\"", "'")).append("\"\n");
        s.append("    ").append(check).append('\n');
    }
}
