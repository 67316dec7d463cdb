package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one family's journey through children's social care: contacts and referrals over the years, assessments,
 * S47 enquiries, conferences, CIN and CP plans, care entries (police protection, interim care orders, s20) and exits.
 * Deterministic: everything comes from the family's own SplittableRandom, seeded from (seed, LA, family number).
 * Rates are in {@link Params} (see docs/generator.md for where each comes from).
 */
public final class Simulator {
    private final Params p;
    private final String la;
    private final LocalDate horizon;   // nothing is simulated after this date (31 March of the last year)
    private final int swPool;

    public Simulator(Params p, String la, LocalDate horizon, int swPool) {
        this.p = p; this.la = la; this.horizon = horizon; this.swPool = Math.max(5, swPool);
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- families
    /** Builds and simulates family number n whose first contact is on firstContact. */
    public Family family(long seed, long n, LocalDate firstContact) {
        long familySeed = mix(mix(seed, Long.parseLong(la)), n);
        SplittableRandom r = new SplittableRandom(familySeed);
        Family f = new Family(la, "F" + la + String.format("%07d", n));
        double kind = r.nextDouble();
        int type; // 0 ordinary, 1 neglect trajectory, 2 UASC teen, 3 homeless 16/17
        if (kind < p.uascFamilyShare) type = 2;
        else if (kind < p.uascFamilyShare + p.homelessFamilyShare) type = 3;
        else if (r.nextDouble() < p.neglectFamilyShare) type = 1;
        else type = 0;

        int nChildren = type >= 2 ? 1 : pickIndex(r, p.siblingsWeights) + 1;
        // eldest child's age at first contact; B&D is young, so ages skew low
        double eldestAge = type == 2 ? 15 + r.nextDouble() * 2.5 : type == 3 ? 16 + r.nextDouble() * 1.9
                : Math.min(17.5, Math.pow(r.nextDouble(), 1.25) * 17.5);
        LocalDate eldestDob = firstContact.minusDays((long) (eldestAge * 365.25));
        LocalDate dob = eldestDob;
        for (int i = 0; i < nChildren; i++) {
            if (i > 0) dob = dob.plusDays(330 + r.nextInt(1100));
            if (dob.isAfter(firstContact.minusDays(1))) break;           // no unborn children in this model
            Child c = new Child("C" + la + String.format("%07d", n) + (char) ('A' + i), f);
            c.dob = dob;
            c.sex = r.nextBoolean() ? 'M' : 'F';
            c.ethnicity = pick(r, p.ethnicityCodes, p.ethnicityWeights);
            c.upn = (char) ('A' + r.nextInt(26)) + String.format("%012d", Math.floorMod(r.nextLong(), 1_000_000_000_000L));
            c.disability = r.nextDouble() < 0.06 ? pick(r, new String[]{"LD", "AUT", "COMM", "BEH", "MOB"}, new double[]{3, 3, 2, 2, 1}) : null;
            c.uasc = type == 2;
            if (type == 2) c.ethnicity = pick(r, new String[]{"AOTH", "BAFR", "OOTH"}, new double[]{4, 3, 3});
            f.children.add(c);
        }
        simulateFamily(r, familySeed, f, type, firstContact);
        for (Child c : f.children) for (Referral ref : c.referrals) fixFactors(r, ref);
        return f;
    }

    private void simulateFamily(SplittableRandom r, long familySeed, Family f, int type, LocalDate firstContact) {
        LocalDate t = firstContact;
        int contacts = 0;
        while (t != null && !t.isAfter(horizon)) {
            List<Child> involved = new ArrayList<>();
            boolean all = f.children.size() > 1 && r.nextDouble() < p.siblingsTogether;
            Child index = null;
            for (Child c : f.children) if (c.dob.plusYears(18).isAfter(t.plusDays(30)) && c.dob.isBefore(t)) { index = index == null ? c : index; if (all) involved.add(c); }
            if (index == null) break;
            if (!all) {
                List<Child> eligible = new ArrayList<>();
                for (Child c : f.children) if (c.dob.plusYears(18).isAfter(t.plusDays(30)) && c.dob.isBefore(t)) eligible.add(c);
                involved.add(eligible.get(r.nextInt(eligible.size())));
            }
            // decisions calibrated to the borough's report figures (pre-proceedings, which support has a recorded CIN plan,
            // siblings removed together) draw from their own stream, so they do not shift every later draw of the family
            // and with it the statutory series
            SplittableRandom side = new SplittableRandom(mix(familySeed, 1_000 + contacts));
            LocalDate closedAll = familyEvent(r, side, f, involved, type, t, contacts);
            contacts++;
            if (closedAll == null) break;   // still open at the horizon
            // another contact for this family? neglect trajectories keep coming back
            double again = type == 1 ? p.neglectReReferral : type >= 2 ? 0.05 : p.reReferral;
            again *= p.yearFactor(p.reReferralByYear, Dates.collectionYear(closedAll));
            if (contacts >= 12 || r.nextDouble() >= again) break;
            double meanGapDays = type == 1 ? p.neglectGapDays : p.reReferralGapDays;
            long gap = 1 + (long) (-Math.log(1 - r.nextDouble()) * meanGapDays);
            t = closedAll.plusDays(gap);
        }
    }

    /** One contact that becomes a referral for each involved child; returns the date all their episodes have closed. */
    private LocalDate familyEvent(SplittableRandom r, SplittableRandom side, Family f, List<Child> kids, int type, LocalDate refDate, int contactNo) {
        int year = Dates.collectionYear(refDate);
        // the family-level path, shared by the siblings (they are usually on plans together)
        boolean police = r.nextDouble() < p.policeSourceShare;
        String source = police ? "6" : pick(r, p.sourceCodes, p.sourceWeights);
        if (source.equals("5D") && year < 2023) source = "8";
        if (type == 2) source = r.nextBoolean() ? "7" : "5C";
        if (type == 3) source = "4";
        if (year >= 2023 && !police && type < 2 && r.nextDouble() < p.earlyHelpStepUp) source = "5D";
        boolean nfa = type < 2 && r.nextDouble() < p.nfaShare;
        double sev = r.nextDouble();
        double careP = p.careAtReferral * (type == 1 ? 1.6 : 1.0) * p.yearFactor(p.careByYear, year) * (contactNo > 0 ? 1.3 : 1.0);
        boolean priorCpp = false;
        for (Child c : kids) for (Referral old : c.referrals) if (!old.cpps.isEmpty()) priorCpp = true;
        double s47P = p.s47Share * (type == 1 ? 1.5 : 1.0) * (priorCpp ? p.priorCppS47 : 1.0) * p.yearFactor(p.s47ByYear, year);
        double ppShare = p.policeProtectionOfCare * p.yearFactor(p.ppByYear, year);
        boolean ppEntry = !nfa && type < 2 && police && sev < careP * ppShare / p.policeSourceShare;
        boolean s47 = !nfa && type < 2 && (ppEntry || r.nextDouble() < s47P);
        boolean icpc = s47 && r.nextDouble() < p.icpcShare * (priorCpp ? p.priorCppIcpc * p.yearFactor(p.repeatByYear, year) : 1.0);
        boolean cppFromIcpc = icpc && r.nextDouble() < 0.92;
        boolean careAfterCpp = cppFromIcpc && r.nextDouble() < p.careAfterCpp;
        boolean s20Teen = !nfa && (type == 2 || (type == 3 && r.nextDouble() < 0.3));
        String cat = pick(r, p.categoryCodes, p.categoryWeights);
        if (type == 1) cat = r.nextDouble() < 0.8 ? "NEG" : cat;
        boolean cinPlan = !nfa && r.nextDouble() < p.cinPlanShare * p.yearFactor(p.cinPlanByYear, year);
        boolean longCin = cinPlan && r.nextDouble() < p.longCinPlanShare;
        double closeRoll = r.nextDouble();
        LocalDate strategy = Dates.plusWorkingDays(refDate, strategyLagWorkingDays(r.nextDouble()));
        LocalDate icpcDate = null;
        if (icpc) icpcDate = Dates.plusWorkingDays(strategy, r.nextDouble() < p.icpcOnTime ? 5 + r.nextInt(11) : 16 + r.nextInt(20));
        long cppDays = cppDuration(r, year);
        LocalDate ppTime = refDate;
        String ppTimeOfDay = null;
        if (ppEntry) {
            boolean ooh = r.nextDouble() < p.ppOutOfHoursShare;
            int h = ooh ? (17 + r.nextInt(15)) % 24 : 9 + r.nextInt(8);
            ppTimeOfDay = String.format("%02d:%02d", h, r.nextInt(60));
        }
        long assessWd = r.nextDouble() < p.assessOnTime * p.yearFactor(p.assessOnTimeByYear, year) ? 8 + r.nextInt(38) : 46 + r.nextInt(40);
        LocalDate assessStart = refDate.plusDays(r.nextInt(4));
        LocalDate assessAuth = Dates.plusWorkingDays(assessStart, (int) assessWd);
        PoliceProtection pp = null;
        if (ppEntry) {
            pp = new PoliceProtection();
            pp.date = ppTime; pp.time = ppTimeOfDay; pp.enteredCare = true;
            f.policeProtections.add(pp);
        }
        boolean ppReturnsQuickly = r.nextDouble() < p.ppReturnHome14d;
        LocalDate care0 = null; // care start for the family
        String firstLs = null;
        if (ppEntry) { care0 = refDate; firstLs = "L1"; }
        LocalDate cppStart = cppFromIcpc ? icpcDate : null;
        if (careAfterCpp) { care0 = cppStart.plusDays(30 + (long) (r.nextDouble() * Math.min(cppDays, 400))); firstLs = r.nextDouble() < 0.8 ? "C1" : "V2"; }
        if (s20Teen) { care0 = refDate.plusDays(r.nextInt(10)); firstLs = "V2"; }
        if (!ppEntry && !careAfterCpp && !s20Teen && !nfa && sev < careP * (1 - ppShare)) {
            care0 = assessStart.plusDays(5 + r.nextInt(60)); firstLs = r.nextDouble() < 0.45 ? "C1" : "V2";
        }
        long periodDays = periodDuration(r, firstLs, ppReturnsQuickly);
        // pre-proceedings (PLO) for the family: plans heading to care, and some long plans; siblings share the dates
        PreProceedings plo = null;
        if (cppStart != null && (careAfterCpp || (cppDays > 300 && side.nextDouble() < p.ploLongPlanShare))) {
            plo = new PreProceedings();
            plo.ppStart = cppStart.plusDays(40 + side.nextInt(120));
            plo.lbpSent = plo.ppStart.plusDays(3 + side.nextInt(10));
            plo.initialMeeting = plo.lbpSent.plusDays(7 + side.nextInt(14));
            plo.fgdmOffered = side.nextDouble() < 0.8;
            plo.fgdmFacilitated = plo.fgdmOffered && side.nextDouble() < 0.6;
            long weeks = p.ploMinWeeks + (long) (-Math.log(1 - side.nextDouble()) * p.ploMeanExtraWeeks);
            plo.stepDecision = plo.ppStart.plusWeeks(weeks);
            plo.reviewMeetings = (int) (weeks / 6);
            plo.outcome = careAfterCpp ? "C" : side.nextBoolean() ? "A" : "B";
        }
        boolean careTogether = r.nextDouble() < 0.7;
        // police protection removes the siblings together, unless the others can stay safely (with the other parent)
        boolean ppTogether = ppEntry && side.nextDouble() < p.ppSiblingsTogether;
        LocalDate done = refDate;
        boolean firstKid = true;
        boolean anyOpen = false;
        for (Child c : kids) {
            SplittableRandom cr = r.split();
            Referral ref = new Referral();
            ref.referralDate = refDate;
            ref.contactDate = refDate.minusDays(cr.nextInt(3));
            ref.source = source;
            ref.nfa = nfa;
            c.referrals.add(ref);
            if (nfa) {
                ref.closureDate = refDate; ref.closureReason = "RC8";
                done = Dates.max(done, refDate);
                continue;
            }
            ref.primaryNeed = (s47 || care0 != null || type == 1) ? "N1" : type == 2 ? "N8" : pick(cr, p.needCodes, p.needWeights);
            allocate(cr, c, refDate);
            Assessment a = new Assessment();
            a.start = assessStart; a.authorised = assessAuth;
            factors(cr, a, type, cat, s47, (c.childId + '|' + a.start).hashCode());
            ref.assessment = a;
            LocalDate end = assessAuth; // the episode's natural end so far
            if (s47) {
                S47 s = new S47();
                s.start = strategy; s.icpcTarget = Dates.plusWorkingDays(strategy, 15);
                s.icpc = icpcDate; s.icpcNotRequired = !icpc;
                ref.s47s.add(s);
                ref.strategyDiscussion = strategy; ref.strategyPoliceAttended = police || cr.nextDouble() < 0.7;
            } else if (cr.nextDouble() < 0.15) {
                ref.strategyDiscussion = null;
            }
            LocalDate careStart = care0 != null && (firstKid || (ppEntry ? ppTogether : careTogether)) ? care0 : null;
            if (careStart != null && careStart.isBefore(c.dob.plusYears(18).minusDays(40))) {
                // police protection removes the children together, sometimes a younger one is placed later
            } else careStart = null;
            if (cppStart != null) {
                Cpp cp = new Cpp();
                cp.start = cppStart;
                cp.end = careStart != null && careStart.isAfter(cppStart) ? careStart : cppStart.plusDays(Math.max(2, cppDays));
                cp.end = Dates.min(cp.end, c.dob.plusYears(18).minusDays(1));
                if (!cp.end.isAfter(cp.start)) cp.end = cp.start.plusDays(2);
                cp.initialCategory = cat;
                cp.latestCategory = cr.nextDouble() < 0.9 ? cat : pick(cr, p.categoryCodes, p.categoryWeights);
                int prev = 0;
                for (Referral old : c.referrals) prev += old.cpps.size();
                cp.previousCpps = prev;
                for (LocalDate rv = cp.start.plusMonths(3); rv.isBefore(cp.end); rv = rv.plusMonths(6)) cp.reviews.add(rv);
                ref.cpps.add(cp);
                end = Dates.max(end, cp.end);
                if (plo != null && plo.ppStart.isBefore(cp.end)) {
                    PreProceedings pre = new PreProceedings();
                    pre.childId = c.childId;
                    pre.ppStart = plo.ppStart; pre.lbpSent = plo.lbpSent; pre.initialMeeting = plo.initialMeeting;
                    pre.fgdmOffered = plo.fgdmOffered; pre.fgdmFacilitated = plo.fgdmFacilitated;
                    pre.stepDecision = plo.stepDecision; pre.reviewMeetings = plo.reviewMeetings; pre.outcome = plo.outcome;
                    if (careAfterCpp) pre.courtApp = pre.stepDecision;
                    if (pre.stepDecision.isAfter(horizon)) { pre.stepDecision = null; pre.outcome = null; pre.courtApp = null; }
                    ref.preProceedings = pre;
                    f.preProceedings.add(pre);
                }
            }
            if (careStart != null) {
                LocalDate careEnd = care(cr, c, ref, careStart, firstLs, periodDays, pp);
                end = Dates.max(end, careEnd == null ? horizon.plusYears(5) : careEnd);
            }
            boolean supported = false;
            // CIN plan after assessment (or stepping down from a CP plan)
            if (careStart == null && (cinPlan || (cppStart != null && closeRoll < 0.5))) {
                CinPlan pl = new CinPlan();
                pl.start = cppStart != null ? ref.cpps.get(0).end : assessAuth.plusDays(cr.nextInt(10));
                if (cppStart != null && cppStart.isAfter(assessAuth) && cinPlan && cppStart.isAfter(assessAuth.plusDays(10))) {
                    // a CIN plan ran between the assessment and the CP plan: it ends when the CP plan starts
                    CinPlan before = new CinPlan(); before.start = assessAuth.plusDays(1); before.end = cppStart;
                    ref.cinPlans.add(before);
                }
                // the support runs to supportEnd and the episode stays open until then; the CIN plan recorded in the
                // census (CINPlanDates) is shorter: it ends at the review that steps the case down (ordinary support),
                // and long-running support (disabled children's packages and the like) is re-planned, so its recorded
                // plan is an ordinary one. B&D: 13% of children on CIN plans at 1-2 years and 2.5% at 2 or more
                // (reference.md 5.7), while a quarter of open CIN episodes are 2 years old or more (5.6).
                double u = longCin ? side.nextDouble() : cr.nextDouble();
                boolean recordedPlan = side.nextDouble() < p.cinPlanRecordedShare;
                long days = longCin ? 730 + cr.nextInt(1500) : (long) (30 + -Math.log(1 - u) * p.cinPlanMeanDays);
                long recorded = longCin && side.nextDouble() < p.cinPlanLongRecordedShare ? days
                        : (long) (30 + -Math.log(1 - u) * p.cinPlanRecordedMeanDays);
                LocalDate supportEnd = pl.start.plusDays(Math.max(2, days));
                supportEnd = sweep(cr, pl.start, supportEnd, recordedPlan ? p.sweepRecordedPlan : p.sweepNoPlan);
                supportEnd = Dates.min(supportEnd, c.dob.plusYears(18).minusDays(1));
                pl.end = Dates.min(supportEnd, pl.start.plusDays(Math.max(2, recorded)));
                if (supportEnd.isAfter(pl.start)) { if (recordedPlan) ref.cinPlans.add(pl); supported = true; end = Dates.max(end, supportEnd); }
            }
            // closure
            boolean planned = supported || !ref.cinPlans.isEmpty() || !ref.cpps.isEmpty();   // support, recorded as a plan or not
            LocalDate close = end.plusDays(!planned && c.care.isEmpty() ? 0 : cr.nextInt(20));
            String reason;
            CareEpisode lastCare = lastCareIn(c, refDate);
            if (lastCare != null) {
                close = Dates.max(close, lastCare.dec == null ? null : lastCare.dec);
                reason = lastCare.rec == null ? "RC7" : switch (lastCare.rec) {
                    case "E11", "E12" -> "RC1";
                    case "E45", "E46", "E47", "E48" -> "RC4";
                    case "E41" -> "RC3";
                    default -> "RC7";
                };
                if (lastCare.dec == null) close = null;
            } else if (!planned) {
                reason = Dates.collectionYear(close) >= 2023 && closeRoll < p.rc9Share ? "RC9" : "RC8";
                if (s47) reason = "RC7";
            } else reason = Dates.collectionYear(close) >= 2023 && closeRoll > 1 - p.rc9Share * 0.6 ? "RC9" : "RC7";
            if (close != null && close.isAfter(c.dob.plusYears(18))) close = c.dob.plusYears(18);
            if (close != null && lastCare == null && close.isBefore(end)) close = end;
            if (close != null) {   // never before the episode's own activity ends
                LocalDate floor = assessAuth;
                for (CinPlan pl : ref.cinPlans) floor = Dates.max(floor, pl.end);
                for (Cpp cp : ref.cpps) floor = Dates.max(floor, cp.end);
                if (close.isBefore(floor)) close = floor;
            }
            if (close != null && close.isAfter(horizon)) close = null;
            ref.closureDate = close;
            ref.closureReason = close == null ? null : reason;
            if (close == null) anyOpen = true;
            if (close != null && reason.equals("RC9")) {
                EarlyHelp eh = new EarlyHelp(); eh.start = close.plusDays(cr.nextInt(14)); eh.end = eh.start.plusDays(60 + cr.nextInt(200)); eh.source = "RC9";
                c.earlyHelp.add(eh);
            }
            if (source.equals("5D")) {
                EarlyHelp eh = new EarlyHelp(); eh.end = refDate; eh.start = refDate.minusDays(60 + cr.nextInt(300)); eh.source = "5D";
                c.earlyHelp.add(eh);
            }
            if (close != null && !close.isAfter(refDate) && ref.cpps.isEmpty()) close = refDate.plusDays(1);
            supervisions(cr, c, refDate, close);
            if (type == 3) {
                HomelessPresentation h = new HomelessPresentation();
                h.date = refDate;
                h.outcome = careStart != null ? "accommodated_s20" : pick(cr, new String[]{"supported_s17", "returned_to_family", "other"}, new double[]{5, 3, 1});
                h.seenByRightsOfficer = cr.nextDouble() < 0.55;
                c.homeless.add(h);
            }
            if (pp != null && careStart != null && careStart.equals(refDate)) pp.childIds.add(c.childId);
            done = Dates.max(done, close);
            firstKid = false;
        }
        return anyOpen ? null : done;
    }

    private CareEpisode lastCareIn(Child c, LocalDate from) {
        CareEpisode last = null;
        for (CareEpisode e : c.care) if (!e.decom.isBefore(from)) last = e;
        return last;
    }

    private LocalDate sweep(SplittableRandom r, LocalDate start, LocalDate end, double factor) {
        // the 2022-23 caseload review closed long-open CIN support (B&D CIN at 31 March fell from 3,323 to 2,386): factor
        // is higher for support with no plan recorded; support started during the review is closed only a little
        LocalDate s0 = LocalDate.of(2022, 6, 1), s1 = LocalDate.of(2023, 3, 1);
        if (start.isBefore(s0) && end.isAfter(s1) && r.nextDouble() < p.sweep2023 * factor) {
            return s0.plusDays(r.nextInt((int) ChronoUnit.DAYS.between(s0, s1)));
        }
        if (start.isBefore(s1) && start.isAfter(s0) && end.isAfter(s1) && r.nextDouble() < p.sweep2023 * 0.7 * p.sweepNewPlans) {
            return s1.minusDays(r.nextInt(30));
        }
        return end;
    }

    /**
     * Working days from the referral to the strategy discussion, from one uniform draw: within the local timescale of 3
     * working days for {@code strategyInTimescale} of discussions (0-3 days), the rest 4 days or more with an
     * exponential tail (B&D early 2024: mean 3.17 working days, over 70% in timescale; reference.md 5.7).
     */
    int strategyLagWorkingDays(double u) {
        double[] within = {0.17, 0.31, 0.29, 0.23};   // 0, 1, 2, 3 working days, as shares of those in timescale
        if (u < p.strategyInTimescale) {
            double v = u / p.strategyInTimescale;
            for (int d = 0; d < within.length; d++) { v -= within[d]; if (v < 0) return d; }
            return within.length - 1;
        }
        double v = (u - p.strategyInTimescale) / (1 - p.strategyInTimescale);
        return 4 + (int) Math.min(40, -Math.log(1 - v) * p.strategyLateMeanWorkingDays);
    }

    /** days to the next case supervision: monthly for most, a longer irregular gap for the rest (reference.md 5.7) */
    private long supervisionGapDays(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        if (u < p.supervisionMonthlyShare) return 21 + (long) (v * 15);
        return 14 + (long) (-Math.log(1 - v) * p.supervisionIrregularMeanDays);
    }

    private long cppDuration(SplittableRandom r, int year) {
        double u = r.nextDouble();
        if (u < 0.12) return 20 + r.nextInt(70);
        if (u < 0.32) return 90 + r.nextInt(92);
        if (u < 0.72) return 182 + r.nextInt(183);
        // the two-year tail moves by start year (one draw either way, so the rest of the stream is unchanged)
        if (u < 1 - p.longCppShare * p.yearFactor(p.longCppByYear, year)) return 365 + r.nextInt(365);
        return 730 + r.nextInt(400);
    }

    private long periodDuration(SplittableRandom r, String firstLs, boolean ppQuick) {
        if ("L1".equals(firstLs) && ppQuick) return 1 + r.nextInt(13);
        double u = r.nextDouble();
        if (u < 0.10) return 5 + r.nextInt(80);
        if (u < 0.28) return 90 + r.nextInt(275);
        if (u < 0.64) return 365 + r.nextInt(730);
        return 1095 + r.nextInt(3000);
    }

    private void allocate(SplittableRandom r, Child c, LocalDate from) {
        SwAllocation a = new SwAllocation();
        a.swId = "SW" + la + String.format("%04d", r.nextInt(swPool));
        a.start = from; a.reason = c.socialWorkers.isEmpty() ? "FCONTA" : "FCONTA";
        if (!c.socialWorkers.isEmpty()) { SwAllocation prev = c.socialWorkers.get(c.socialWorkers.size() - 1); if (prev.end == null || prev.end.isAfter(from)) prev.end = from; }
        c.socialWorkers.add(a);
    }

    private void supervisions(SplittableRandom r, Child c, LocalDate from, LocalDate to) {
        LocalDate end = Dates.min(to, horizon);
        for (LocalDate d = from.plusDays(10 + r.nextInt(20)); d.isBefore(end); d = d.plusDays(supervisionGapDays(r))) {
            Supervision s = new Supervision(); s.date = d; s.swId = c.socialWorkers.isEmpty() ? null : c.socialWorkers.get(c.socialWorkers.size() - 1).swId;
            c.supervisions.add(s);
        }
        // social worker changes for long episodes
        LocalDate t = from.plusDays(200 + r.nextInt(200));
        while (t.isBefore(end)) {
            SwAllocation prev = c.socialWorkers.get(c.socialWorkers.size() - 1);
            prev.end = t;
            SwAllocation a = new SwAllocation();
            a.swId = "SW" + la + String.format("%04d", r.nextInt(swPool)); a.start = t;
            a.reason = pick(r, new String[]{"LEFTRL", "TSPROC", "ORGRST", "MANAGE", "OTHERS"}, new double[]{4, 3, 1, 1, 1});
            c.socialWorkers.add(a);
            // children in care change social worker more often (B&D 2024: 25% of children looked after had 3 or more)
            long gap = 200 + r.nextInt(300);
            t = t.plusDays(lookedAfterAt(c, t) ? Math.round(gap * p.swChangeLookedAfterFactor) : gap);
        }
        SwAllocation last = c.socialWorkers.get(c.socialWorkers.size() - 1);
        if (last.end == null && to != null && !to.isAfter(horizon)) last.end = to;
    }

    private static boolean lookedAfterAt(Child c, LocalDate d) {
        for (CareEpisode e : c.care) if (!e.decom.isAfter(d) && (e.dec == null || e.dec.isAfter(d))) return true;
        return false;
    }

    // ---------------------------------------------------------------- care
    /** Adds the SSDA903 episodes of one period of care; returns the period's end (null = open at the horizon). */
    private LocalDate care(SplittableRandom r, Child c, Referral ref, LocalDate start, String firstLs, long periodDays, PoliceProtection pp) {
        LocalDate eighteen = c.dob.plusYears(18);
        LocalDate end = start.plusDays(Math.max(1, periodDays));
        boolean toEighteen = false;
        if (!end.isBefore(eighteen)) { end = eighteen; toEighteen = true; }
        if (!end.isAfter(start)) return start;
        double ageAtStart = ChronoUnit.DAYS.between(c.dob, start) / 365.25;
        String exit;
        if (toEighteen) exit = pick(r, new String[]{"E17", "E5", "E6", "E8"}, new double[]{3, 3, 2, 1});
        else if ("L1".equals(firstLs) && periodDays <= 14) exit = r.nextDouble() < 0.6 ? "E4B" : "E4A";
        else if (ageAtStart < 4 && periodDays > 500 && r.nextDouble() < 0.55) exit = r.nextBoolean() ? "E11" : "E12";
        else if (periodDays > 400 && r.nextDouble() < 0.3) exit = pick(r, new String[]{"E45", "E46", "E47", "E48", "E41"}, new double[]{3, 1, 3, 1, 1});
        else exit = pick(r, new String[]{"E4A", "E4B", "E13", "E8", "E3"}, new double[]{8, 1, 2, 1, 1});
        String need = ref.primaryNeed == null ? "N1" : ref.primaryNeed;
        String home = postcode(r, true, Dates.collectionYear(start));
        List<CareEpisode> eps = new ArrayList<>();
        LocalDate t = start;
        String ls = firstLs;
        String place = placement(r, c, t);
        String rne = "S";
        boolean adoption = exit.equals("E11") || exit.equals("E12");
        LocalDate lsChange = ls.equals("L1") ? t.plusDays(1 + (r.nextDouble() < 0.85 ? r.nextInt(3) : 3 + r.nextInt(5)))
                : ls.equals("C1") ? t.plusDays(150 + r.nextInt(200)) : null;
        LocalDate adoptPlace = adoption ? end.minusDays(120 + r.nextInt(200)) : null;
        // most children settle in their placement; an unsettled minority (more of them teenagers) move often
        boolean unsettled = r.nextDouble() < p.unsettledPlacementShare * (ageAtStart >= 11 ? p.unsettledTeenFactor : 1.0);
        double moveMeanDays = unsettled ? p.unsettledMoveMeanDays : p.settledMoveMeanDays;
        LocalDate nextMove = nextMove(r, t, moveMeanDays);
        int guard = 0;
        while (t.isBefore(end) && guard++ < 60) {
            LocalDate next = end;
            String nextLs = ls, nextPlace = place, nextRne = null, reasonChange = null;
            if (lsChange != null && lsChange.isAfter(t) && !lsChange.isAfter(next)) {
                if (lsChange.isBefore(next)) { next = lsChange; nextLs = ls.equals("L1") ? (r.nextDouble() < 0.55 ? "C1" : "V2") : "C2"; nextRne = "L"; }
            }
            if (adoptPlace != null && adoptPlace.isAfter(t) && adoptPlace.isBefore(next)) {
                next = adoptPlace; nextLs = "E1"; nextPlace = r.nextBoolean() ? "A5" : "A6"; nextRne = "B"; reasonChange = "CARPL";
            } else if (nextMove.isAfter(t) && nextMove.isBefore(next) && !ls.equals("L1") && !place.startsWith("A")) {
                next = nextMove; nextPlace = placement(r, c, next); nextRne = nextPlace.equals(place) ? "T" : "P";
                if (nextRne.equals("T")) nextPlace = place;
                reasonChange = pick(r, new String[]{"CARPL", "CREQB", "CREQO", "CHILD", "LAREQ", "STAND", "OTHER"}, new double[]{5, 2, 2, 1, 1, 1, 1});
            }
            CareEpisode e = new CareEpisode();
            e.decom = t; e.rne = rne; e.ls = ls; e.cin = need; e.place = place;
            e.homePost = home;
            String placePost = place.equals("P1") ? home : postcode(r, r.nextDouble() < 0.6, Dates.collectionYear(t));
            // a change of legal status only (RNE L) keeps the placement and so its postcode (drawn anyway, so that the
            // later draws stay as they were)
            e.plPost = "L".equals(rne) && !eps.isEmpty() ? eps.get(eps.size() - 1).plPost : placePost;
            e.dec = next; e.rec = next.equals(end) ? exit : "X1";
            e.reasonPlaceChange = e.rec.equals("X1") && reasonChange != null && !"L".equals(nextRne) ? reasonChange : null;
            eps.add(e);
            if (nextRne == null) break;
            if (lsChange != null && !next.isBefore(lsChange)) lsChange = nextLs.equals("C1") ? next.plusDays(150 + r.nextInt(200)) : null;
            if (nextMove != null && !next.isBefore(nextMove)) nextMove = nextMove(r, next, moveMeanDays);
            if (nextRne.equals("B") && !nextPlace.equals(place)) nextRne = "B";
            if ("E1".equals(nextLs)) lsChange = null;
            t = next; ls = nextLs; place = nextPlace; rne = nextRne;
        }
        if (!eps.isEmpty()) eps.get(eps.size() - 1).rec = exit;
        // placement codes must be valid in every collection year the episode is reported in; unregistered placements
        for (CareEpisode e : eps) {
            fixPlacement(r, c, e);
            if (e.place.startsWith("Z") || "XXXXXXX".equals(e.urn)) {
                double age = ChronoUnit.DAYS.between(c.dob, e.decom) / 365.25;
                if (age < 16) {
                    UnregisteredPlacement u = new UnregisteredPlacement();
                    u.start = e.decom; u.place = e.place;
                    u.notified = r.nextDouble() < 0.6 ? e.decom.minusDays(r.nextInt(3)) : e.decom.plusDays(1 + r.nextInt(40));
                    c.unregistered.add(u);
                }
            }
        }
        // truncate at the horizon: episodes after it do not exist yet, the one spanning it is open
        List<CareEpisode> kept = new ArrayList<>();
        for (CareEpisode e : eps) {
            if (e.decom.isAfter(horizon)) continue;
            if (e.dec != null && e.dec.isAfter(horizon)) { e.dec = null; e.rec = null; e.reasonPlaceChange = null; }
            kept.add(e);
        }
        c.care.addAll(kept);
        // reviews (20 working days, 3 months, then 6-monthly), missing episodes for teenagers, permanence planning
        LocalDate realEnd = end.isAfter(horizon) ? null : end;
        LocalDate stop = realEnd == null ? horizon : realEnd;
        LocalDate rv = Dates.plusWorkingDays(start, 10 + r.nextInt(12));
        int n = 0;
        while (rv.isBefore(stop)) {
            c.reviews.add(rv);
            if (n == 0 || n == 1) {
                if (n == 1 || r.nextDouble() < 0.5) {
                    PermanenceMeeting pm = new PermanenceMeeting(); pm.date = rv.minusDays(r.nextInt(20)); pm.plan = adoption ? "b" : toEighteen ? "f" : "a";
                    if (c.permanenceMeetings.isEmpty() && r.nextDouble() < 0.85) c.permanenceMeetings.add(pm);
                }
            }
            rv = n == 0 ? rv.plusMonths(3) : rv.plusMonths(6);
            n++;
        }
        if (ageAtStart >= 11) {
            for (LocalDate m = start.plusDays((long) (-Math.log(1 - r.nextDouble()) * 300)); m.isBefore(stop.minusDays(3)); m = m.plusDays(10 + (long) (-Math.log(1 - r.nextDouble()) * 300))) {
                Missing ms = new Missing(); ms.type = r.nextDouble() < 0.7 ? "M" : "A"; ms.start = m;
                ms.end = m.plusDays(r.nextInt(3)); if (ms.end.isAfter(horizon)) ms.end = null;
                c.missing.add(ms);
            }
        }
        if (pp != null && pp.childIds.isEmpty() && !pp.date.equals(start)) pp.enteredCare = true;
        return realEnd;
    }

    /**
     * The next placement move after a date: a minimum gap, then an exponential tail. Some years made fewer moves (the
     * pandemic year): a move falling in one is put off to the next gap with the complement of the year's factor, so
     * the years either side keep their own rate.
     */
    private LocalDate nextMove(SplittableRandom r, LocalDate from, double meanDays) {
        LocalDate d = from;
        do d = d.plusDays(p.placementMoveMinDays + (long) (-Math.log(1 - r.nextDouble()) * meanDays));
        while (r.nextDouble() >= p.yearFactor(p.placementMovesByYear, Dates.collectionYear(d)));
        return d;
    }

    private String placement(SplittableRandom r, Child c, LocalDate d) {
        double age = ChronoUnit.DAYS.between(c.dob, d) / 365.25;
        if (age < 16 && r.nextDouble() < p.unregisteredUnder16) return r.nextBoolean() ? "Z" : "K2X";
        if (age >= 16) return pick(r, new String[]{"U6", "K2", "SEMI", "P2", "U3"}, new double[]{4, 2, 3, 1, 1});
        if (age >= 11) return pick(r, new String[]{"U6", "U4", "U3", "K2", "R1", "P1"}, new double[]{10, 2, 3, 4, 0.3, 0.5});
        return pick(r, new String[]{"U6", "U4", "U3", "U1", "K2", "P1", "R3"}, new double[]{12, 3, 4, 1, 0.6, 0.6, 0.2});
    }

    /** Resolves placement placeholders to codes valid in every collection year the episode appears in (reference.md 2.2). */
    private void fixPlacement(SplittableRandom r, Child c, CareEpisode e) {
        int y0 = Dates.collectionYear(e.decom);
        int y1 = e.dec == null || e.dec.isAfter(horizon) ? Dates.collectionYear(horizon) : Dates.collectionYear(e.dec);
        String pl = e.place;
        if (pl.equals("Z")) pl = y0 >= 2026 ? "Z1" + (1 + r.nextInt(4)) : "Z1";
        if (pl.equals("K2X")) { pl = "K2"; e.urn = "XXXXXXX"; }
        if (pl.equals("SEMI")) pl = y0 >= 2025 ? "K3" : "H5";
        boolean ok = switch (pl) {
            case "H5", "P2" -> y1 <= 2024;
            case "K3" -> y0 >= 2025;
            case "Z1" -> y1 <= 2025;
            case "Z11", "Z12", "Z13", "Z14" -> y0 >= 2026;
            default -> true;
        };
        if (!ok) { pl = "U6"; e.urn = null; }
        if (pl.equals("P1") && e.ls.equals("V2")) pl = "U6";
        e.place = pl;
        e.provider = switch (pl) {
            case "P1" -> "PR0";
            case "U1", "U2", "U3", "A5", "A6" -> "PR1";
            case "U4", "U5", "U6" -> r.nextDouble() < 0.6 ? "PR1" : "PR4";
            case "K2", "K3", "H5", "P2", "R1" -> "PR4";
            case "R3" -> "PR3";
            default -> null;
        };
        if (e.urn == null && (pl.equals("K2") || pl.equals("K3") || pl.equals("H5") || pl.equals("R1")))
            e.urn = "SC" + String.format("%06d", r.nextInt(1_000_000));
    }

    private static final String[] LOCAL = {"RM8", "RM9", "RM10", "IG11"};
    private static final String[] NEIGHBOURING = {"RM6", "RM7", "E6", "IG1", "SS14", "CM1", "DA1", "E17"};
    private static final String[] DISTANT = {"CO1", "ME4", "MK9", "BN1"};

    /**
     * A postcode in the borough, or out of it: neighbouring districts, or one of four more than 20 miles away
     * (Colchester, Chatham, Milton Keynes, Brighton) for {@code farPlacementShare} of the placements out of the
     * borough by the year (PostcodeCoordinatesWriter has the districts' centres). One draw picks the district.
     */
    private String postcode(SplittableRandom r, boolean local, int year) {
        String district;
        if (local) district = LOCAL[r.nextInt(LOCAL.length)];
        else {
            double u = r.nextDouble(), far = p.farPlacementShare * p.yearFactor(p.farPlacementByYear, year);
            district = u < far ? DISTANT[(int) (u / far * DISTANT.length)]
                    : NEIGHBOURING[Math.min(NEIGHBOURING.length - 1, (int) ((u - far) / (1 - far) * NEIGHBOURING.length))];
        }
        return district + " " + (1 + r.nextInt(9)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
    }

    /** {@code fillSeed}: the one-factor fill draws from its own stream, so the family's later events stay as they were. */
    private void factors(SplittableRandom r, Assessment a, int type, String cat, boolean s47, long fillSeed) {
        for (int i = 0; i < p.factorCodes.length; i++) {
            if (r.nextDouble() < factorWeight(i, a, type, cat, s47) * p.factorScale) a.factors.add(p.factorCodes[i]);
        }
        if (type == 2) a.factors.add("9A");
        SplittableRandom fill = new SplittableRandom(fillSeed);
        if (a.factors.isEmpty() && fill.nextDouble() < p.factorFill) {
            // one factor, drawn by the same weights: an assessment rarely ends with none identified (B&D's c3)
            double total = 0;
            for (int i = 0; i < p.factorCodes.length; i++) total += factorWeight(i, a, type, cat, s47);
            double u = fill.nextDouble() * total;
            for (int i = 0; i < p.factorCodes.length; i++) {
                u -= factorWeight(i, a, type, cat, s47);
                if (u < 0 || i == p.factorCodes.length - 1) { a.factors.add(p.factorCodes[i]); break; }
            }
        }
        if (a.factors.isEmpty()) a.factors.add("21");
    }

    /** A factor's probability on this assessment before {@code factorScale}: the family's, the plan's and the year's. */
    private double factorWeight(int i, Assessment a, int type, String cat, boolean s47) {
        double w = p.factorProb[i];
        if (p.factorCodes[i].equals("16A") && (type == 1 || cat.equals("NEG") && s47)) w = p.neglectFactorProb;
        double[][] trend = p.factorByYear.get(p.factorCodes[i]);
        if (trend != null && a.authorised != null) w *= p.yearFactor(trend, Dates.collectionYear(a.authorised));
        return w;
    }

    /** Physical / sexual abuse and CCE factor codes valid in every census year the assessment is reported in (reference.md 1.2). */
    private void fixFactors(SplittableRandom r, Referral ref) {
        if (ref.assessment == null || ref.assessment.authorised == null) return;
        int y0 = Dates.collectionYear(ref.assessment.start);
        int y1 = ref.closureDate == null ? Dates.collectionYear(horizon) : Dates.collectionYear(ref.closureDate);
        List<String> fs = ref.assessment.factors;
        for (int i = 0; i < fs.size(); i++) {
            String f = fs.get(i);
            if (f.equals("PHY") || f.equals("SEX")) {
                String base = f.equals("PHY") ? "18" : "19";
                fs.set(i, y1 < 2021 ? base + "A" : y0 >= 2021 ? base + (r.nextDouble() < 0.3 ? "B" : "C") : "17A");
            }
            if (f.equals("24A") && y0 < 2022) fs.set(i, "13A");
        }
        // no duplicates (rule 8898)
        List<String> seen = new ArrayList<>();
        for (String f : fs) if (!seen.contains(f)) seen.add(f);
        fs.clear(); fs.addAll(seen);
    }

    // ---------------------------------------------------------------- helpers
    static int pickIndex(SplittableRandom r, double[] w) {
        double s = 0; for (double x : w) s += x;
        double u = r.nextDouble() * s;
        for (int i = 0; i < w.length; i++) { u -= w[i]; if (u < 0) return i; }
        return w.length - 1;
    }

    static String pick(SplittableRandom r, String[] codes, double[] w) { return codes[pickIndex(r, w)]; }
}
