package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/** DfE LA numbers to ONS codes and names ({@code data-schemas/reference/la_codes.csv}). */
public final class LaReference {
    public record La(String laCode, String newLaCode, String name, String regionCode, String regionName) {}

    private static volatile Map<String, La> byCode;

    private LaReference() {}

    public static Map<String, La> all() {
        if (byCode == null) {
            Map<String, La> m = new LinkedHashMap<>();
            String[] lines = DataSchemas.readText("reference/la_codes.csv").split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                List<String> c = SimpleCsv.parseLine(lines[i]);
                m.put(c.get(0), new La(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4)));
            }
            byCode = m;
        }
        return byCode;
    }

    public static La byNewCode(String newLaCode) {
        for (La la : all().values()) if (la.newLaCode().equals(newLaCode)) return la;
        return null;
    }

    public static Dataset<Row> asDataset(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (La la : all().values()) rows.add(RowFactory.create(la.laCode(), la.newLaCode(), la.name()));
        StructType s = new StructType().add("_ref_la_code", DataTypes.StringType)
                .add("_ref_new_la_code", DataTypes.StringType).add("_ref_la_name", DataTypes.StringType);
        return spark.createDataFrame(rows, s);
    }

    /** Fills {@code new_la_code} and {@code la_name} from {@code la_code} where they are missing. */
    public static Dataset<Row> withNames(Dataset<Row> rows) {
        List<String> have = Arrays.asList(rows.columns());
        Dataset<Row> joined = rows.join(org.apache.spark.sql.functions.broadcast(asDataset(rows.sparkSession())),
                col("la_code").equalTo(col("_ref_la_code")), "left");
        joined = joined.withColumn("new_la_code", have.contains("new_la_code")
                        ? org.apache.spark.sql.functions.coalesce(col("new_la_code"), col("_ref_new_la_code"))
                        : col("_ref_new_la_code"))
                .withColumn("la_name", have.contains("la_name")
                        ? org.apache.spark.sql.functions.coalesce(col("la_name"), col("_ref_la_name"))
                        : col("_ref_la_name"));
        return joined.drop("_ref_la_code", "_ref_new_la_code", "_ref_la_name");
    }
}
