package csc.lakehouse.conform.population;

import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.SilverBuilder;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Silver {@code population}: the 0-17 population per LA and mid-year. Single-year-of-age rows are summed
 * over ages 0..17; explore-education-statistics rows are kept when they are Local authority rows for
 * "Children aged 0 to 17 years". {@code la_code} from {@code old_la_code} or, failing that,
 * {@code data-schemas/reference/la_codes.csv}; {@code is_projection} from the {@code population/projections/}
 * folder; {@code source_file} is the file name (the vintage). Every submitted file is read (not only the
 * latest per year): estimates and projections are different files of the same drop.
 */
public final class PopulationBuilder implements SilverBuilder {
    @Override
    public String table() { return "population"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return bronze.all("population").map(PopulationBuilder::conform);
    }

    static Column raw(Dataset<Row> rows, String c) {
        return Arrays.asList(rows.columns()).contains(c) ? trim(col(c)) : lit(null).cast("string");
    }

    public static Dataset<Row> conform(Dataset<Row> bronze) {
        Column isSingle = raw(bronze, "age").isNotNull().and(raw(bronze, "age").notEqual(""));
        Column fileName = functions.element_at(functions.split(col(Lineage.SOURCE_FILE), "/"), -1);
        Column projection = col(Lineage.SOURCE_FILE).contains("population/projections/");
        Dataset<Row> rows = bronze.select(
                raw(bronze, "new_la_code").as("new_la_code"),
                raw(bronze, "old_la_code").as("old_la_code"),
                raw(bronze, "la_name").as("la_name"),
                when(isSingle, raw(bronze, "year")).otherwise(functions.substring(raw(bronze, "time_period"), 1, 4))
                        .cast("int").as("mid_year"),
                when(isSingle, raw(bronze, "age").cast("double").cast("int")).as("age"),
                when(isSingle, raw(bronze, "population")).otherwise(raw(bronze, "population_estimate")).as("_pop_raw"),
                isSingle.as("_single"),
                raw(bronze, "geographic_level").as("geographic_level"),
                raw(bronze, "age_group").as("age_group"),
                fileName.as("source_file"), projection.as("is_projection"),
                col(Lineage.SOURCE_FILE), col(Lineage.FILE_SHA256), col(Lineage.COLLECTION_YEAR), col(Lineage.LA_CODE),
                col(Lineage.ROW_NUMBER), col(Lineage.INGESTED_AT));
        Dataset<Row> ees = rows.filter(functions.not(col("_single"))
                        .and(lower(col("geographic_level")).equalTo("local authority"))
                        .and(lower(col("age_group")).equalTo("children aged 0 to 17 years")))
                .withColumn("population", col("_pop_raw").cast("double").cast("long"));
        // single year of age: one row per (file, LA, mid-year); a suppressed/blank age makes the total null
        Dataset<Row> single = rows.filter(col("_single").and(col("age").between(0, 17)))
                .groupBy(col("new_la_code"), col("mid_year"), col("source_file"), col("is_projection"),
                        col(Lineage.SOURCE_FILE), col(Lineage.FILE_SHA256), col(Lineage.COLLECTION_YEAR),
                        col(Lineage.LA_CODE), col(Lineage.INGESTED_AT))
                .agg(functions.first(col("la_name"), true).as("la_name"),
                        functions.first(col("old_la_code"), true).as("old_la_code"),
                        functions.min(col(Lineage.ROW_NUMBER)).as(Lineage.ROW_NUMBER),
                        functions.first(col("_pop_raw"), true).as("_pop_raw"),
                        functions.count(lit(1)).as("_ages"),
                        functions.count(col("_pop_raw").cast("double")).as("_ages_given"),
                        functions.sum(col("_pop_raw").cast("double")).cast("long").as("_sum"))
                .withColumn("population", when(col("_ages_given").equalTo(col("_ages")), col("_sum")));
        Column[] out = {col("new_la_code"),
                coalesce(when(col("old_la_code").rlike("^[0-9]{3}$"), col("old_la_code")),
                        functions.element_at(laByOns(), col("new_la_code"))).as("la_code"),
                col("la_name"), col("mid_year"), col("population"), col("is_projection"), col("source_file"),
                col(Lineage.COLLECTION_YEAR).cast("int").as("collection_year"),
                functions.struct(col("_pop_raw").as("population"), col("mid_year").cast("string").as("mid_year")).as("_src"),
                col(Lineage.SOURCE_FILE), col(Lineage.FILE_SHA256), col(Lineage.COLLECTION_YEAR), col(Lineage.LA_CODE),
                col(Lineage.ROW_NUMBER), col(Lineage.INGESTED_AT)};
        return ees.select(out).unionByName(single.select(out));
    }

    private static Column laByOns() {
        List<Column> kv = new ArrayList<>();
        String[] lines = DataSchemas.readText("reference/la_codes.csv").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            List<String> c = SimpleCsv.parseLine(lines[i]);
            kv.add(lit(c.get(1).trim()));
            kv.add(lit(c.get(0).trim()));
        }
        return functions.map(kv.toArray(new Column[0]));
    }
}
