package csc.lakehouse.conform.cin;

import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.DerivedSilverTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/** {@code silver.assessment_factor}: one row per distinct factor of each assessment in the history (its latest return's row). */
public final class CinAssessmentFactorTable implements DerivedSilverTable {
    @Override
    public String table() { return "assessment_factor"; }

    @Override
    public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
        Dataset<Row> a = silver.get("assessment");
        if (a == null) return Optional.empty();
        a = csc.lakehouse.conform.SilverWriter.history(a);   // each assessment's latest return's row
        Dataset<Row> f = a.select(col("assessment_id"), col("la_code"), col("person_id"), col("start_date"),
                        col("authorisation_date"), functions.explode(col("factors")).as("factor"),
                        col("collection_year"), col("source_file_sha256"))
                .dropDuplicates("la_code", "person_id", "start_date", "factor");
        return Optional.of(f);
    }
}
