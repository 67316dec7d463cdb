package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.CareEpisode;
import csc.lakehouse.synth.Journey.Child;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * A care leaver's OC3 record for one return: who has one, and what it says (IN_TOUCH, ACTIV, ACCOM). The one place
 * the choice is made, so that the SSDA903 writer writes and the calibration report measures the same outcomes.
 * The outcome depends on the age group (the DfE's 17-18 and 19-21, by the age at 31 March): older care leavers are
 * less often in education, employment or training, and a few of each group live in unsuitable accommodation
 * (shares in {@link Params}).
 */
public record CareLeaverOutcome(String inTouch, String activity, String accommodation) {
    // education, employment or training (F: full time, P: part time; 1 higher education, 2 other education, 3 training
    // or employment), not (G4 illness or disability, G5 other, G6 pregnancy or parenting); by age group
    private static final String[] EET = {"F1", "F2", "P2", "F3", "P3"};
    private static final double[][] EET_WEIGHTS = {{5, 55, 8, 22, 10}, {15, 25, 5, 40, 15}};
    private static final String[] NEET = {"G4", "G5", "G6"};
    private static final double[] NEET_WEIGHTS = {20, 65, 15};
    // ACCOM: the letter is the type, the second character 1 suitable, 2 unsuitable (cla_oc3_groups.csv); staying put
    // with former foster carers (Z) and semi-independent accommodation (D) at 17-18, independent living (U) after
    private static final String[] SUITABLE = {"Z1", "D1", "E1", "B1", "U1", "T1", "K1"};
    private static final double[][] SUITABLE_WEIGHTS = {{25, 35, 10, 10, 10, 7, 3}, {10, 20, 5, 12, 45, 5, 3}};
    private static final String[] UNSUITABLE = {"S2", "W2", "X2", "V2", "B2", "U2", "D2"};
    private static final double[] UNSUITABLE_WEIGHTS = {15, 10, 20, 10, 15, 20, 10};

    /**
     * Whether return {@code year} holds an OC3 row for the young person: those in care at 18 (the last episode ended
     * on the 18th birthday), in the years of their 18th to 21st birthdays.
     */
    public static boolean inReturn(Child c, int year) {
        boolean leftAt18 = false;
        for (CareEpisode ep : c.care) if (ep.dec != null && ep.dec.equals(c.dob.plusYears(18))) leftAt18 = true;
        if (!leftAt18) return false;
        LocalDate s = Dates.yearStart(year), e = Dates.yearEnd(year);
        for (int a = 18; a <= 21; a++) {
            LocalDate birthday = c.dob.plusYears(a);
            if (!birthday.isBefore(s) && !birthday.isAfter(e)) return true;
        }
        return false;
    }

    /** The young person's OC3 record in return {@code year}, fixed by the child and the year (no journey draws). */
    public static CareLeaverOutcome of(Params p, Child c, int year) {
        int g = ChronoUnit.YEARS.between(c.dob, Dates.yearEnd(year)) <= 18 ? 0 : 1;
        SplittableRandom r = new SplittableRandom(Simulator.mix(c.childId.hashCode(), year));
        double u = r.nextDouble();
        // returned home, or no longer needing services: an OC3 row the DfE leaves out of the cohort
        if (u < p.careLeaverExcluded[g]) return new CareLeaverOutcome(g == 0 ? "RHOM" : "NREQ", "", "");
        if (u < p.careLeaverExcluded[g] + p.careLeaverNotInTouch[g]) return new CareLeaverOutcome("NO", "0", "0");
        String activity = r.nextDouble() < p.careLeaverEet[g] ? Simulator.pick(r, EET, EET_WEIGHTS[g]) : Simulator.pick(r, NEET, NEET_WEIGHTS);
        String accommodation = r.nextDouble() < p.careLeaverSuitable[g] ? Simulator.pick(r, SUITABLE, SUITABLE_WEIGHTS[g])
                : Simulator.pick(r, UNSUITABLE, UNSUITABLE_WEIGHTS);
        return new CareLeaverOutcome("YES", activity, accommodation);
    }
}
