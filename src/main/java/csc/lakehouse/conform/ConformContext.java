package csc.lakehouse.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What silver builders may use besides bronze: the session (with {@code csc_pseudonym} registered), the LA to assume
 * for files that do not name one, and the drop's postcode coordinates ({@code postcode, lat, lon}; null when the
 * drop has no postcode-to-coordinates file), which the placement distance is taken from before postcodes are degraded.
 */
public record ConformContext(SparkSession spark, String defaultLaCode, Dataset<Row> postcodes) {
    public ConformContext(SparkSession spark, String defaultLaCode) { this(spark, defaultLaCode, null); }
}
