package csc.lakehouse.synth;

/**
 * The simulation's rates. Each is tuned so that, with the default seed and borough scale, the generated figures land
 * near Barking and Dagenham's published values (reference.md 5.2, 5.3; targets in synth/published_targets.csv).
 * Where a value is a structural choice rather than a calibration it says so. docs/generator.md tabulates them.
 */
public final class Params {
    /** new families first referred per 10,000 children per year (before year factors); tuned to the referral rate */
    public double newFamiliesPer10k = 250;
    /** demand by collection year (the pandemic bump: referrals 614 -> 970 -> 867 per 10k in 2021..2023, reference.md 5.2) */
    public final double[][] demandByYear = {
            {2008, 1.00}, {2019, 1.00}, {2020, 0.97}, {2021, 1.05}, {2022, 1.90}, {2023, 1.10}, {2024, 0.80}, {2025, 1.25}, {2026, 1.1}};
    public double reReferral = 0.40;             // probability a family comes back after an episode closes
    public double reReferralGapDays = 330;       // mean gap from closure to the next referral
    public final double[][] reReferralByYear = {{2008, 1.0}, {2020, 0.85}, {2021, 0.7}, {2022, 1.5}, {2023, 1.1}, {2024, 1.2}};
    public double neglectFamilyShare = 0.12;     // families on a drifting neglect trajectory (reference.md 5.5: 16A ~13% of B&D episodes)
    public double neglectReReferral = 0.75;
    public double neglectGapDays = 420;
    public double uascFamilyShare = 0.006;
    public double homelessFamilyShare = 0.012;
    public final double[] siblingsWeights = {50, 25, 15, 10};   // 1..4 children in a family
    public double siblingsTogether = 0.55;       // all siblings referred together
    public double policeSourceShare = 0.31;      // reference.md 5.2: 30.5-35.8% of referrals from police
    public double earlyHelpStepUp = 0.07;        // 5D from 2023
    public final String[] sourceCodes = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "7", "8", "9", "10"};
    public final double[] sourceWeights = {6, 2, 1, 1, 18, 3, 3, 4, 1, 3, 4, 2, 5, 3, 4, 4, 5, 7, 2, 1};
    public double nfaShare = 0.09;
    public double s47Share = 0.27;               // S47 ~190-210 per 10k against ~750 referrals (reference.md 5.2)
    public final double[][] s47ByYear = {{2008, 1.0}, {2023, 0.85}, {2024, 0.62}, {2025, 0.93}};
    public double icpcShare = 0.37;              // ICPCs per S47 (B&D 2017-18: 379 of 1,296; reference.md 5.6)
    public double priorCppS47 = 1.6;            // a family that had a CP plan before is more likely to be conferenced again
    public double priorCppIcpc = 1.4;
    public final double[][] repeatByYear = {{2008, 1.12}, {2021, 0.85}, {2022, 2.0}, {2023, 0.8}, {2024, 0.85}, {2025, 1.05}};
    public double strategyInTimescale = 0.70;    // strategy discussions within 3 working days (reference.md 5.7: over 70%)
    public double strategyLateMeanWorkingDays = 3.4; // the tail beyond 3 days: mean 3.17 working days overall (5.7)
    public double ploLongPlanShare = 0.35;       // CP plans over 300 days that go into pre-proceedings (and every plan heading to care)
    public long ploMinWeeks = 8;                 // pre-proceedings last 8 weeks + an exponential tail
    public double ploMeanExtraWeeks = 12;
    public double icpcOnTime = 0.72;             // ICPC within 15 working days (reference.md 5.2: 65-81%)
    public double careAtReferral = 0.036;        // care entries per non-NFA referral (other than after a CP plan)
    public final double[][] careByYear = {{2008, 1.0}, {2021, 1.15}, {2022, 0.8}, {2023, 1.2}, {2024, 0.75}, {2025, 0.87}};
    public double policeProtectionOfCare = 0.22; // share of direct care entries that are police protection (L1 ~22% of all starts)
    public final double[][] ppByYear = {{2008, 1.0}, {2021, 0.7}, {2022, 0.92}, {2023, 1.1}, {2024, 0.98}, {2025, 1.05}};
    public double ppReturnHome14d = 0.5;
    public double ppSiblingsTogether = 0.5;      // police protection of siblings removes them all, else one (2023-24: groups of 5/3/2/2, 5.7)
    public double ppOutOfHoursShare = 0.12;      // police protection at 17:00-08:59 (plus weekends: 43% out of hours in 2013-14, 5.7)
    /** CP plans lasting two years or more, by the year they start: plans started in 2020-22 ran long (B&D: 4.3% of
     *  plans at 31 March 2023 had lasted 2+ years, 6.0% in 2024, 4.0% in 2025, reference.md 5.2; 7% at end Jan 2024, 5.7) */
    public double longCppShare = 0.05;
    public final double[][] longCppByYear = {{2008, 1.0}, {2021, 1.4}, {2022, 1.7}, {2023, 1.0}};
    public double careAfterCpp = 0.10;
    public double cinPlanShare = 0.40;
    public final double[][] cinPlanByYear = {{2008, 1.0}, {2023, 0.75}, {2025, 0.6}};
    public double longCinPlanShare = 0.11;
    public double cinPlanMeanDays = 280;         // the support after the assessment (the CIN episode stays open for it)
    public double cinPlanRecordedShare = 0.70;   // support with a CIN plan recorded in CINPlanDates (the rest: open, no plan)
    public double cinPlanRecordedMeanDays = 205; // the recorded plan: 13% of children on plans at 1-2 years, 2.5% at 2+ (5.7)
    public double cinPlanLongRecordedShare = 0.09; // long-running support recorded as one long plan (otherwise re-planned)
    public double sweep2023 = 0.8;              // share of long-open CIN plans closed in the 2022-23 review
    public double sweepNoPlan = 1.2;             // the review closed drifting support with no plan recorded (x sweep2023) ...
    public double sweepRecordedPlan = 0.6;       // ... more than support on a recorded CIN plan
    public double sweepNewPlans = 0.2;           // ... and a little of the support started during it (x 0.7), so CIN plans do not dip
    public double rc9Share = 0.18;               // closures to early help from 2023
    public double assessOnTime = 0.88;           // reference.md 5.2: 79-91% within 45 working days
    public final double[][] assessOnTimeByYear = {{2008, 1.0}, {2021, 1.02}, {2022, 0.98}, {2023, 0.90}, {2024, 1.0}, {2025, 1.03}};
    public double unregisteredUnder16 = 0.012;
    /**
     * Placement moves within a period of care: a minimum gap, then an exponential tail whose mean depends on whether
     * the period is settled or not. Most children settle; an unsettled minority, more of them teenagers, move often.
     * B&D 2021-2025: 11-14% of children looked after at 31 March had 3 or more placements in the year, and 60-72% of
     * those under 16 looked after for 2.5 years had lived with the same carer for 2 years (la_cla_placement_stability.csv).
     * (Until the looked-after calibration every period moved every 60 days + 420 on average: 9-11% with 3+ placements,
     * 33-37% stable.)
     */
    public long placementMoveMinDays = 60;
    public double unsettledPlacementShare = 0.19;  // of periods starting under 11
    public double unsettledTeenFactor = 2.0;        // x for periods starting at 11 or over
    public double unsettledMoveMeanDays = 100;
    public double settledMoveMeanDays = 2200;
    /** the share of moves made, by the collection year a move falls in: fewer in 2020-21, the pandemic year (B&D 11% with
     *  3+ placements against 13-14% after); a move not made waits for the next gap */
    public final double[][] placementMovesByYear = {{2008, 1.0}, {2021, 0.75}, {2022, 1.0}};
    /**
     * Care leavers' OC3 outcomes by age group at 31 March, [0] 17-18 and [1] 19-21 (CareLeaverOutcome). B&D 2021-2025:
     * in education, employment or training 66-70% and 56-62%, suitable accommodation 89-96% and 86-90%, activity
     * not known 2-3% (la_care_leavers_activity.csv, la_care_leavers_accommodation_suitability.csv).
     */
    public final double[] careLeaverExcluded = {0.01, 0.03};   // returned home (RHOM) / no longer requires services (NREQ)
    public final double[] careLeaverNotInTouch = {0.02, 0.03}; // IN_TOUCH NO: activity and accommodation not known (0)
    public final double[] careLeaverEet = {0.70, 0.61};        // of those in touch
    public final double[] careLeaverSuitable = {0.94, 0.91};   // of those in touch
    public double socialWorkersPer10k = 23.6;    // case-holding social workers per 10,000 children (B&D Jan 2024: 157; 5.7)
    /**
     * Placements out of the borough (40% of those not with parents) that go to a district more than 20 miles away,
     * by the collection year the placement starts in. B&D: 21% of new placements more than 20 miles from home in
     * 2020-21, 17% in 2021-22, 13-15% after (la_cla_during_year_new_placements.csv). It was 4 of 12 districts (1/3).
     */
    public double farPlacementShare = 0.38;
    public final double[][] farPlacementByYear = {{2008, 1.0}, {2021, 1.4}, {2022, 1.15}, {2023, 0.85}, {2024, 1.0}};
    /** social worker changes come every 200-500 days, x this while the child is looked after (B&D 2024: 25% of children
     *  looked after at 31 March had 3 or more social workers in the year, la_cla_swcount.csv; 7-10% before) */
    public double swChangeLookedAfterFactor = 0.78;
    public double supervisionMonthlyShare = 0.5; // supervision every 3-5 weeks, otherwise 2 weeks + an exponential gap
    public double supervisionIrregularMeanDays = 30; // (B&D Jan 2024: 67% within 4 weeks, 87% within 8; 5.7)
    public final String[] categoryCodes = {"NEG", "EMO", "PHY", "SAB", "MUL"};
    public final double[] categoryWeights = {45, 40, 8, 3, 4};   // reference.md 5.5 (B&D 2017-18: NEG 42.6%, EMO 47.9%)
    public final String[] needCodes = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
    public final double[] needWeights = {50, 6, 6, 14, 14, 4, 2, 4};
    public final String[] ethnicityCodes = {"WBRI", "WOTH", "BAFR", "BCRB", "BOTH", "ABAN", "APKN", "AIND", "AOTH", "MWBC", "MWBA", "MOTH", "OOTH", "NOBT", "REFU"};
    public final double[] ethnicityWeights = {34, 9, 18, 3, 3, 4, 5, 2, 3, 4, 2, 5, 4, 2, 1};
    /** factor, probability per completed assessment; PHY/SEX become 18A/19A or 18B/18C/19B/19C by year (reference.md 1.2, 5.5) */
    public final String[] factorCodes = {"3B", "4B", "16A", "17A", "3A", "3C", "1B", "2B", "PHY", "SEX", "14A", "10A", "11A", "24A", "5B", "6B", "7A", "15A", "20"};
    public final double[] factorProb = {0.232, 0.188, 0.04, 0.089, 0.067, 0.05, 0.05, 0.07, 0.05, 0.02, 0.04, 0.03, 0.02, 0.03, 0.03, 0.04, 0.01, 0.03, 0.05};

    /** 16A on the assessment of a neglect-trajectory family, or of a NEG S47 (B&D's c3: neglect in 12-15% of episodes with factors) */
    public double neglectFactorProb = 0.26;
    /**
     * Every factor's probability is multiplied by this, and an assessment that drew none gets one factor drawn by the
     * same weights with probability {@code factorFill} ("21", no factors, otherwise). B&D's c3 has about 2.4 factors
     * per episode with factors and episodes with factors at 85-89% of referrals (2021-22 to 2024-25: 527-788 per
     * 10,000 children); the probabilities above alone gave 1.6 and 64%, so the dashboard's rates (rows 26-42) were a
     * third low while the shares matched. Both together keep the shares and lift the rates by about 1.36.
     */
    public double factorScale = 1.2, factorFill = 0.8;
    /**
     * Year multipliers of a factor's probability, by the collection year the assessment is authorised in (B&D's c3
     * trends: emotional abuse and domestic abuse of the child fall in 2023-24 and 2024-25, neglect was higher in
     * 2018-19 and 2019-20). 2017-18 is not modelled: its recording differs from every later year (domestic abuse of
     * the child 2.3% against 8-12%).
     */
    public final java.util.Map<String, double[][]> factorByYear = java.util.Map.of(
            "17A", new double[][] {{2008, 1.0}, {2021, 1.06}, {2022, 1.0}, {2024, 0.8}},
            "3A", new double[][] {{2008, 1.0}, {2021, 1.15}, {2022, 1.0}, {2025, 0.85}},
            "16A", new double[][] {{2008, 1.0}, {2019, 1.4}, {2020, 1.15}, {2021, 1.0}, {2024, 0.93}});

    public double yearFactor(double[][] table, int year) {
        double v = 1.0;
        for (double[] row : table) if (year >= row[0]) v = row[1];
        return v;
    }
}
