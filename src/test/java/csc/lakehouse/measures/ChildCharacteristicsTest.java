package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static csc.lakehouse.measures.CinMeasureAsserts.get;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 section 3 by hand: the referrals of {@link FrontDoorMeasureTest}'s fixture by age band, sex and ethnic
 * group, their rates per 10,000 residents and relative rate index with the real Census 2021 file.
 */
class ChildCharacteristicsTest {

    /*
     * Referrals of return 2024 dated in 2023-24, LA 301 (FrontDoorMeasureTest.referrals): A 2023-05-10, B 2023-05-10,
     * C 2023-07-01 (NFA), C 2023-09-01, D 2023-08-15, E 2023-06-30, G 2024-03-31, H 2023-10-01, H 2023-11-01 = 9.
     *   child sex ethnicity birth month  (expected)  age at the referral
     *   A     F   WBRI      2020-05                  2023-05-10: 36 months -> 3: 1 to 4
     *   B     M   BAFR      2010-05                  13: 10 to 15
     *   C     U   CHNE      2023-08                  07-01: born after -> Unborn; 09-01: 1 month -> Under 1
     *   D     F   MWBC      2007-08                  2023-08-15: 192 months -> 16: 16 and over
     *   E     M   REFU      -           2023-09      only an expected birth month -> Unborn
     *   G     F   AIND      2019-03                  2024-03-31: 5 years -> 5 to 9
     *   H     no person row                          Age, Sex and Ethnicity not known (two referrals)
     * age:  Unborn C07, E = 2 (22.2%); Under 1 C09 = 1 (11.1%); 1 to 4 A; 5 to 9 G; 10 to 15 B; 16 and over D (1 each,
     *       11.1%); Age not known H, H = 2 (22.2%)
     * sex:  Male B, E = 2 (22.2%); Female A, D, G = 3 (33.3%); Sex not known C, C, H, H = 4 (44.4%)
     * ethnic group: White A = 1; Mixed D = 1; Asian G = 1; Black B = 1; Other C, C (Chinese is with Other) = 2 (22.2%);
     *       Ethnicity not known E, H, H = 3 (33.3%)
     * Census 2021, Barking and Dagenham (E09000002 = LA 301), all ages: White 98,275; Mixed 9,320; Asian 55,198;
     *   Black 46,807; Other 9,271; all 218,871.
     * rate per 10,000: White 1 / 98,275 = 0.10 -> 0.1; Other 2 / 9,271 = 2.157 -> 2.2; Total 9 / 218,871 = 0.411 -> 0.4
     * RRI (rate / White rate, one decimal): Other 2 x 98,275 / 9,271 = 21.2005 -> 21.2; Black 98,275 / 46,807 =
     *   2.0996 -> 2.1; White 1.0; Total 9 x 98,275 / 218,871 = 4.0411 -> 4.0
     * LA 302 (Barnet, White residents 224,762): J only, no person row: White 0 -> every RRI null; White rate 0.0.
     * Within-group percentage, NFA referrals: C07 only. Total 1/9 = 11.1; Sex not known 1/4 = 25.0; Male 0/2 = 0.0;
     *   Unborn 1/2 = 50.0; Other 1/2 = 50.0.
     */
    static Dataset<Row> people() {
        return CinSilverFixture.of("person")
                .row("person_id", "A", "sex", "F", "ethnicity", "WBRI", "birth_month", "2020-05-01")
                .row("person_id", "B", "sex", "M", "ethnicity", "BAFR", "birth_month", "2010-05-01")
                .row("person_id", "C", "sex", "U", "ethnicity", "CHNE", "birth_month", "2023-08-01")
                .row("person_id", "D", "sex", "F", "ethnicity", "MWBC", "birth_month", "2007-08-01")
                .row("person_id", "E", "sex", "M", "ethnicity", "REFU")
                .row("person_id", "G", "sex", "F", "ethnicity", "AIND", "birth_month", "2019-03-01")
                .frame()
                .select("la_code", "person_id", "sex", "ethnicity", "birth_month")
                .withColumn("expected_birth_month", org.apache.spark.sql.functions.when(col("person_id").equalTo("E"),
                        org.apache.spark.sql.functions.lit(java.sql.Date.valueOf("2023-09-01"))));
    }

    @Test
    void referralsByAgeSexAndEthnicGroupWithRatesAndTheRelativeRateIndex() {
        MeasureContext c = FrontDoorMeasureTest.ctx().table("referral", FrontDoorMeasureTest.referrals()).build();
        Dataset<Row> years = c.reportingYears(MeasureContext.CIN_CENSUS);
        Dataset<Row> items = ChildCharacteristics.withCharacteristics(
                FrontDoorMeasures.referralItems(FrontDoorMeasureTest.referrals(), years), people(), col("referral_date"));
        java.util.Map<String, Long> census = ChildCharacteristics.census2021();
        Dataset<Row> counts = ChildCharacteristics.counts(years, items);
        Map<String, Row> r = CinSilverFixture.results(ChildCharacteristics.distribution("d", counts)
                .unionByName(ChildCharacteristics.ethnicityRates("rate", counts, census), true)
                .unionByName(ChildCharacteristics.relativeRateIndex("rri", counts, census), true)
                .unionByName(ChildCharacteristics.percentWithin("nfa", years, items, col("referral_nfa"),
                        "person_id", "referral_date"), true));

        expect(r, "d|301|202324|Total", 9.0, 9L, null);
        expect(r, "d|301|202324|Unborn", 22.2, 2L, 9L);
        expect(r, "d|301|202324|Under 1", 11.1, 1L, 9L);
        expect(r, "d|301|202324|1 to 4", 11.1, 1L, 9L);
        expect(r, "d|301|202324|5 to 9", 11.1, 1L, 9L);
        expect(r, "d|301|202324|10 to 15", 11.1, 1L, 9L);
        expect(r, "d|301|202324|16 and over", 11.1, 1L, 9L);
        expect(r, "d|301|202324|Age not known", 22.2, 2L, 9L);
        expect(r, "d|301|202324|Male", 22.2, 2L, 9L);
        expect(r, "d|301|202324|Female", 33.3, 3L, 9L);
        expect(r, "d|301|202324|Sex not known", 44.4, 4L, 9L);
        expect(r, "d|301|202324|White", 11.1, 1L, 9L);
        expect(r, "d|301|202324|Other", 22.2, 2L, 9L);
        expect(r, "d|301|202324|Ethnicity not known", 33.3, 3L, 9L);
        assertEquals("ethnic_group", get(r, "d|301|202324|Other").getAs("breakdown"));
        // a year with no referrals in a group publishes 0, not a gap
        expect(r, "d|301|202223|Under 1", 0.0, 0L, 3L);   // 2022-23: A (2), B (12), E (unborn)

        expect(r, "rate|301|202324|White", 0.1, 1L, 98275L);
        expect(r, "rate|301|202324|Other", 2.2, 2L, 9271L);
        expect(r, "rate|301|202324|Total", 0.4, 9L, 218871L);
        assertTrue(((String) get(r, "rate|301|202324|Total").getAs("note")).contains("all ages"));

        expect(r, "rri|301|202324|White", 1.0, 1L, 98275L);
        expect(r, "rri|301|202324|Other", 21.2, 2L, 9271L);
        expect(r, "rri|301|202324|Black", 2.1, 1L, 46807L);
        expect(r, "rri|301|202324|Total", 4.0, 9L, 218871L);
        assertNull((Object) get(r, "rri|302|202324|Black").getAs("value"), "no White referrals: no index");
        assertNull((Object) get(r, "rri|302|202324|Total").getAs("value"));
        expect(r, "rate|302|202324|White", 0.0, 0L, 224762L);   // Barnet's White residents

        expect(r, "nfa|301|202324|Total", 11.1, 1L, 9L);
        expect(r, "nfa|301|202324|Sex not known", 25.0, 1L, 4L);
        expect(r, "nfa|301|202324|Male", 0.0, 0L, 2L);
        expect(r, "nfa|301|202324|Unborn", 50.0, 1L, 2L);
        expect(r, "nfa|301|202324|Other", 50.0, 1L, 2L);
    }

    @Test
    void theFamilysTotalsAreItsCoreMeasures() {
        MeasureContext c = FrontDoorMeasureTest.ctx().table("referral", FrontDoorMeasureTest.referrals())
                .table("person", people().drop("expected_birth_month")).build();
        Map<String, Row> r = CinSilverFixture.results(new ChildCharacteristicMeasures().compute(c)
                .filter(col("measure_id").startsWith("referrals")));
        expect(r, "referrals_characteristics|301|202324|Total", 9.0, 9L, null);
        expect(r, "referrals_characteristics|301|202324|Asian", 11.1, 1L, 9L);
        // without person_cin's expected birth month E's age is not known: H, H and E
        expect(r, "referrals_characteristics|301|202324|Age not known", 33.3, 3L, 9L);
        expect(r, "referrals_ethnicity_rri|301|202324|Other", 21.2, 2L, 9271L);
    }
}
