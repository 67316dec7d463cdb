package csc.lakehouse.conform.ssd;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReturnReconciliationTest {

    static Dataset<Row> df(String ddl, Object[]... rows) {
        StructType s = StructType.fromDDL(ddl);
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] v = r.clone();
            for (int i = 0; i < v.length; i++) {
                if (v[i] instanceof String str && s.fields()[i].dataType().equals(DataTypes.DateType)) v[i] = java.sql.Date.valueOf(str);
            }
            out.add(RowFactory.create(v));
        }
        return SparkTestSession.get().createDataFrame(out, s);
    }

    static Object[] r(Object... v) { return v; }

    /*
     * Year 2024 (2023-04-01 .. 2024-03-31), LA 301.
     * System (SSD) referrals:                       Return 2024:
     *   A 2023-05-01 closed 2023-09-01 RC1            A 2023-05-01 closed 2023-09-01 RC1   -> matched
     *   B 2023-06-01 closed 2024-03-28 RC2 (late)     B 2023-06-01 open                    -> differing closure_date, reason_for_closure
     *   C 2023-07-01 closed 2024-05-01 (after 31 March: shown open)  C open               -> matched
     *   D 2022-01-01 closed 2023-03-01 (before the year: not in it)
     *   E 2024-02-01 open                             -                                    -> missing_from_return
     *   -                                             F 2023-08-01 open                    -> missing_from_system
     *   (the return of 2023 holds A too: not compared, only 2024 is)
     * Assessments: A 2023-05-03 auth 2023-05-20 both -> matched; B 2023-06-03 auth system 2023-07-10, return 2023-07-08
     * -> differing authorisation_date; D's (referral not in the year) -> not compared.
     */
    @Test
    void itemsMatchedMissingAndDifferingWithTheirFields() {
        Dataset<Row> ssdRef = df("la_code string, referral_id string, person_id string, referral_date date, closure_date date, reason_for_closure string",
                r("301", "RA", "A", "2023-05-01", "2023-09-01", "RC1"), r("301", "RB", "B", "2023-06-01", "2024-03-28", "RC2"),
                r("301", "RC", "C", "2023-07-01", "2024-05-01", "RC1"), r("301", "RD", "D", "2022-01-01", "2023-03-01", "RC1"),
                r("301", "RE", "E", "2024-02-01", null, null));
        Dataset<Row> retRef = df("la_code string, person_id string, referral_date date, closure_date date, reason_for_closure string, collection_year int",
                r("301", "A", "2023-05-01", "2023-09-01", "RC1", 2024), r("301", "B", "2023-06-01", null, null, 2024),
                r("301", "C", "2023-07-01", null, null, 2024), r("301", "F", "2023-08-01", null, null, 2024),
                r("301", "A", "2023-05-01", null, null, 2023));
        Dataset<Row> ssdAss = df("la_code string, referral_id string, person_id string, start_date date, authorisation_date date",
                r("301", "RA", "A", "2023-05-03", "2023-05-20"), r("301", "RB", "B", "2023-06-03", "2023-07-10"),
                r("301", "RD", "D", "2022-01-05", "2022-02-01"));
        Dataset<Row> retAss = df("la_code string, person_id string, referral_date date, start_date date, authorisation_date date, collection_year int",
                r("301", "A", "2023-05-01", "2023-05-03", "2023-05-20", 2024), r("301", "B", "2023-06-01", "2023-06-03", "2023-07-08", 2024));
        Dataset<Row> years = df("la_code string, reporting_year int", r("301", 2024));

        Map<String, String> got = new TreeMap<>();
        for (Row x : ReturnReconciliation.cinCensus(retRef, ssdRef, retAss, ssdAss, years).collectAsList()) {
            got.put(x.getAs("item") + "|" + x.getAs("person_id") + "|" + x.getAs("collection_year"),
                    x.getAs("status") + "|" + x.getAs("fields_differing") + "|" + x.getAs("return_values") + "|" + x.getAs("ssd_values"));
        }
        Map<String, String> expected = new TreeMap<>(Map.of(
                "cin_referral|A|2024", "matched|null|null|null",
                "cin_referral|B|2024", "differing|closure_date,reason_for_closure|closure_date=; reason_for_closure=|closure_date=2024-03-28; reason_for_closure=RC2",
                "cin_referral|C|2024", "matched|null|null|null",
                "cin_referral|E|2024", "missing_from_return|null|null|null",
                "cin_referral|F|2024", "missing_from_system|null|null|null",
                "cin_assessment|A|2024", "matched|null|null|null",
                "cin_assessment|B|2024", "differing|authorisation_date|authorisation_date=2023-07-08|authorisation_date=2023-07-10"));
        assertEquals(expected, got);
    }
}
