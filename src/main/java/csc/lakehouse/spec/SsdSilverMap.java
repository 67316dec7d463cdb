package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data-schemas/inputs/ssd/silver.yaml}: which silver table each SSD table becomes and how each
 * silver column is made from an SSD field. Fields it does not list never enter silver.
 */
public final class SsdSilverMap {
    public Map<String, TableMap> tables = new LinkedHashMap<>();

    public static final class TableMap {
        public String silver;
        public String description;
        public LinkedHashMap<String, ColumnMap> columns = new LinkedHashMap<>();
    }

    public static final class ColumnMap {
        public String from;
        public String as;

        /** The kind without its argument: {@code ref}, {@code flag}, {@code date}, ... */
        public String kind() {
            int i = as.indexOf(':');
            return i < 0 ? as : as.substring(0, i);
        }

        /** The argument of {@code ref:<namespace>} or {@code flag:<KEY>}. */
        public String argument() {
            int i = as.indexOf(':');
            return i < 0 ? null : as.substring(i + 1);
        }

        /** The silver type of the column. */
        public String silverType() {
            switch (kind()) {
                case "date": case "month": return "date";
                case "int": return "int";
                case "float": return "double";
                case "bool": case "flag": return "boolean";
                default: return "string";
            }
        }

        /** A value that is pseudonymised before silver (raw ids never reach {@code _src}). */
        public boolean isIdentifier() {
            return kind().equals("person") || kind().equals("worker") || kind().equals("ref");
        }
    }

    private static volatile SsdSilverMap instance;

    public static SsdSilverMap get() {
        if (instance == null) {
            synchronized (SsdSilverMap.class) {
                if (instance == null) instance = DataSchemas.readYaml(SsdSpec.DIR + "silver.yaml", SsdSilverMap.class);
            }
        }
        return instance;
    }

    /** The silver column that carries the SSD table's primary key. */
    public static String keyColumn(String ssdTable, TableMap m) {
        String pk = SsdSpec.get().table(ssdTable).orElseThrow().primaryKey();
        for (Map.Entry<String, ColumnMap> c : m.columns.entrySet()) {
            if (c.getValue().from.equals(pk)) return c.getKey();
        }
        throw new IllegalStateException("data-schemas/inputs/ssd/silver.yaml: " + ssdTable + " does not map its key " + pk);
    }

    /** SSD tables that have a silver table, in file order. */
    public List<String> ssdTables() { return new ArrayList<>(tables.keySet()); }
}
