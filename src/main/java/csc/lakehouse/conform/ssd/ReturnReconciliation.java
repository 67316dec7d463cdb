package csc.lakehouse.conform.ssd;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The check P&I teams make before they submit a return: the CIN census items of a year built from the
 * case-management system (the SSD) compared with the return submitted for that year. One row per item and year:
 * {@code matched}, {@code missing_from_return} (the system has it, the return does not), {@code missing_from_system}
 * (the return has it, the system does not) or {@code differing} (which fields, with both values).
 *
 * <p>The SSD's items are cut the way the census is: a referral is in year Y when it started by 31 March Y and was
 * not closed before 1 April Y-1, and its closure shows only if it is dated by 31 March Y; an assessment of such a
 * referral is in year Y when it started by 31 March Y and was not authorised before 1 April Y-1. The SSD records
 * which return each field feeds ({@code returns: [CIN]} in the specification); these are the CIN fields both
 * sides hold.
 */
public final class ReturnReconciliation {
    public static final String MATCHED = "matched";
    public static final String MISSING_FROM_RETURN = "missing_from_return";
    public static final String MISSING_FROM_SYSTEM = "missing_from_system";
    public static final String DIFFERING = "differing";

    private ReturnReconciliation() {}

    /**
     * @param returnReferrals  return rows ({@code la_code, person_id, referral_date, closure_date, reason_for_closure,
     *                         collection_year}), one set per return
     * @param ssdReferrals     {@code referral_ssd} rows
     * @param returnAssessments return rows ({@code la_code, person_id, referral_date, start_date, authorisation_date,
     *                         collection_year})
     * @param ssdAssessments   {@code assessment_ssd} rows
     * @param years            {@code la_code, reporting_year}: the years to compare
     */
    public static Dataset<Row> cinCensus(Dataset<Row> returnReferrals, Dataset<Row> ssdReferrals,
                                         Dataset<Row> returnAssessments, Dataset<Row> ssdAssessments, Dataset<Row> years) {
        Dataset<Row> y = years.select(col("la_code").as("_yla"), col("reporting_year").as("collection_year"))
                .withColumn("_s", functions.make_date(col("collection_year").minus(1), lit(4), lit(1)))
                .withColumn("_e", functions.make_date(col("collection_year"), lit(3), lit(31)));

        // the SSD rows' own collection_year is the extraction's year: the year here is the return's
        Dataset<Row> sysRef = ssdReferrals.drop("collection_year").join(y, col("la_code").equalTo(col("_yla")))
                .filter(col("referral_date").leq(col("_e")).and(col("closure_date").isNull().or(col("closure_date").geq(col("_s")))))
                .select(col("la_code"), col("collection_year"), col("person_id"), col("referral_date"), col("referral_id"),
                        asAt(col("closure_date")).as("closure_date"),
                        when(asAt(col("closure_date")).isNotNull(), col("reason_for_closure")).as("reason_for_closure"));
        Dataset<Row> retRef = returnReferrals.join(y.select(col("_yla"), col("collection_year").as("_ycy")),
                        col("la_code").equalTo(col("_yla")).and(col("collection_year").equalTo(col("_ycy"))), "left_semi")
                .select("la_code", "collection_year", "person_id", "referral_date", "closure_date", "reason_for_closure");
        Dataset<Row> referrals = compare("cin_referral", retRef, sysRef.drop("referral_id"),
                List.of("la_code", "collection_year", "person_id", "referral_date"), "referral_date",
                List.of("closure_date", "reason_for_closure"));

        Dataset<Row> sysAss = ssdAssessments.drop("collection_year")
                .join(sysRef.select(col("la_code").as("_rla"), col("collection_year").as("_ry"), col("referral_id").as("_rid"),
                                col("referral_date").as("_rdate")),
                        col("la_code").equalTo(col("_rla")).and(col("referral_id").equalTo(col("_rid"))))
                .withColumn("collection_year", col("_ry"))
                .withColumn("_s", functions.make_date(col("collection_year").minus(1), lit(4), lit(1)))
                .withColumn("_e", functions.make_date(col("collection_year"), lit(3), lit(31)))
                .filter(col("start_date").leq(col("_e")).and(col("authorisation_date").isNull()
                        .or(col("authorisation_date").gt(col("_e"))).or(col("authorisation_date").geq(col("_s")))))
                .select(col("la_code"), col("collection_year"), col("person_id"), col("_rdate").as("referral_date"),
                        col("start_date"), asAt(col("authorisation_date")).as("authorisation_date"));
        Dataset<Row> retAss = returnAssessments.join(y.select(col("_yla"), col("collection_year").as("_ycy")),
                        col("la_code").equalTo(col("_yla")).and(col("collection_year").equalTo(col("_ycy"))), "left_semi")
                .select("la_code", "collection_year", "person_id", "referral_date", "start_date", "authorisation_date");
        Dataset<Row> assessments = compare("cin_assessment", retAss.drop("referral_date"), sysAss.drop("referral_date"),
                List.of("la_code", "collection_year", "person_id", "start_date"), "start_date", List.of("authorisation_date"));
        return referrals.unionByName(assessments);
    }

    /** A date as the census of year Y shows it: null when after 31 March Y ({@code _e}). */
    private static Column asAt(Column d) {
        return when(d.isNotNull().and(d.leq(col("_e"))), d);
    }

    /**
     * Full comparison of two item sets on {@code keys}: one output row per key with its status and, when both hold
     * it, the fields whose values differ (null-safe), as {@code field=value} lists for each side.
     */
    public static Dataset<Row> compare(String item, Dataset<Row> ret, Dataset<Row> sys, List<String> keys, String itemDate,
                                       List<String> fields) {
        Dataset<Row> r = ret.dropDuplicates(keys.toArray(new String[0])).withColumn("_in_return", lit(true));
        Dataset<Row> s = sys.dropDuplicates(keys.toArray(new String[0])).withColumn("_in_system", lit(true));
        for (String f : fields) {
            r = r.withColumnRenamed(f, "_r_" + f);
            s = s.withColumnRenamed(f, "_s_" + f);
        }
        Dataset<Row> j = r.join(s, scala.jdk.javaapi.CollectionConverters.asScala(keys).toList(), "full_outer");
        List<Column> differs = new ArrayList<>();
        List<Column> retVals = new ArrayList<>();
        List<Column> sysVals = new ArrayList<>();
        for (String f : fields) {
            Column differ = functions.not(col("_r_" + f).eqNullSafe(col("_s_" + f)));
            differs.add(when(differ, lit(f)));
            retVals.add(when(differ, functions.concat(lit(f + "="), functions.coalesce(col("_r_" + f).cast("string"), lit("")))));
            sysVals.add(when(differ, functions.concat(lit(f + "="), functions.coalesce(col("_s_" + f).cast("string"), lit("")))));
        }
        Column both = col("_in_return").isNotNull().and(col("_in_system").isNotNull());
        Column diffFields = functions.concat_ws(",", functions.array_compact(functions.array(differs.toArray(new Column[0]))));
        Column status = when(col("_in_system").isNull(), lit(MISSING_FROM_SYSTEM))
                .when(col("_in_return").isNull(), lit(MISSING_FROM_RETURN))
                .when(diffFields.equalTo(""), lit(MATCHED))
                .otherwise(lit(DIFFERING));
        return j.select(col("la_code"), col("collection_year").cast("int").as("collection_year"), lit(item).as("item"),
                col("person_id"), col(itemDate).as("item_date"), status.as("status"),
                when(both.and(diffFields.notEqual("")), diffFields).as("fields_differing"),
                when(both.and(diffFields.notEqual("")), functions.concat_ws("; ", retVals.toArray(new Column[0]))).as("return_values"),
                when(both.and(diffFields.notEqual("")), functions.concat_ws("; ", sysVals.toArray(new Column[0]))).as("ssd_values"));
    }
}
