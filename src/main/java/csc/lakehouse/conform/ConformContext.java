package csc.lakehouse.conform;

import org.apache.spark.sql.SparkSession;

/**
 * What silver builders may use besides bronze: the session (with {@code csc_pseudonym} registered)
 * and the LA to assume for files that do not name one.
 */
public record ConformContext(SparkSession spark, String defaultLaCode) {
}
