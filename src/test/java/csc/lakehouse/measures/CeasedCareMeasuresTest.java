package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.CodeLists;
import csc.lakehouse.spec.MeasureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CeasedCareMeasuresTest {

    /*
     * silver.cla_episode, LA 301, SSDA903 returns 2023 and 2024 (each row one return's row).
     *   child  return DECOM       DEC         LS  REC    note
     *   P      2024   2023-04-10  2023-06-01  C2  X1     care continues
     *   P      2024   2023-06-01  2023-09-30  C2  E45    ceased: SGO
     *   Q      2024   2023-05-01  2023-05-20  V2  E4A    ceased, but not Q's last occasion in the year
     *   Q      2024   2023-08-01  2024-01-10  C2  E41    Q's last occasion: residence / child arrangements order
     *   R      2024   2023-10-01  2024-03-31  E1  E11    adopted on the last day of the year
     *   S      2024   2023-11-01  2024-04-01  C2  E13    ends in 2024-25: not in the year
     *   T      2024   2023-06-01  2023-06-03  V3  E8     short break: excluded
     *   U      2024   2023-07-01  2023-12-01  C2  " e4b" returned home (code normalised)
     *   W      2023   2023-01-10  -           C2  -      open in return 2023
     *   W      2024   2023-01-10  2023-05-15  C2  E3     closed in return 2024: a 2023-24 ceasing
     *   V      2023   2022-05-01  2023-02-01  C2  E13    a 2022-23 ceasing
     * 2023-24 (return 2024): P E45, Q E41, R E11, U E4B, W E3 = 5 children, each 1/5 = 20.0%; E4A, E13: 0 -> 0.0%
     *   Adopted (E11, E12) 1 -> 20.0%; Special guardianship order (E45-E48) 1 -> 20.0%; Returned home (E4A, E4B) 1 -> 20.0%
     *   rate: 5 / 40,000 (mid-2023) x 10,000 = 1.25 -> 1.3
     * 2022-23 (return 2023): V E13 = 1 child, E13 100.0%; rate 1 / 50,000 (mid-2022) x 10,000 = 0.2
     */
    static Dataset<Row> episodes() {
        return CinSilverFixture.of("cla_episode")
                .row("person_id", "P", "start_date", "2023-04-10", "end_date", "2023-06-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "X1")
                .row("person_id", "P", "start_date", "2023-06-01", "end_date", "2023-09-30", "legal_status", "C2", "reason_new_episode", "P", "reason_ceased", "E45")
                .row("person_id", "Q", "start_date", "2023-05-01", "end_date", "2023-05-20", "legal_status", "V2", "reason_new_episode", "S", "reason_ceased", "E4A")
                .row("person_id", "Q", "start_date", "2023-08-01", "end_date", "2024-01-10", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E41")
                .row("person_id", "R", "start_date", "2023-10-01", "end_date", "2024-03-31", "legal_status", "E1", "reason_new_episode", "S", "reason_ceased", "E11")
                .row("person_id", "S", "start_date", "2023-11-01", "end_date", "2024-04-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E13")
                .row("person_id", "T", "start_date", "2023-06-01", "end_date", "2023-06-03", "legal_status", "V3", "reason_new_episode", "S", "reason_ceased", "E8")
                .row("person_id", "U", "start_date", "2023-07-01", "end_date", "2023-12-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", " e4b")
                .row("person_id", "W", "start_date", "2023-01-10", "legal_status", "C2", "reason_new_episode", "S", "collection_year", 2023)
                .row("person_id", "W", "start_date", "2023-01-10", "end_date", "2023-05-15", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E3")
                .row("person_id", "V", "start_date", "2022-05-01", "end_date", "2023-02-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E13", "collection_year", 2023)
                .frame();
    }

    @Test
    void childrenCeasingByReasonAndRate() {
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2023).ret("301", MeasureContext.SSDA903, 2024)
                .table("population", CinSilverFixture.population("301", 2022, 50000, "301", 2023, 40000))
                .table("cla_episode", episodes()).build();
        Map<String, Row> r = CinSilverFixture.results(new CeasedCareMeasures().compute(c));
        String y = CeasedCareMeasures.CEASED + "|301|202324|";
        expect(r, y + "Total", 5.0, 5L, null);
        for (String code : List.of("E45", "E41", "E11", "E4B", "E3")) expect(r, y + code, 20.0, 1L, 5L);
        expect(r, y + "E4A", 0.0, 0L, 5L);
        expect(r, y + "E13", 0.0, 0L, 5L);
        expect(r, y + "E8", 0.0, 0L, 5L);
        expect(r, y + "Adopted", 20.0, 1L, 5L);
        expect(r, y + "Special guardianship order", 20.0, 1L, 5L);
        expect(r, y + "Returned home", 20.0, 1L, 5L);
        expect(r, CeasedCareMeasures.RATE + "|301|202324|Total", 1.3, 5L, 40000L);
        String p = CeasedCareMeasures.CEASED + "|301|202223|";
        expect(r, p + "Total", 1.0, 1L, null);
        expect(r, p + "E13", 100.0, 1L, 1L);
        expect(r, p + "E3", 0.0, 0L, 1L);
        expect(r, p + "Returned home", 0.0, 0L, 1L);
        expect(r, CeasedCareMeasures.RATE + "|301|202223|Total", 0.2, 1L, 50000L);
        assertFalse(r.containsKey(y + "X1"), "X1 (care continues) is not a reason for ceasing");
        // no AD1 records: adoption timing has no child to time (value null, denominator 0)
        expect(r, CeasedCareMeasures.DECISION_TO_MATCH + "|301|202324|Total", null, 0L, 0L);
        // per year: Total + 21 codes + 3 groups, one rate row and one adoption-timing row
        assertEquals(2 * (1 + 21 + 3 + 1 + 1), r.size());
    }

    /** The groups are read from the code list's labels; the catalogue lists its codes, then the groups. */
    @Test
    void groupsAndCatalogueFollowTheCodeList() {
        assertEquals(List.of("E11", "E12"), CeasedCareMeasures.groupCodes("Adopted"));
        assertEquals(List.of("E45", "E46", "E47", "E48"), CeasedCareMeasures.groupCodes("Special guardianship order"));
        assertEquals(List.of("E4A", "E4B"), CeasedCareMeasures.groupCodes("Returned home"));
        List<String> values = new ArrayList<>(CeasedCareMeasures.reasons().stream().map(CodeLists.Entry::code).toList());
        values.addAll(CeasedCareMeasures.GROUPS.keySet());
        MeasureSpec.Measure m = MeasureSpec.load().get(CeasedCareMeasures.CEASED).orElseThrow();
        assertEquals(values, m.breakdowns().get(0).values());
        assertEquals(List.copyOf(CeasedCareMeasures.GROUPS.keySet()), m.breakdowns().get(0).nonAdditive());
    }

    /*
     * Adoption timing, return 2024 (2023-24) and return 2023 (2022-23, no adoption):
     *   child  DEC         REC   AD1 DATE_INT  DATE_MATCH   timed?
     *   A      2023-09-30  E11   2022-10-01    2023-04-01   yes: 182 days
     *   B      2024-02-15  E12   2023-03-01    2023-05-31   yes: 91 days
     *   C      2023-12-01  E11   2023-01-01    -            no: not matched
     *   D      2023-11-01  E45   2023-01-01    2023-02-01   no: special guardianship, not adopted
     *   E      2024-05-01  E11   2023-01-01    2023-02-01   no: adopted in 2024-25
     *   F      2023-10-01  E11   2023-06-01    2023-05-01   no: match before the decision
     * 2023-24: (182 + 91) / 2 = 136.5 days / 30.4375 = 4.48 -> 4.5 months; numerator 273, denominator 2
     * 2022-23: no child adopted -> value null, 0 / 0
     */
    @Test
    void monthsFromTheDecisionToPlaceForAdoptionToTheMatch() {
        Dataset<Row> episodes = CinSilverFixture.of("cla_episode")
                .row("person_id", "A", "start_date", "2022-01-01", "end_date", "2023-09-30", "legal_status", "E1", "reason_new_episode", "S", "reason_ceased", "E11")
                .row("person_id", "B", "start_date", "2022-01-01", "end_date", "2024-02-15", "legal_status", "E1", "reason_new_episode", "S", "reason_ceased", "E12")
                .row("person_id", "C", "start_date", "2022-01-01", "end_date", "2023-12-01", "legal_status", "E1", "reason_new_episode", "S", "reason_ceased", "E11")
                .row("person_id", "D", "start_date", "2022-01-01", "end_date", "2023-11-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E45")
                .row("person_id", "E", "start_date", "2022-01-01", "end_date", "2024-05-01", "legal_status", "E1", "reason_new_episode", "S", "reason_ceased", "E11")
                .row("person_id", "F", "start_date", "2022-01-01", "end_date", "2023-10-01", "legal_status", "E1", "reason_new_episode", "S", "reason_ceased", "E11")
                .frame();
        Dataset<Row> ad1 = CinSilverFixture.of("cla_adoption")
                .row("person_id", "A", "date_decision_to_adopt", "2022-10-01", "date_matched", "2023-04-01")
                .row("person_id", "B", "date_decision_to_adopt", "2023-03-01", "date_matched", "2023-05-31")
                .row("person_id", "C", "date_decision_to_adopt", "2023-01-01")
                .row("person_id", "D", "date_decision_to_adopt", "2023-01-01", "date_matched", "2023-02-01")
                .row("person_id", "E", "date_decision_to_adopt", "2023-01-01", "date_matched", "2023-02-01")
                .row("person_id", "F", "date_decision_to_adopt", "2023-06-01", "date_matched", "2023-05-01")
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2023).ret("301", MeasureContext.SSDA903, 2024)
                .table("population", CinSilverFixture.population("301", 2022, 50000, "301", 2023, 40000))
                .table("cla_episode", episodes).table("cla_adoption", ad1).build();
        Map<String, Row> r = CinSilverFixture.results(new CeasedCareMeasures().compute(c));
        expect(r, CeasedCareMeasures.DECISION_TO_MATCH + "|301|202324|Total", 4.5, 273L, 2L);
        expect(r, CeasedCareMeasures.DECISION_TO_MATCH + "|301|202223|Total", null, 0L, 0L);
        assertEquals("mean", r.get(CeasedCareMeasures.DECISION_TO_MATCH + "|301|202324|Total").getAs("unit"));
    }
}
