package csc.lakehouse.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The looked-after children and care leavers section of the calibration report, worked by hand on a few journeys. */
class ClaCalibrationTest {
    static final LaPopulation BD = LaPopulation.of("301");

    /*
     * Collection year 2024: 1 April 2023 to 31 March 2024. Children looked after (one family; home RM8 throughout):
     *   D, 12: S 2023-01-01 U4 | P 2023-06-01 U6 | P 2023-09-01 T1 (temporary) | P 2023-09-10 U4, open.
     *      Placements in place in the year: U4 (to 2023-06-01), U6, U4 = 3 (T1 not counted): 3+.
     *      New placements in 2024: U6 at CO1 (>20 miles), T1 at RM9, U4 at BN1 (>20 miles). DECOM 2023-01-01 is 2023's.
     *      Social workers: SW1 to 2023-06-01, SW2 to 2023-12-01, SW3 open: 3 in the year.
     *   E, 12: S 2023-01-01 U4 | P 2023-09-01 T0 (temporary) | P 2023-09-05 U6, open: 2 placements counted (3 if
     *      temporary ones counted). New: T0 at RM9, U6 at RM10. Social workers: SW1 ended 2023-04-01 (not open in the
     *      year: it ended on 1 April), SW2, SW3: 2.
     *   F: three short breaks (V3), each S, 2023-05-01, 2023-08-01, 2024-03-30 (open): not looked after at 31 March
     *      for the DfE (3 placements in the year if counted), and not counted as new placements.
     *   H, 9: S 2020-01-01 U4, open: one placement since 2020; looked after 4+ years: stable.
     *      Social workers SW4, SW5, SW4 again: 2 distinct.
     *   I, 9: S 2020-01-01 U4 | P 2023-01-01 U6, open: looked after 4+ years, placement 15 months: not stable.
     *      Placements in the year: U6 only (U4 ended before 1 April 2023).
     *   J, 5: S 2021-01-01 U4 | B 2023-09-01 A5 (placed for adoption, abutting) | L 2023-12-01 A5 (legal status only,
     *      same placement), open: looked after since 2021-01-01 (on or before 2021-09-30, 2.5 years back); the adoptive
     *      placement abuts U4, so the carer counts from 2021-01-01: stable. New placements: the B at MK9 (>20 miles);
     *      the L episode (PL_POST CO1) is no new placement. Placements in the year: U4, A5 = 2.
     *   K, 16: S 2018-01-01 U4, open: stable, but 16 at 31 March: left out of long-term stability.
     *   L, 9: S 2022-01-01 U4, open: placement over 2 years, but looked after only 2.25 years: left out.
     *
     * Looked after at 31 March 2024 (short breaks excluded): D, E, H, I, J, K, L = 7.
     *   cla_3plus_placements = D / 7 = 14.3% (2/7 if temporary placements counted, 2/8 with F).
     *   cla_long_term_stability: H, I, J under 16 and looked after 2.5+ years; H and J stable = 2/3 = 66.7%
     *      (3/4 with K, 3/4 with L, 1/3 if the adoptive placement counted alone).
     *   cla_3plus_social_workers: D / 7 = 14.3% (2024 is the first year with social worker episodes; 2023 has none).
     *   new_placements_over_20_miles: D 3 (2 far), E 2 (0), J 1 (1) = 3/6 = 50% (4/7 with J's L, 3/9 with F).
     */
    @Test
    void lookedAfterIndicatorsFollowTheDfEDefinitions() {
        Journey.Family f = new Journey.Family("301", "F1");
        Journey.Child d = child(f, "D", "2012-01-01");
        ep(d, "2023-01-01", "S", "C2", "U4", "2023-06-01", "X1", "RM9 1AA");
        ep(d, "2023-06-01", "P", "C2", "U6", "2023-09-01", "X1", "CO1 1AA");
        ep(d, "2023-09-01", "P", "C2", "T1", "2023-09-10", "X1", "RM9 2AA");
        ep(d, "2023-09-10", "P", "C2", "U4", null, null, "BN1 2BB");
        sw(d, "SW1", "2023-01-01", "2023-06-01");
        sw(d, "SW2", "2023-06-01", "2023-12-01");
        sw(d, "SW3", "2023-12-01", null);
        Journey.Child e = child(f, "E", "2012-01-01");
        ep(e, "2023-01-01", "S", "V2", "U4", "2023-09-01", "X1", "RM9 3AA");
        ep(e, "2023-09-01", "P", "V2", "T0", "2023-09-05", "X1", "RM9 4AA");
        ep(e, "2023-09-05", "P", "V2", "U6", null, null, "RM10 1AA");
        sw(e, "SW1", "2022-01-01", "2023-04-01");
        sw(e, "SW2", "2023-04-01", "2023-10-01");
        sw(e, "SW3", "2023-10-01", null);
        Journey.Child sb = child(f, "F", "2012-01-01");
        ep(sb, "2023-05-01", "S", "V3", "U1", "2023-05-03", "E15", "RM9 5AA");
        ep(sb, "2023-08-01", "S", "V3", "U1", "2023-08-03", "E15", "RM9 5AA");
        ep(sb, "2024-03-30", "S", "V3", "U1", null, null, "RM9 5AA");
        Journey.Child h = child(f, "H", "2014-05-01");
        ep(h, "2020-01-01", "S", "C2", "U4", null, null, "RM9 6AA");
        sw(h, "SW4", "2023-01-01", "2023-05-01");
        sw(h, "SW5", "2023-05-01", "2023-08-01");
        sw(h, "SW4", "2023-08-01", null);
        Journey.Child i = child(f, "I", "2014-05-01");
        ep(i, "2020-01-01", "S", "C2", "U4", "2023-01-01", "X1", "RM9 7AA");
        ep(i, "2023-01-01", "P", "C2", "U6", null, null, "RM9 8AA");
        Journey.Child j = child(f, "J", "2019-01-01");
        ep(j, "2021-01-01", "S", "C2", "U4", "2023-09-01", "X1", "RM9 9AA");
        ep(j, "2023-09-01", "B", "E1", "A5", "2023-12-01", "X1", "MK9 1AB");
        ep(j, "2023-12-01", "L", "E1", "A5", null, null, "CO1 2CC");
        Journey.Child k = child(f, "K", "2008-01-01");
        ep(k, "2018-01-01", "S", "C2", "U4", null, null, "RM9 1BB");
        Journey.Child l = child(f, "L", "2014-05-01");
        ep(l, "2022-01-01", "S", "C2", "U4", null, null, "RM9 2BB");

        CalibrationReport rep = new CalibrationReport(BD, 2023, 2024, 1.0);
        rep.accept(f);
        assertEquals(100.0 / 7, rep.value("cla_3plus_placements", 2024), 1e-9);
        assertEquals(200.0 / 3, rep.value("cla_long_term_stability", 2024), 1e-9);
        assertEquals(100.0 / 7, rep.value("cla_3plus_social_workers", 2024), 1e-9);
        assertTrue(Double.isNaN(rep.value("cla_3plus_social_workers", 2023)), "no social worker episodes before 2024");
        assertEquals(50.0, rep.value("new_placements_over_20_miles", 2024), 1e-9);
        // B&D's rows for the years generated: 7 indicators in 2023, 8 in 2024 (3+ social workers is published for 2024 only)
        List<CalibrationReport.Row> rows = rep.claRows();
        assertEquals(15, rows.size());
        assertTrue(rep.table().contains("children looked after and care leavers"));
    }

    /*
     * Care leavers in return 2024 (each left care on their 18th birthday, so has OC3 rows in the years of the 18th to
     * 21st birthdays):
     *   A, born 2005-10-10, left 2023-10-10: 18 at 31 March 2024: aged 17-18.
     *   B, born 2004-06-01, left 2022-06-01: 19 at 31 March 2024: aged 19-21 (and 18 at 31 March 2023: 17-18 in 2023).
     *   C, born 2005-12-01, left care at 17 (2022-12-01): no OC3 row.
     * With every 17-18 in touch, in EET and suitable accommodation and every 19-21 in touch, NEET and unsuitably housed:
     *   2024: 17-18 EET 1/1 = 100%, suitable 100% (50% if B were counted there); 19-21 EET 0/1 = 0%, suitable 0%.
     *   2023: 17-18 = B: 100%; 19-21: nobody (no value).
     * Not in touch (IN_TOUCH NO: ACTIV and ACCOM 0, not known): A stays in the 17-18 cohort, 0% EET and 0% suitable.
     * Returned home / no longer requiring services (RHOM, NREQ): A leaves the cohort, which is then empty (no value).
     */
    @Test
    void careLeaversAreTheOc3CohortByAgeAtThe31March(@TempDir Path out) throws Exception {
        Journey.Family f = new Journey.Family("301", "F2");
        Journey.Child a = child(f, "A", "2005-10-10");
        ep(a, "2020-01-01", "S", "C2", "U4", "2023-10-10", "E17", "RM9 1AA");
        Journey.Child b = child(f, "B", "2004-06-01");
        ep(b, "2019-01-01", "S", "C2", "U4", "2022-06-01", "E17", "RM9 1AA");
        Journey.Child c = child(f, "C", "2005-12-01");
        ep(c, "2019-01-01", "S", "C2", "U4", "2022-12-01", "E4A", "RM9 1AA");
        assertTrue(CareLeaverOutcome.inReturn(a, 2024) && CareLeaverOutcome.inReturn(b, 2024) && !CareLeaverOutcome.inReturn(c, 2024));

        Params p = new Params();
        p.careLeaverExcluded[0] = p.careLeaverExcluded[1] = 0;
        p.careLeaverNotInTouch[0] = p.careLeaverNotInTouch[1] = 0;
        p.careLeaverEet[0] = 1; p.careLeaverEet[1] = 0;
        p.careLeaverSuitable[0] = 1; p.careLeaverSuitable[1] = 0;
        CalibrationReport rep = new CalibrationReport(BD, 2023, 2024, 1.0, p);
        rep.accept(f);
        assertEquals(100.0, rep.value("care_leavers_17_18_eet", 2024), 1e-9);
        assertEquals(100.0, rep.value("care_leavers_17_18_suitable_accommodation", 2024), 1e-9);
        assertEquals(0.0, rep.value("care_leavers_19_21_eet", 2024), 1e-9);
        assertEquals(0.0, rep.value("care_leavers_19_21_suitable_accommodation", 2024), 1e-9);
        assertEquals(100.0, rep.value("care_leavers_17_18_eet", 2023), 1e-9);
        assertTrue(Double.isNaN(rep.value("care_leavers_19_21_eet", 2023)));
        // the 19-21 outcome is NEET with an unsuitable accommodation code (second character 2)
        CareLeaverOutcome ob = CareLeaverOutcome.of(p, b, 2024);
        assertTrue(ob.activity().startsWith("G") && ob.accommodation().charAt(1) == '2', ob.toString());

        // the writer writes the outcome the report measures
        try (Ssda903Writer w = new Ssda903Writer(out, "301", 2024, 2024, new Dirty(false, 1, "301"), p)) { w.accept(f); }
        List<String> oc3 = Files.readAllLines(out.resolve("ssda903/2024/oc3.csv"));
        assertEquals(3, oc3.size(), oc3.toString());   // header, A, B
        CareLeaverOutcome oa = CareLeaverOutcome.of(p, a, 2024);
        assertTrue(oc3.contains("CA,10/10/2005," + oa.inTouch() + "," + oa.activity() + "," + oa.accommodation()), oc3.toString());
        assertTrue(oc3.contains("CB,01/06/2004," + ob.inTouch() + "," + ob.activity() + "," + ob.accommodation()), oc3.toString());

        p.careLeaverNotInTouch[0] = 1;
        CalibrationReport notInTouch = new CalibrationReport(BD, 2024, 2024, 1.0, p);
        notInTouch.accept(f);
        assertEquals(0.0, notInTouch.value("care_leavers_17_18_eet", 2024), 1e-9);
        assertEquals(0.0, notInTouch.value("care_leavers_17_18_suitable_accommodation", 2024), 1e-9);

        p.careLeaverExcluded[0] = 1;
        CalibrationReport excluded = new CalibrationReport(BD, 2024, 2024, 1.0, p);
        excluded.accept(f);
        assertTrue(Double.isNaN(excluded.value("care_leavers_17_18_eet", 2024)), "RHOM leaves the cohort");
    }

    @Test
    void distancesAreStraightLineMilesBetweenThePostcodesPoints() {
        double far = PostcodeCoordinatesWriter.miles("RM8 1AA", "CO1 1AA");   // Dagenham to Colchester, about 40 miles
        assertTrue(far > 35 && far < 45, "RM8 to CO1: " + far);
        assertTrue(PostcodeCoordinatesWriter.miles("RM8 1AA", "RM9 1AA") < 5);
        assertTrue(Double.isNaN(PostcodeCoordinatesWriter.miles("RM8 1AA", "ZZ9 9ZZ")), "a district with no point");
    }

    private static Journey.Child child(Journey.Family f, String id, String dob) {
        Journey.Child c = new Journey.Child("C" + id, f);
        c.dob = LocalDate.parse(dob);
        c.sex = 'F';
        f.children.add(c);
        return c;
    }

    private static void ep(Journey.Child c, String decom, String rne, String ls, String place, String dec, String rec, String plPost) {
        Journey.CareEpisode e = new Journey.CareEpisode();
        e.decom = LocalDate.parse(decom); e.rne = rne; e.ls = ls; e.cin = "N1"; e.place = place;
        e.dec = dec == null ? null : LocalDate.parse(dec); e.rec = rec;
        e.homePost = "RM8 1AA"; e.plPost = plPost;
        c.care.add(e);
    }

    private static void sw(Journey.Child c, String id, String start, String end) {
        Journey.SwAllocation a = new Journey.SwAllocation();
        a.swId = id; a.start = LocalDate.parse(start); a.end = end == null ? null : LocalDate.parse(end);
        c.socialWorkers.add(a);
    }
}
