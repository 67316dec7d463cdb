package csc.lakehouse.spec;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The declared schema of one lakehouse table, loaded from
 * {@code data-schemas/tables/<layer>/<table>.yaml}. Tests assert that the Delta tables match.
 */
public final class TableSchema {
    public String table;
    public String layer;
    public String description;
    /** natural key columns (de-duplication; with {@code collection_year} the MERGE key of a per-return table: {@link #rowKey}) */
    public List<String> keys = new ArrayList<>();
    public List<ColumnSpec> columns = new ArrayList<>();
    /**
     * Tables of per-return items (those declaring {@code is_latest}): the column whose date ends the item
     * (a closure or end date). An item whose row has it empty was open at the end of that return; if no
     * later return of the LA holds it, it is vanished. Absent: the item is never
     * marked vanished (it has no open state to carry into the next return).
     */
    public String open_until;
    /**
     * Per-return tables: columns whose recorded value may change from one return to the next while the item is
     * still open (a CP plan's latest category of abuse), so a change there is progress, not a correction
     * ({@code silver.return_corrections}).
     */
    public List<String> changes_while_open = new ArrayList<>();
    /**
     * Silver tables built from the spec (the CIN census's): the bronze table the rows come from. Its columns with a
     * {@link ColumnSpec#source} are that bronze column parsed as {@link ColumnSpec#parse}; an {@link ColumnSpec#id_of}
     * column is a deterministic id.
     */
    public String from;
    /**
     * Silver built from the spec (SSDA903): the raw bronze columns carried, trimmed, into {@code _src} for the
     * quarantine (the CIN census's are its parsed columns' sources).
     */
    public List<String> raw_kept = new ArrayList<>();

    /** Bronze tables read from XML (the CIN census): how the reader finds this table's rows. */
    public XmlRecord xml;

    /**
     * Where one bronze row comes from in an XML file: the element it is made of, the elements holding its leaf
     * values, and what it repeats from enclosing records. Its other non-lineage columns (no leading '_') are leaf
     * elements of the same name.
     */
    public static final class XmlRecord {
        /** the element one row is made of */
        public String record;
        /** the element the record element sits directly in */
        public String within;
        /** the elements whose child elements are this row's leaf values; the record element itself always is one */
        public List<String> leaves_in = new ArrayList<>();
        /** a record that is itself a leaf: the column taking its own text */
        public String value;
        /** list columns: the item elements' texts joined with ';' ('' for an empty container, null when absent) */
        public java.util.Map<String, XmlList> lists = new java.util.LinkedHashMap<>();
        /** columns repeated from an enclosing record (column: that record's element), so silver needs no join */
        public java.util.Map<String, String> carried = new java.util.LinkedHashMap<>();
        /** columns holding an enclosing record's {@code _row_number} (column: that record's element) */
        public java.util.Map<String, String> parent_rows = new java.util.LinkedHashMap<>();
    }

    /** A list column's container element and its repeated item element. */
    public static final class XmlList {
        public String container;
        public String item;
    }

    public static final class ColumnSpec {
        public String name;
        public String type = "string";
        public boolean nullable = true;
        /** bronze: a column only some files carry (an SSDA903 file's per-row LA); the table gains it when one does */
        public boolean optional = false;
        public String description;
        /** silver built from the spec: the bronze column this one is parsed from */
        public String source;
        /** how {@link #source} is parsed: date, code, bool, int or codes (a ';'-joined list) */
        public String parse;
        /** silver built from the spec: this column is the id of (la_code, person_id, the named column) */
        public String id_of;
        /** with parse {@code distance_band}: the bronze column of the home postcode the distance to {@link #source} is taken from */
        public String home;
    }

    public static TableSchema load(String layer, String table) {
        TableSchema s = DataSchemas.readYaml("tables/" + layer + "/" + table + ".yaml", TableSchema.class);
        if (!table.equals(s.table)) {
            throw new IllegalStateException("data-schemas/tables/" + layer + "/" + table + ".yaml names table " + s.table);
        }
        return s;
    }

    /** Every declared table of a layer. */
    public static List<TableSchema> all(String layer) {
        List<TableSchema> out = new ArrayList<>();
        for (String f : DataSchemas.list("tables/" + layer)) {
            if (f.endsWith(".yaml")) {
                out.add(load(layer, f.substring(0, f.length() - 5)));
            }
        }
        return out;
    }

    /** One row per (natural key, collection_year): the table declares {@code is_latest}. */
    public boolean perReturn() {
        return columnNames().contains("is_latest");
    }

    /**
     * The key of one silver row (MERGE and de-duplication): {@link #keys} (the item's natural key), plus
     * {@code collection_year} for a per-return table, which keeps one row per item and return.
     */
    public List<String> rowKey() {
        if (!perReturn() || keys.isEmpty() || keys.contains("collection_year")) return keys;
        List<String> k = new ArrayList<>(keys);
        k.add("collection_year");
        return k;
    }

    public List<String> columnNames() {
        List<String> n = new ArrayList<>();
        for (ColumnSpec c : columns) n.add(c.name);
        return n;
    }

    public StructType structType() {
        List<StructField> fields = new ArrayList<>();
        for (ColumnSpec c : columns) {
            fields.add(new StructField(c.name, sparkType(c.type), c.nullable, Metadata.empty()));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    public static DataType sparkType(String t) {
        switch (t) {
            case "string": return DataTypes.StringType;
            case "date": return DataTypes.DateType;
            case "timestamp": return DataTypes.TimestampType;
            case "int": return DataTypes.IntegerType;
            case "long": return DataTypes.LongType;
            case "double": return DataTypes.DoubleType;
            case "boolean": return DataTypes.BooleanType;
            case "array<string>": return DataTypes.createArrayType(DataTypes.StringType);
            default: throw new IllegalArgumentException("unknown column type in data-schemas: " + t);
        }
    }

    /** The type name used in data-schemas for a Spark type (inverse of {@link #sparkType}). */
    public static String typeName(DataType t) {
        if (t.equals(DataTypes.StringType)) return "string";
        if (t.equals(DataTypes.DateType)) return "date";
        if (t.equals(DataTypes.TimestampType)) return "timestamp";
        if (t.equals(DataTypes.IntegerType)) return "int";
        if (t.equals(DataTypes.LongType)) return "long";
        if (t.equals(DataTypes.DoubleType)) return "double";
        if (t.equals(DataTypes.BooleanType)) return "boolean";
        if (t.equals(DataTypes.createArrayType(DataTypes.StringType))) return "array<string>";
        return t.simpleString();
    }
}
