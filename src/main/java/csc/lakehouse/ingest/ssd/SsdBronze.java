package csc.lakehouse.ingest.ssd;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.SsdSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bronze rows of one SSD table, the same whichever way they came in (a CSV export or the reporting
 * database): every spec field as a string exactly as received (unknown columns after them), then the
 * SSD lineage columns. {@code bronze.<ssd table>} keeps the SSD's own table name ({@code ssd_contacts}).
 */
public final class SsdBronze {

    /** The drop folder of SSD CSV exports. */
    public static final String FOLDER = "ssd";

    private SsdBronze() {}

    /** Bronze tables SSD input can produce: one per table of the spec. */
    public static List<String> bronzeTables() {
        return new ArrayList<>(SsdSpec.get().tables().keySet());
    }

    /** The reporting year (ending 31 March) that holds the extraction: an SSD extract's "collection year". */
    public static int yearOf(Timestamp extractedAt) {
        LocalDate d = extractedAt.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
    }

    /**
     * Maps received column names onto bronze columns: spec fields by case-insensitive name, unknown
     * columns kept under a Delta-safe name. Rejects a table that lacks its key or a required field.
     */
    public static Columns columns(SsdSpec.Table table, List<String> received) throws FileRejected {
        List<String> bronze = new ArrayList<>(table.fieldNames());
        int[] target = new int[received.size()];
        List<String> extras = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < received.size(); i++) {
            String raw = received.get(i) == null ? "" : received.get(i).trim();
            if (i == 0 && raw.startsWith("\uFEFF")) raw = raw.substring(1);
            String name = table.field(raw).map(SsdSpec.Field::name).orElse(null);
            if (name == null) {
                name = safeName(raw).toLowerCase(Locale.ROOT);
                extras.add(name);
            }
            if (seen.containsKey(name)) throw new FileRejected(table.name() + ": column " + name + " appears twice");
            seen.put(name, i);
            if (!bronze.contains(name)) bronze.add(name);
            target[i] = bronze.indexOf(name);
        }
        List<String> missing = new ArrayList<>();
        for (String m : table.mandatory()) if (!seen.containsKey(m)) missing.add(m);
        if (!missing.isEmpty()) {
            throw new FileRejected(table.name() + ": missing key or required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (SSD " + SsdSpec.get().version + ")");
        }
        return new Columns(table, bronze, target, extras);
    }

    /** Received columns mapped to bronze columns. */
    public record Columns(SsdSpec.Table table, List<String> bronze, int[] target, List<String> extras) {
        /** A warning naming the unknown columns, or null. */
        public String extrasWarning() {
            return extras.isEmpty() ? null : table.name() + ": column(s) not in the SSD specification kept in bronze: "
                    + String.join(", ", extras);
        }
    }

    /** Collects the string rows of one table, then makes the bronze frame with lineage. */
    public static final class Rows {
        private final Columns columns;
        private final List<Row> rows = new ArrayList<>();
        private final MessageDigest md;

        public Rows(Columns columns) {
            this.columns = columns;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** @param received values in received column order */
        public void add(List<String> received, long rowNumber, String sourceKind, Timestamp extractedAt) {
            int n = columns.bronze.size();
            Object[] r = new Object[n + 5];
            for (int i = 0; i < received.size() && i < columns.target.length; i++) r[columns.target[i]] = received.get(i);
            md.reset();
            for (int i = 0; i < n; i++) {
                md.update(r[i] == null ? new byte[]{0} : ((String) r[i]).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0x1f);
            }
            r[n] = rowNumber;
            r[n + 1] = sourceKind;
            r[n + 2] = columns.table.name();
            r[n + 3] = extractedAt;
            r[n + 4] = HexFormat.of().formatHex(md.digest());
            rows.add(RowFactory.create(r));
        }

        public int size() { return rows.size(); }

        public Dataset<Row> toFrame(SparkSession spark) {
            return spark.createDataFrame(rows, schema(columns.bronze));
        }
    }

    public static StructType schema(List<String> bronzeColumns) {
        StructType s = new StructType();
        for (String c : bronzeColumns) s = s.add(c, DataTypes.StringType, true);
        return s.add(Lineage.ROW_NUMBER, DataTypes.LongType, false)
                .add(BronzeSpec.SSD_SOURCE_KIND, DataTypes.StringType, false)
                .add(BronzeSpec.SSD_SOURCE_TABLE, DataTypes.StringType, false)
                .add(BronzeSpec.SSD_EXTRACTED_AT, DataTypes.TimestampType, false)
                .add(BronzeSpec.SSD_ROW_HASH, DataTypes.StringType, false);
    }

    static String safeName(String raw) {
        String s = raw.trim().replaceAll("[\\s,;{}()\\n\\t=]+", "_");
        return s.isEmpty() ? "_blank" : s;
    }
}
