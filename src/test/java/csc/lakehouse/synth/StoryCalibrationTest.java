package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The borough's Ofsted and scrutiny report figures (reference.md 5.7; synth/story_targets.csv): the definitions on a
 * hand-made family, and the default borough (seed 20231, scale 1, 2013-2026: the demo's drop) reproducing each figure
 * within 15% at the date the reports give, beside the statutory series.
 */
class StoryCalibrationTest {
    static LocalDate d(String s) { return LocalDate.parse(s); }

    static Map<String, Double> values(StoryCalibration s) {
        Map<String, Double> out = new TreeMap<>();
        for (StoryCalibration.Row r : s.rows()) out.put(r.target().figure() + "@" + r.target().to(), r.generated());
        return out;
    }

    static Referral referral(Child c, String date) {
        Referral r = new Referral();
        r.referralDate = d(date);
        c.referrals.add(r);
        return r;
    }

    static CareEpisode start(Child c, String decom, String ls) {
        CareEpisode e = new CareEpisode();
        e.decom = d(decom); e.rne = "S"; e.ls = ls;
        c.care.add(e);
        return e;
    }

    static void allocate(Child c, String worker, String from) {
        SwAllocation a = new SwAllocation();
        a.swId = worker; a.start = d(from);
        c.socialWorkers.add(a);
    }

    /**
     * Family F1 with children A, B, C (all dates worked by hand; 2024-01-31 is a Wednesday):
     * <ul>
     *   <li>strategy discussions in 2023-04-01..2024-01-31: A referred Mon 2023-06-05, discussion Thu 06-08 = 3
     *       working days (in timescale); B referred Fri 06-09, discussion Fri 06-16 = 5 (late); C's discussion on
     *       2023-03-20 is before the period. Mean (3 + 5) / 2 = 4.0, in timescale 1 of 2 = 50%;</li>
     *   <li>CIN plans open at 2024-01-31: A from 2022-12-15 (+12 months = 2023-12-15 &lt;= date, +24 after: 12-24m), B from
     *       2021-11-30 (+24 months = 2023-11-30: 24m+), C from 2023-10-01 (&lt; 12 months); A's earlier plan ended. 1 of 3
     *       = 33.3% each. At 2023-03-31 A's plan (3 months) and B's (16 months: 12-24m) are open: 1 of 2 = 50%;</li>
     *   <li>CP plans open at 2024-01-31: A from 2022-01-31 (+24 months = 2024-01-31 &lt;= date: 24m+), B from 2022-02-01
     *       (+24 months = 2024-02-01, after: under 2 years), C from 2021-06-01 but ended 2024-01-31 (not open on the
     *       day): 1 of 2 = 50%;</li>
     *   <li>supervision at 2024-01-31: all three have an open referral; A last supervised 2024-01-10 (21 days: both),
     *       B 2023-12-20 (42 days: 8 weeks only; the 2024-02-05 supervision is after the date), C never: 4 weeks 1 of 3
     *       = 33.3%, 8 weeks 2 of 3 = 66.7%;</li>
     *   <li>pre-proceedings open at 2024-01-31: A from 2023-09-01 (152 days &gt; 112: counts), B from 2023-11-01 (91 days),
     *       C from 2023-05-01 but decided 2024-01-15: 1 child;</li>
     *   <li>care starts in 2023-04-01..2024-01-31: A and B at 2023-07-01 under L1 (police protection, Saturday 10:00,
     *       together: a sibling group of 2), C at 2023-08-01 under C1 and again (a second period) 2023-12-01 under L1 -
     *       C counts once, at the first period: 3 children, 2 through police protection = 66.7%; 2 entrants, 2 children
     *       in 1 sibling group;</li>
     *   <li>police protection in 2013-14: C alone on Wed 2013-10-02 at 18:30 (out of hours) and on Thu 2013-10-03 at
     *       10:15 (in hours): 50%;</li>
     *   <li>caseloads at 2024-01-31: worker SWX holds the 23 children of family F2 (above every team target, 16-22)
     *       and A; SWY holds B (below every target); C's allocation to SWY ended 2024-01-31 (not open on the day).
     *       2 case-holding workers, 1 over target = 50%.</li>
     * </ul>
     */
    static List<Family> fixture() {
        Family f = new Family("301", "F1");
        Child a = new Child("A", f), b = new Child("B", f), c = new Child("C", f);
        f.children.addAll(List.of(a, b, c));
        Referral ra = referral(a, "2023-06-05"); ra.strategyDiscussion = d("2023-06-08");
        Referral rb = referral(b, "2023-06-09"); rb.strategyDiscussion = d("2023-06-16");
        Referral rc = referral(c, "2023-03-15"); rc.strategyDiscussion = d("2023-03-20");
        CinPlan old = new CinPlan(); old.start = d("2020-01-01"); old.end = d("2021-01-01"); ra.cinPlans.add(old);
        CinPlan pa = new CinPlan(); pa.start = d("2022-12-15"); ra.cinPlans.add(pa);
        CinPlan pb = new CinPlan(); pb.start = d("2021-11-30"); rb.cinPlans.add(pb);
        CinPlan pc = new CinPlan(); pc.start = d("2023-10-01"); pc.end = d("2024-06-01"); rc.cinPlans.add(pc);
        for (Object[] p : new Object[][]{{ra, "2022-01-31", null}, {rb, "2022-02-01", null}, {rc, "2021-06-01", "2024-01-31"}}) {
            Cpp cp = new Cpp(); cp.start = d((String) p[1]); cp.end = p[2] == null ? null : d((String) p[2]);
            ((Referral) p[0]).cpps.add(cp);
        }
        for (Object[] s : new Object[][]{{a, "2024-01-10"}, {b, "2023-12-20"}, {b, "2024-02-05"}}) {
            Supervision v = new Supervision(); v.date = d((String) s[1]); ((Child) s[0]).supervisions.add(v);
        }
        for (Object[] p : new Object[][]{{"A", "2023-09-01", null}, {"B", "2023-11-01", null}, {"C", "2023-05-01", "2024-01-15"}}) {
            PreProceedings pre = new PreProceedings();
            pre.childId = (String) p[0]; pre.ppStart = d((String) p[1]); pre.stepDecision = p[2] == null ? null : d((String) p[2]);
            f.preProceedings.add(pre);
        }
        start(a, "2023-07-01", "L1"); start(b, "2023-07-01", "L1"); start(c, "2023-08-01", "C1").dec = d("2023-09-01");
        start(c, "2023-12-01", "L1");
        PoliceProtection together = new PoliceProtection();
        together.date = d("2023-07-01"); together.time = "10:00"; together.childIds.addAll(List.of("A", "B"));
        PoliceProtection evening = new PoliceProtection();
        evening.date = d("2013-10-02"); evening.time = "18:30"; evening.childIds.add("C");
        PoliceProtection morning = new PoliceProtection();
        morning.date = d("2013-10-03"); morning.time = "10:15"; morning.childIds.add("C");
        f.policeProtections.addAll(List.of(together, evening, morning));
        allocate(a, "SWX", "2023-06-05"); allocate(b, "SWY", "2023-06-09"); allocate(c, "SWY", "2023-03-15");
        c.socialWorkers.get(0).end = d("2024-01-31");

        Family many = new Family("301", "F2");
        for (int i = 0; i < 23; i++) {
            Child k = new Child("K" + i, many);
            allocate(k, "SWX", "2023-01-01");
            many.children.add(k);
        }
        return List.of(f, many);
    }

    @Test
    void figuresFollowThePipelineDefinitionsOnAHandMadeFamily() {
        StoryCalibration s = new StoryCalibration(2013, 2026, 1.0);
        fixture().forEach(s);
        Map<String, Double> v = values(s);
        assertEquals(4.0, v.get("strategy_discussion_days@2024-01-31"), 1e-9);
        assertEquals(50.0, v.get("strategy_discussion_in_timescale@2024-01-31"), 1e-9);
        assertEquals(100.0 / 3, v.get("cin_plan_12_24m@2024-01-31"), 1e-9);
        assertEquals(100.0 / 3, v.get("cin_plan_24m_plus@2024-01-31"), 1e-9);
        assertEquals(50.0, v.get("cin_plan_12_24m@2023-03-31"), 1e-9);
        assertEquals(50.0, v.get("cpp_24m_plus@2024-01-31"), 1e-9);
        assertEquals(100.0 / 3, v.get("supervision_4wk@2024-01-31"), 1e-9);
        assertEquals(200.0 / 3, v.get("supervision_8wk@2024-01-31"), 1e-9);
        assertEquals(1.0, v.get("pre_proceedings_over_16w@2024-01-31"), 1e-9);
        assertEquals(200.0 / 3, v.get("cla_starts_police_protection@2024-01-31"), 1e-9);
        assertEquals(2.0, v.get("pp_entrants@2024-01-31"), 1e-9);
        assertEquals(2.0, v.get("pp_sibling_groups@2024-01-31"), 1e-9);
        assertEquals(1.0, v.get("pp_sibling_groups_count@2024-01-31"), 1e-9);
        assertEquals(50.0, v.get("pp_out_of_hours@2014-03-31"), 1e-9);
        assertEquals(2.0, v.get("caseload_workers@2024-01-31"), 1e-9);
        assertEquals(1.0, v.get("caseload_over_target@2024-01-31"), 1e-9);
        assertEquals(50.0, v.get("caseload_over_target_pct@2024-01-31"), 1e-9);
        // children on CIN plans at 31 March 2023: A (from 2022-12-15) and B (from 2021-11-30); C's starts later.
        // Open CIN episodes then: C's referral of 2023-03-15 only (A's and B's come in June 2023)
        assertEquals(2, s.cinPlans31(2023));
        assertEquals(1, s.cinOpen31(2023));
    }

    @Test
    void strategyLagKeepsSeventyPercentWithinThreeWorkingDays() {
        Simulator sim = new Simulator(new Params(), "301", d("2026-03-31"), 10);
        // shares within timescale 0.17 / 0.31 / 0.29 / 0.23 of 0.70: cumulative at u = 0.119, 0.336, 0.539, 0.70
        assertEquals(0, sim.strategyLagWorkingDays(0.0));
        assertEquals(1, sim.strategyLagWorkingDays(0.3));    // 0.3 / 0.7 = 0.43: past 0.17, before 0.48
        assertEquals(3, sim.strategyLagWorkingDays(0.699));
        assertEquals(4, sim.strategyLagWorkingDays(0.70));   // first late draw: 4 + floor(0 x 3.4)
        // u = 0.85: v = 0.5, 4 + floor(ln 2 x 3.4 = 2.36) = 6
        assertEquals(6, sim.strategyLagWorkingDays(0.85));
    }

    /**
     * The demo's borough (seed 20231, scale 1, collection years 2013-2026, as {@code ./csc demo} and
     * {@code ./csc generate} default to): every report figure within 15% of the published one at its date, the statutory
     * series still 53 of 53 within 15%, and children on CIN plans moving with the open caseload from year to year
     * (the demo used to show 2,006 in 2021-22 and 632 in 2022-23). About 10 s: journeys only, nothing written.
     */
    @Test
    void defaultBoroughReproducesTheReportsFigures() {
        Borough b = new Borough(LaPopulation.of(Generator.BOROUGH_LA), 20231, 1.0, 2013, 2026, new Params());
        CalibrationReport rep = new CalibrationReport(b.pop, 2013, 2026, 1.0);
        b.journeys(rep);
        String table = rep.table();
        List<String> outside = new ArrayList<>();
        for (StoryCalibration.Row r : rep.story().rows()) if (!r.within(15)) outside.add(r.toString());
        assertEquals(StoryCalibration.targets().size(), rep.story().rows().size(), table);
        for (CalibrationReport.Row r : rep.rows()) if (Math.abs(r.diffPct()) > 15) outside.add(r.toString());
        assertEquals(53, rep.rows().size(), table);
        assertTrue(outside.isEmpty(), "outside 15%:\n" + String.join("\n", outside) + "\n" + table);
        StoryCalibration s = rep.story();
        for (int y = 2023; y <= 2026; y++) {
            double plans = (double) s.cinPlans31(y) / s.cinPlans31(y - 1), open = (double) s.cinOpen31(y) / s.cinOpen31(y - 1);
            assertEquals(1.0, plans / open, 0.2, y + ": children on CIN plans x" + plans + " against open CIN episodes x" + open + "\n" + table);
        }
    }
}
