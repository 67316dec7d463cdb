package csc.lakehouse.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Optional;

/**
 * Maps bronze rows to one silver table: types every column, pseudonymises identifiers, drops names,
 * UPNs and full postcodes. The output carries the silver columns declared in
 * {@code data-schemas/tables/silver/<table>.yaml}, plus the lineage columns
 * ({@code _file_sha256}, {@code _row_number}, {@code _ingested_at}, {@code _source_file}) and a struct
 * {@code _src} of the raw values the rules may inspect (identifiers already pseudonymised or removed).
 * Validation, de-duplication and the MERGE are done by {@link SilverWriter}.
 */
public interface SilverBuilder {
    String table();

    /** Empty when bronze holds nothing for this table yet. */
    Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx);
}
