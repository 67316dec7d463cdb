package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.CareEpisode;
import csc.lakehouse.synth.Journey.Child;

import java.time.LocalDate;

/**
 * A care leaver's OC3 record for one return: who has one, and what it says (IN_TOUCH, ACTIV, ACCOM). The one place
 * the choice is made, so that the SSDA903 writer writes and the calibration report measures the same outcomes.
 */
public record CareLeaverOutcome(String inTouch, String activity, String accommodation) {

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

    /** The young person's OC3 record in return {@code year}, fixed by the child and the year. */
    public static CareLeaverOutcome of(Child c, int year) {
        int h = Math.floorMod(c.childId.hashCode() + year, 10);
        return new CareLeaverOutcome(h < 9 ? "YES" : "NO", h < 5 ? "F2" : h < 7 ? "F5" : "G5", h < 8 ? "U1" : "B1");
    }
}
