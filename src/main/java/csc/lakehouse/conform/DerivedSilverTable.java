package csc.lakehouse.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.Optional;

/**
 * A silver table computed from other silver tables (periods of care from episodes, the person table
 * from CIN and 903 children). Runs after every {@link SilverBuilder}; no quarantine of its own.
 */
public interface DerivedSilverTable {
    String table();

    /** @param silver the conformed tables written in this run, by name */
    Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx);
}
