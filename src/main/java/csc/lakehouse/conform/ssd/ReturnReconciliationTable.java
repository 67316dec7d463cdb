package csc.lakehouse.conform.ssd;

import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.DerivedSilverTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * {@code silver.return_reconciliation}: when a drop holds both the CIN census returns and an SSD extract, each
 * return of the SSD's six years compared item by item with the system ({@link ReturnReconciliation}). The SSD
 * holds about six years of history, so only returns from the extract's reporting year less five on are compared.
 * Reads the per-return rows of {@code referral} and {@code assessment} (every row carries the return it came from).
 */
public final class ReturnReconciliationTable implements DerivedSilverTable {
    @Override
    public String table() { return "return_reconciliation"; }

    @Override
    public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
        for (String t : new String[]{"referral", "referral_ssd", "assessment", "assessment_ssd"}) {
            if (!silver.containsKey(t)) return Optional.empty();
        }
        Dataset<Row> ssdYears = silver.get("referral_ssd").groupBy(col("la_code").as("_sla"))
                .agg(functions.max("collection_year").as("_extract_year"));
        Dataset<Row> years = silver.get("referral").select("la_code", "collection_year").distinct()
                .join(ssdYears, col("la_code").equalTo(col("_sla")))
                .filter(col("collection_year").between(col("_extract_year").minus(5), col("_extract_year")))
                .select(col("la_code"), col("collection_year").as("reporting_year"));
        return Optional.of(ReturnReconciliation.cinCensus(silver.get("referral"), silver.get("referral_ssd"),
                silver.get("assessment"), silver.get("assessment_ssd"), years));
    }
}
