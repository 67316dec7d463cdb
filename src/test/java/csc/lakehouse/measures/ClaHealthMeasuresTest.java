package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClaHealthMeasuresTest {

    /*
     * LA 301, SSDA903 return 2024; year 2023-24 (31 March 2024). Age at 31 March 2024 from the month of birth.
     *   child  birth month  age  HEALTH_ASSESSMENT  TEETH_CHECK  IMMUNISATIONS  SDQ_SCORE  aged 5-16?
     *   A      2010-06      13   yes                yes          yes            12         yes
     *   B      2018-03       6   yes                no           yes            20         yes
     *   C      2019-04       4   no                 yes          yes            30         no (4)
     *   D      2007-03      17   yes                -            no              8         no (17)
     *   E      2015-01       9   yes                yes          yes            -          yes
     *   F      2008-04      15   no                 no           yes            15         yes
     *   G      (no person_903 row)  yes             yes          yes             3         no (no age)
     *   H      2012-01, OC2 in the 2023 return only: not in 2023-24's cohort
     * cla_12m_31mar: A-G = 7
     * health assessment A, B, D, E, G = 5/7 = 71.4; dental A, C, E, G = 4/7 = 57.1; immunisations all but D = 6/7 = 85.7
     * aged 5-16: A, B, E, F = 4; with a score A, B, F = 3/4 = 75.0; average (12 + 20 + 15) / 3 = 47/3 = 15.7
     */
    @Test
    void healthChecksAndSdqOfChildrenLookedAfter12Months() {
        CinSilverFixture oc2 = CinSilverFixture.of("cla_oc2");
        CinSilverFixture people = CinSilverFixture.of("person_903");
        Object[][] rows = {
                {"A", "2010-06-01", true, true, true, 12}, {"B", "2018-03-01", true, false, true, 20},
                {"C", "2019-04-01", false, true, true, 30}, {"D", "2007-03-01", true, null, false, 8},
                {"E", "2015-01-01", true, true, true, null}, {"F", "2008-04-01", false, false, true, 15},
                {"G", null, true, true, true, 3}};
        for (Object[] r : rows) {
            oc2.row("person_id", r[0], "health_assessment", r[2], "teeth_check", r[3], "immunisations", r[4],
                    "sdq_score", r[5]);
            if (r[1] != null) people.row("person_id", r[0], "birth_month", r[1]);
        }
        oc2.row("person_id", "H", "health_assessment", true, "teeth_check", true, "immunisations", true,
                "sdq_score", 10, "collection_year", 2023);
        people.row("person_id", "H", "birth_month", "2012-01-01");
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_oc2", oc2.frame()).table("person_903", people.frame()).build();
        Map<String, Row> r = CinSilverFixture.results(new ClaHealthMeasures().compute(c));
        expect(r, "cla_12m_31mar|301|202324|Total", 7.0, 7L, null);
        expect(r, "cla_12m_health_assessment|301|202324|Total", 71.4, 5L, 7L);
        expect(r, "cla_12m_dental_check|301|202324|Total", 57.1, 4L, 7L);
        expect(r, "cla_12m_immunisations|301|202324|Total", 85.7, 6L, 7L);
        expect(r, "cla_12m_sdq_received|301|202324|Total", 75.0, 3L, 4L);
        expect(r, "cla_12m_sdq_average|301|202324|Total", 15.7, 47L, 3L);
        assertEquals(9, r.size());
    }

    /*
     * LA 301, return 2024, 31 March 2024; the other OC2 items.
     *   child  birth month  age  HEALTH_CHECK  CONVICTED  SUBSTANCE_MISUSE  in 0-4?  in 10-17?
     *   P      2020-05       3   yes           -          no                yes      no
     *   Q      2019-04       4   no            -          no                yes      no
     *   R      2019-03       5   yes           -          no                no (5)   no
     *   S      2013-06      10   -             yes        yes               no       yes
     *   T      2006-04      17   -             no         -                 no       yes
     *   U      2006-03      18   -             yes        no                no       no (18)
     *   V      2012-01      12   -             no         no                no       yes
     * cla_12m_31mar = 7; development assessments P of P, Q = 1/2 = 50.0; substance misuse S of 7 = 1/7 = 14.3;
     * convicted S of S, T, V = 1/3 = 33.3
     */
    @Test
    void developmentAssessmentsSubstanceMisuseAndConvictions() {
        CinSilverFixture oc2 = CinSilverFixture.of("cla_oc2");
        CinSilverFixture people = CinSilverFixture.of("person_903");
        Object[][] rows = {
                {"P", "2020-05-01", true, null, false}, {"Q", "2019-04-01", false, null, false},
                {"R", "2019-03-01", true, null, false}, {"S", "2013-06-01", null, true, true},
                {"T", "2006-04-01", null, false, null}, {"U", "2006-03-01", null, true, false},
                {"V", "2012-01-01", null, false, false}};
        for (Object[] r : rows) {
            oc2.row("person_id", r[0], "health_check", r[2], "convicted", r[3], "substance_misuse", r[4]);
            people.row("person_id", r[0], "birth_month", r[1]);
        }
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_oc2", oc2.frame()).table("person_903", people.frame()).build();
        Map<String, Row> r = CinSilverFixture.results(new ClaHealthMeasures().compute(c));
        expect(r, "cla_12m_31mar|301|202324|Total", 7.0, 7L, null);
        expect(r, "cla_12m_development_assessment|301|202324|Total", 50.0, 1L, 2L);
        expect(r, "cla_12m_substance_misuse|301|202324|Total", 14.3, 1L, 7L);
        expect(r, "cla_12m_convicted|301|202324|Total", 33.3, 1L, 3L);
    }
}
