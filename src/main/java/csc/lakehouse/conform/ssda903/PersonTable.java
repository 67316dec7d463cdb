package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.DerivedSilverTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Silver {@code person}: one row per (la_code, person_id) from {@code person_cin} (when the CIN ingest
 * produced it in this run) and {@code person_903}. The row of the later collection year wins; on a tie the
 * CIN census wins. {@code in_cin}/{@code in_903} say where the child appears at all.
 */
public final class PersonTable implements DerivedSilverTable {
    @Override
    public String table() { return "person"; }

    @Override
    public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
        return build(silver.get("person_cin"), silver.get("person_903"));
    }

    public static Optional<Dataset<Row>> build(Dataset<Row> cin, Dataset<Row> s903) {
        Dataset<Row> all = null;
        if (cin != null) all = shape(cin, 0);
        if (s903 != null) all = all == null ? shape(s903, 1) : all.unionByName(shape(s903, 1));
        if (all == null) return Optional.empty();
        Column[] k = {col("la_code"), col("person_id")};
        Dataset<Row> ranked = all
                .withColumn("in_cin", functions.max(col("_source").equalTo(0)).over(Window.partitionBy(k)))
                .withColumn("in_903", functions.max(col("_source").equalTo(1)).over(Window.partitionBy(k)))
                .withColumn("_rank", functions.row_number().over(Window.partitionBy(k)
                        .orderBy(col("collection_year").desc(), col("_source").asc(), col("source_file_sha256").desc())));
        return Optional.of(ranked.filter(col("_rank").equalTo(1)).drop("_rank", "_source"));
    }

    private static Dataset<Row> shape(Dataset<Row> p, int source) {
        List<String> have = Arrays.asList(p.columns());
        return p.select(col("la_code"), col("person_id"), col("sex"), col("ethnicity"), col("birth_month"),
                (have.contains("death_month") ? col("death_month") : lit(null).cast("date")).as("death_month"),
                (have.contains("disabilities") ? col("disabilities")
                        : lit(null).cast("array<string>")).as("disabilities"),
                col("collection_year").cast("int").as("collection_year"), col("source_file_sha256"),
                lit(source).as("_source"));
    }
}
