package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CareLeaverMeasuresTest {

    /*
     * LA 301, SSDA903 return 2024; year 2023-24 (31 March 2024). Age = age at 31 March 2024 from the month of birth.
     *   child  birth month  age  return  IN_TOUCH  ACTIV  ACCOM  group   counted?          EET  suitable  not in touch
     *   A      2006-03      18   2024    YES       F2     U1     17-18   yes               yes  yes       no
     *   B      2006-04      17   2024    YES       G5     D1     17-18   yes               no   yes       no
     *   C      2007-03      17   2024    NO        0      0      17-18   yes               no   no        yes
     *   D      2006-10      17   2024    DIED      -      -      17-18   no (excluded)
     *   E      2007-04      16   2024    YES       F1     U1     -       no (too young)
     *   F      2005-03      19   2024    REFU      -      -      19-21   yes               no   no        yes
     *   G      2003-04      20   2024    YES       P5     B1     19-21   yes               yes  yes       no
     *   H      2002-06      21   2024    NREQ      F1     U1     19-21   no (excluded)
     *   I      2002-12      21   2024    YES       G4     S2     19-21   yes               no   no        no
     *   L      2004-02      20   2024    YES       F4     Z1     19-21   yes               yes  yes       no
     *   J      (no person_903 row)   2024    YES   F1     U1     -       no (no age)
     *   K      2006-01      18   2023    YES       F1     U1     -       no (2023 return only)
     *   M      2001-09      22   2024    YES       F1     U1     -       no (too old)
     * 17-18: A, B, C = 3.  EET A = 1/3 = 33.3; suitable A, B = 2/3 = 66.7; not in touch C = 1/3 = 33.3
     * 19-21: F, G, I, L = 4.  EET G, L = 2/4 = 50.0; suitable G, L = 2/4 = 50.0; not in touch F = 1/4 = 25.0
     * By activity (the DfE's rows): 17-18 A F2 other education, B G5 NEET other reasons, C 0 information not known:
     *   1 of 3 each = 33.3, the other five rows 0; 19-21 F (empty) information not known, G P5 training or employment,
     *   I G4 NEET illness or disability, L F4 apprenticeship: 1 of 4 each = 25.0, the other four rows 0.
     * Staying put (ACCOM Z, with former foster carers): 17-18 none = 0/3 = 0.0; 19-21 L (Z1) = 1/4 = 25.0
     */
    @Test
    void careLeaversEetAccommodationAndInTouchByAgeGroup() {
        CinSilverFixture oc3 = CinSilverFixture.of("cla_oc3");
        CinSilverFixture people = CinSilverFixture.of("person_903");
        Object[][] rows = {
                {"A", "2006-03-01", "YES", "F2", "U1"}, {"B", "2006-04-01", "YES", "G5", "D1"},
                {"C", "2007-03-01", "NO", "0", "0"}, {"D", "2006-10-01", "DIED", null, null},
                {"E", "2007-04-01", "YES", "F1", "U1"}, {"F", "2005-03-01", "REFU", null, null},
                {"G", "2003-04-01", "YES", "P5", "B1"}, {"H", "2002-06-01", "NREQ", "F1", "U1"},
                {"I", "2002-12-01", "YES", "G4", "S2"}, {"L", "2004-02-01", "YES", "F4", "Z1"},
                {"J", null, "YES", "F1", "U1"}, {"M", "2001-09-01", "YES", "F1", "U1"}};
        for (Object[] r : rows) {
            oc3.row("person_id", r[0], "in_touch", r[2], "activity", r[3], "accommodation", r[4]);
            if (r[1] != null) people.row("person_id", r[0], "birth_month", r[1]);
        }
        oc3.row("person_id", "K", "in_touch", "YES", "activity", "F1", "accommodation", "U1", "collection_year", 2023);
        people.row("person_id", "K", "birth_month", "2006-01-01");
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_oc3", oc3.frame()).table("person_903", people.frame()).build();
        Map<String, Row> r = CinSilverFixture.results(new CareLeaverMeasures().compute(c));
        expect(r, "care_leavers_17_18|301|202324|Total", 3.0, 3L, null);
        expect(r, "care_leavers_17_18_eet|301|202324|Total", 33.3, 1L, 3L);
        expect(r, "care_leavers_17_18_suitable_accommodation|301|202324|Total", 66.7, 2L, 3L);
        expect(r, "care_leavers_17_18_not_in_touch|301|202324|Total", 33.3, 1L, 3L);
        expect(r, "care_leavers_19_21|301|202324|Total", 4.0, 4L, null);
        expect(r, "care_leavers_19_21_eet|301|202324|Total", 50.0, 2L, 4L);
        expect(r, "care_leavers_19_21_suitable_accommodation|301|202324|Total", 50.0, 2L, 4L);
        expect(r, "care_leavers_19_21_not_in_touch|301|202324|Total", 25.0, 1L, 4L);
        String a17 = "care_leavers_17_18_activity|301|202324|", a19 = "care_leavers_19_21_activity|301|202324|";
        expect(r, a17 + "Total", 3.0, 3L, null);
        expect(r, a17 + "Other education", 33.3, 1L, 3L);
        expect(r, a17 + "NEET: other reasons", 33.3, 1L, 3L);
        expect(r, a17 + "Information not known", 33.3, 1L, 3L);
        expect(r, a17 + "Higher education", 0.0, 0L, 3L);
        expect(r, a19 + "Total", 4.0, 4L, null);
        expect(r, a19 + "Information not known", 25.0, 1L, 4L);
        expect(r, a19 + "Training or employment", 25.0, 1L, 4L);
        expect(r, a19 + "NEET: illness or disability", 25.0, 1L, 4L);
        expect(r, a19 + "Apprenticeship", 25.0, 1L, 4L);
        expect(r, a19 + "Other education", 0.0, 0L, 4L);
        expect(r, "care_leavers_17_18_staying_put|301|202324|Total", 0.0, 0L, 3L);
        expect(r, "care_leavers_19_21_staying_put|301|202324|Total", 25.0, 1L, 4L);
        // 8 + two activity distributions (Total and 8 rows each) + two staying-put rows
        assertEquals(28, r.size());
        // cla_oc3 is keyed by child and return: its per-return rows keep their collection_year (K's is 2023), so
        // a family reading returnRows cannot serve K's 2023 row to 2023-24
        assertEquals(1, c.returnRows("cla_oc3").filter("collection_year = 2023").count());
        assertEquals(0, c.returnRows("cla_oc3").filter("collection_year is null").count());
    }

    /** The catalogue lists the activity rows in the groups file's order. */
    @Test
    void theActivityRowsAreTheGroupsFilesInItsOrder() {
        assertEquals(8, CareLeaverMeasures.activityTypes().size());
        for (String id : java.util.List.of("care_leavers_17_18_activity", "care_leavers_19_21_activity")) {
            assertEquals(CareLeaverMeasures.activityTypes(),
                    csc.lakehouse.spec.MeasureSpec.load().get(id).orElseThrow().breakdowns().get(0).values(), id);
        }
    }
}
