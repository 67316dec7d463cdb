package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.MeasureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PlacementStabilityMeasuresTest {

    /*
     * LA 301, SSDA903 return 2024; year 2023-24 = 2023-04-01..2024-03-31, snapshot 31 March 2024.
     * Episodes of return 2024 open at 31 March 2024 (start <= date, end empty or after):
     *   A  2023-12-01 -   U4    B  2023-08-05 -  K2    C  2023-10-01 -  P2    D  2024-03-31 - U1 (starts on the date)
     *   E  2023-06-01 -   V3 (short break: not looked after)   F 2023-06-01..2024-03-31 U6 (ended on the date: not open)
     *   G  2023-02-01 -   U6 and 2023-09-01 - K1 (two open: the later, K1)   H 2023-11-01 - " z1"
     *   -> looked after at 31 March: A, B, C, D, G, H = 6
     * silver placement (history):
     *   A  2023-01-01..2023-06-01 U6, 2023-06-01..2023-12-01 K2, 2023-12-01..- U4           -> 3 in the year
     *   B  2023-05-01..2023-08-01 K2, 2023-08-01..2023-08-05 T4 (temporary: not counted), 2023-08-05..- K2 -> 2
     *   C  2022-01-01..2023-04-01 H5 (ended on 1 April: not in the year), 2023-04-01..2023-10-01 P2, 2023-10-01..- P2 -> 2
     *   D  2023-05-01..2023-07-01 R1, 2023-07-01..2023-09-01 U6, 2024-03-31..- U1          -> 3
     *   E  three placements in the year, but E is not looked after at 31 March
     *   G  2023-09-01..- K1 -> 1;  H none -> 0
     * cla_3plus_placements: A, D = 2 of 6 -> 33.3%
     * cla_placement_type: Total 6; Foster placements A (U4), D (U1) = 2 -> 33.3%; Secure homes and children's homes
     *   B (K2), G (K1) = 2 -> 33.3%; Independent and semi-independent... C (P2) = 1 -> 16.7%; Other placements
     *   H (Z1) = 1 -> 16.7%; Placed for adoption 0 -> 0.0%
     */
    static Dataset<Row> episodes() {
        CinSilverFixture f = CinSilverFixture.of("cla_episode");
        episode(f, "A", "2023-12-01", null, "C2", "U4");
        episode(f, "B", "2023-08-05", null, "C2", "K2");
        episode(f, "C", "2023-10-01", null, "V2", "P2");
        episode(f, "D", "2024-03-31", null, "C2", "U1");
        episode(f, "E", "2023-06-01", null, "V3", "U6");
        episode(f, "F", "2023-06-01", "2024-03-31", "C2", "U6");
        episode(f, "G", "2023-02-01", null, "C2", "U6");
        episode(f, "G", "2023-09-01", null, "C2", "K1");
        episode(f, "H", "2023-11-01", null, "C2", " z1");
        return f.frame();
    }

    private static void episode(CinSilverFixture f, String child, String start, String end, String ls, String place) {
        f.row("person_id", child, "start_date", start, "end_date", end, "legal_status", ls, "placement_type", place,
                "reason_new_episode", "S");
    }

    static Dataset<Row> placements() {
        CinSilverFixture f = CinSilverFixture.of("placement");
        placement(f, "A", "2023-01-01", "2023-06-01", "U6");
        placement(f, "A", "2023-06-01", "2023-12-01", "K2");
        placement(f, "A", "2023-12-01", null, "U4");
        placement(f, "B", "2023-05-01", "2023-08-01", "K2");
        placement(f, "B", "2023-08-01", "2023-08-05", "T4");
        placement(f, "B", "2023-08-05", null, "K2");
        placement(f, "C", "2022-01-01", "2023-04-01", "H5");
        placement(f, "C", "2023-04-01", "2023-10-01", "P2");
        placement(f, "C", "2023-10-01", null, "P2");
        placement(f, "D", "2023-05-01", "2023-07-01", "R1");
        placement(f, "D", "2023-07-01", "2023-09-01", "U6");
        placement(f, "D", "2024-03-31", null, "U1");
        placement(f, "E", "2023-04-05", "2023-04-20", "U6");
        placement(f, "E", "2023-04-20", "2023-05-20", "U6");
        placement(f, "E", "2023-06-01", null, "U6");
        placement(f, "G", "2023-09-01", null, "K1");
        // a derived table built from the history: no per-return columns, as in silver
        return f.frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED);
    }

    private static void placement(CinSilverFixture f, String child, String start, String end, String place) {
        f.row("person_id", child, "start_date", start, "end_date", end, "placement_type", place);
    }

    @Test
    void threeOrMorePlacementsAndPlacementTypes() {
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_episode", episodes()).table("placement", placements())
                .table("cla_period", CinSilverFixture.of("cla_period").frame())
                .table("person_903", CinSilverFixture.of("person_903").frame()).build();
        Map<String, Row> r = CinSilverFixture.results(new PlacementStabilityMeasures().compute(c));
        expect(r, "cla_3plus_placements|301|202324|Total", 33.3, 2L, 6L);
        String t = "cla_placement_type|301|202324|";
        expect(r, t + "Total", 6.0, 6L, null);
        expect(r, t + "Foster placements", 33.3, 2L, 6L);
        expect(r, t + "Secure homes and children's homes", 33.3, 2L, 6L);
        expect(r, t + "Independent and semi-independent living arrangements/supported accommodation", 16.7, 1L, 6L);
        expect(r, t + "Other placements", 16.7, 1L, 6L);
        expect(r, t + "Placed for adoption", 0.0, 0L, 6L);
        // 1 + Total + 8 groups + the distance row + long-term stability
        assertEquals(12, r.size());
        // only the 2024 return is held: the 2.5 years of care before 31 March cannot be seen
        Row longTerm = r.get("cla_long_term_stability|301|202324|Total");
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(longTerm.getAs("note")));
        // the episodes carry no distance band (no coordinates file when conformed): not published, with the reason
        Row distance = r.get("cla_placed_over_20_miles|301|202324|Total");
        org.junit.jupiter.api.Assertions.assertNull((Object) distance.getAs("value"));
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(distance.getAs("note")));
        org.junit.jupiter.api.Assertions.assertTrue(((String) distance.getAs("note")).contains("postcode-to-coordinates"));
    }

    /*
     * The same episodes with distance bands (conform's PlacementDistance): A more than 20 miles, B 20 miles or less,
     * C not known, D more than 20 miles, G's earlier U6 episode 20 miles or less and its later K1 one (the open
     * episode counted) more than 20 miles, H none, E (short break) more than 20 miles but not looked after.
     * cla_placed_over_20_miles: A, D, G = 3 of the 6 looked after -> 50.0% (C's "not known" and H stay in the denominator)
     */
    @Test
    void placedMoreThan20MilesFromHome() {
        CinSilverFixture f = CinSilverFixture.of("cla_episode");
        String beyond = "more than 20 miles", within = "20 miles or less";
        banded(f, "A", "2023-12-01", "C2", "U4", beyond);
        banded(f, "B", "2023-08-05", "C2", "K2", within);
        banded(f, "C", "2023-10-01", "V2", "P2", "not known");
        banded(f, "D", "2024-03-31", "C2", "U1", beyond);
        banded(f, "E", "2023-06-01", "V3", "U6", beyond);
        banded(f, "G", "2023-02-01", "C2", "U6", within);
        banded(f, "G", "2023-09-01", "C2", "K1", beyond);
        banded(f, "H", "2023-11-01", "C2", "Z1", null);
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_episode", f.frame()).table("placement", placements())
                .table("cla_period", CinSilverFixture.of("cla_period").frame())
                .table("person_903", CinSilverFixture.of("person_903").frame()).build();
        Map<String, Row> r = CinSilverFixture.results(new PlacementStabilityMeasures().compute(c));
        expect(r, "cla_placed_over_20_miles|301|202324|Total", 50.0, 3L, 6L);
        assertEquals(Trends.Status.PUBLISHED, Trends.status(r.get("cla_placed_over_20_miles|301|202324|Total").getAs("note")));
    }

    private static void banded(CinSilverFixture f, String child, String start, String ls, String place, String band) {
        f.row("person_id", child, "start_date", start, "legal_status", ls, "placement_type", place,
                "reason_new_episode", "S", "placement_distance_band", band);
    }

    /*
     * Long-term stability, year 2023-24 (31 March 2024), SSDA903 returns 2022, 2023 and 2024 held.
     * Looked after continuously since 30 September 2021 or earlier (31 March 2024 less 30 months), same placement
     * since 31 March 2022 or earlier (less 24 months), aged under 16 at 31 March 2024 (month of birth).
     *   child born     period of care   placements (silver placement)                         cohort  stable
     *   P     2010-05  2020-01-01 -     2021-06-01 - U1                                         yes     yes
     *   Q     2012-01  2021-09-30 -     2021-09-30..2022-06-01 U1, 2022-06-01 - U4             yes (on the day)  no
     *   W     2012-01  2021-10-01 -     2021-10-01 - U1                                         no: 2.5 years less a day
     *   R     2008-03  2015-01-01 -     2015-01-01 - U1                                         no: 16 at 31 March
     *   S     2008-04  2019-01-01 -     2019-01-01..2024-03-20 U4, 2024-03-20 - T1 (temporary)  yes (15)  yes: the U4
     *   A     2020-02  2021-01-01 -     2021-01-01..2023-01-01 U1, 2023-01-01 - A5 (abuts)      yes     yes: from 2021-01-01
     *   B     2019-05  2021-02-01 -     2021-02-01..2022-12-01 U1, 2023-01-01 - A5 (a gap)      yes     no: from 2023-01-01
     *   N     (no person_903 row)       2019-01-01 - U1                                         no: no age
     *   V     2012-01  short break V3   (not looked after at 31 March)                          no
     * cla_long_term_stability 2023-24: P, S, A = 3 of P, Q, S, A, B = 5 -> 60.0%.
     * 2022-23 and 2021-22 are not published: the returns for 2020-21 are not held.
     */
    @Test
    void longTermStabilityIsOfChildrenUnder16LookedAfterFor2AndAHalfYears() {
        CinSilverFixture episodes = CinSilverFixture.of("cla_episode");
        CinSilverFixture periods = CinSilverFixture.of("cla_period");
        CinSilverFixture people = CinSilverFixture.of("person_903");
        CinSilverFixture placements = CinSilverFixture.of("placement");
        String[][] children = {
                {"P", "2010-05-01", "2020-01-01", "C2"}, {"Q", "2012-01-01", "2021-09-30", "C2"},
                {"W", "2012-01-01", "2021-10-01", "C2"}, {"R", "2008-03-01", "2015-01-01", "C2"},
                {"S", "2008-04-01", "2019-01-01", "C2"}, {"A", "2020-02-01", "2021-01-01", "E1"},
                {"B", "2019-05-01", "2021-02-01", "E1"}, {"N", null, "2019-01-01", "C2"}, {"V", "2012-01-01", "2020-01-01", "V3"}};
        for (String[] c : children) {
            episodes.row("person_id", c[0], "start_date", "2023-12-01", "legal_status", c[3], "placement_type", "U1",
                    "reason_new_episode", "P");
            periods.row("person_id", c[0], "start_date", c[2]);
            if (c[1] != null) people.row("person_id", c[0], "birth_month", c[1]);
        }
        placement(placements, "P", "2021-06-01", null, "U1");
        placement(placements, "Q", "2021-09-30", "2022-06-01", "U1");
        placement(placements, "Q", "2022-06-01", null, "U4");
        placement(placements, "W", "2021-10-01", null, "U1");
        placement(placements, "R", "2015-01-01", null, "U1");
        placement(placements, "S", "2019-01-01", "2024-03-20", "U4");
        placement(placements, "S", "2024-03-20", null, "T1");
        placement(placements, "A", "2021-01-01", "2023-01-01", "U1");
        placement(placements, "A", "2023-01-01", null, "A5");
        placement(placements, "B", "2021-02-01", "2022-12-01", "U1");
        placement(placements, "B", "2023-01-01", null, "A5");
        placement(placements, "N", "2019-01-01", null, "U1");
        placement(placements, "V", "2020-01-01", null, "U1");
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2022).ret("301", MeasureContext.SSDA903, 2023)
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_episode", episodes.frame())
                .table("placement", placements.frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED))
                .table("cla_period", periods.frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED))
                .table("person_903", people.frame()).build();
        Map<String, Row> r = CinSilverFixture.results(new PlacementStabilityMeasures().compute(c));
        expect(r, "cla_long_term_stability|301|202324|Total", 60.0, 3L, 5L);
        assertEquals(Trends.Status.PUBLISHED, Trends.status(r.get("cla_long_term_stability|301|202324|Total").getAs("note")));
        for (String year : List.of("202122", "202223")) {
            String note = r.get("cla_long_term_stability|301|" + year + "|Total").getAs("note");
            assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(note), year);
            org.junit.jupiter.api.Assertions.assertTrue(note.contains("does not hold every " + MeasureContext.SSDA903 + " return from 20"), note);
        }
    }

    /** Every PLACE code of the code list has a group, and the catalogue lists the groups in the file's order. */
    @Test
    void everyPlacementCodeHasAGroup() {
        assertEquals(List.of(), PlacementStabilityMeasures.ungroupedCodes());
        assertEquals(8, PlacementStabilityMeasures.groupNames().size());
        MeasureSpec.Measure m = MeasureSpec.load().get(PlacementStabilityMeasures.PLACEMENT_TYPE).orElseThrow();
        assertEquals(PlacementStabilityMeasures.groupNames(), m.breakdowns().get(0).values());
    }
}
