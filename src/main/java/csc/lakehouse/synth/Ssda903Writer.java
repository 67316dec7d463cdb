package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes ssda903/YYYY/{header,episodes,reviews,uasc,missing,oc2,oc3,previous_permanence,placed_for_adoption,ad1}.csv
 * (+ sw_episodes from 2024) per collection year: episodes open at any time in the year, seen as at its 31 March,
 * DfE column names, dd/mm/yyyy dates (reference.md 2.1). SEX 1/2 until 2024, M/F from 2025.
 */
public final class Ssda903Writer implements Consumer<Family>, AutoCloseable {
    public static final String[][] TABLES = {
            {"header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"},
            {"episodes", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"},
            {"reviews", "CHILD,DOB,REVIEW,REVIEW_CODE"},
            {"uasc", "CHILD,SEX,DOB,DUC"},
            {"missing", "CHILD,DOB,MISSING,MIS_START,MIS_END"},
            {"oc2", "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED"},
            {"oc3", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM"},
            {"previous_permanence", "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM"},
            {"placed_for_adoption", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"},
            {"ad1", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"},
            {"sw_episodes", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"}};

    /** the first collection year with social worker episodes (collected from 2023-24) */
    public static final int SW_EPISODES_FROM = 2024;

    private final int fromYear, toYear;
    private final Csv[][] csv;     // [year][table]
    private final Dirty dirty;
    private final String la;
    private final Params params;

    public Ssda903Writer(Path root, String la, int fromYear, int toYear, Dirty dirty, Params params) {
        this.fromYear = fromYear; this.toYear = toYear; this.dirty = dirty; this.la = la; this.params = params;
        csv = new Csv[toYear - fromYear + 1][TABLES.length];
        for (int y = fromYear; y <= toYear; y++)
            for (int t = 0; t < TABLES.length; t++) {
                if (t == 10 && y < SW_EPISODES_FROM) continue;
                csv[y - fromYear][t] = new Csv(root, "ssda903/" + y + "/" + TABLES[t][0] + ".csv", TABLES[t][1]);
            }
    }

    public long rows() {
        long n = 0;
        for (Csv[] ys : csv) for (Csv c : ys) if (c != null) n += c.rows;
        return n;
    }

    private void row(int y, int t, Object... v) {
        Csv c = csv[y - fromYear][t];
        c.row(v);
        if (dirty.inject(Dirty.P_BLANK, c.relPath, "ssda903_" + TABLES[t][0], "blank_line")) c.blankLine();
    }

    static boolean placeValid(String place, int y) {
        return switch (place) {
            case "H5", "P2" -> y <= 2024;
            case "K3" -> y >= 2025;
            case "Z1" -> y <= 2025;
            case "Z11", "Z12", "Z13", "Z14" -> y >= 2026;
            default -> true;
        };
    }

    @Override
    public void accept(Family f) {
        for (Child c : f.children) {
            if (c.care.isEmpty()) continue;
            for (int y = fromYear; y <= toYear; y++) child(c, y);
        }
    }

    private static boolean in(LocalDate d, LocalDate s, LocalDate e) { return d != null && !d.isBefore(s) && !d.isAfter(e); }

    private void child(Child c, int y) {
        LocalDate s = Dates.yearStart(y), e = Dates.yearEnd(y);
        List<CareEpisode> eps = new ArrayList<>();
        for (CareEpisode ep : c.care) if (!ep.decom.isAfter(e) && (ep.dec == null || !ep.dec.isBefore(s))) eps.add(ep);
        if (y == fromYear && !eps.isEmpty() && !"S".equals(eps.get(0).rne)) {
            // the drop's first return also carries the earlier episodes of a period open at its start, back to the
            // episode with RNE S, so that episode continuity (and the period's start) is complete in the drop
            int i = c.care.indexOf(eps.get(0));
            while (i > 0 && !"S".equals(c.care.get(i).rne)) eps.add(0, c.care.get(--i));
        }
        String dob = Dates.dmy(c.dob);
        String sex = y <= 2024 ? (c.sex == 'M' ? "1" : "2") : String.valueOf(c.sex);
        // care leavers: OC3 in the years of the 18th (the DfE's 17-18 group: care leavers now aged 17 or 18) and the
        // 19th, 20th, 21st birthdays for those in care at 18
        boolean oc3 = CareLeaverOutcome.inReturn(c, y);
        if (eps.isEmpty() && !oc3) return;
        String file = csv[y - fromYear][0].relPath;
        String mother = c.sex == 'F' && ChronoUnit.YEARS.between(c.dob, e) >= 12 ? "0" : "";
        row(y, 0, c.childId, sex, dob, c.ethnicity, c.upn, mother, "");
        if (dirty.inject(Dirty.P_DUP, file, "ssda903_header", "duplicate_child_conflicting_dob"))
            row(y, 0, c.childId, sex, Dates.dmy(c.dob.plusDays(1 + dirty.nextInt(400))), c.ethnicity, c.upn, mother, "");
        String epFile = csv[y - fromYear][1].relPath;
        for (CareEpisode ep : eps) {
            boolean closed = ep.dec != null && !ep.dec.isAfter(e);
            String place = ep.place;
            if (!placeValid(place, y)) place = y >= 2026 && place.equals("Z1") ? "Z14" : "K3";   // back-history row of the first year (H5/P2 -> K3, LACV 503D)
            // at most one defect per episode row, so each trips exactly one rule
            boolean badPlace = dirty.inject(Dirty.P_CODE, epFile, "ssda903_episodes", "invalid_code_for_year");
            if (badPlace) place = y <= 2024 ? "K3" : "H5";
            String dec = closed ? Dates.dmy(ep.dec) : "";
            if (closed && !badPlace && dirty.inject(Dirty.P_DATE, epFile, "ssda903_episodes", "date_order")) dec = Dates.dmy(ep.decom.minusDays(1 + dirty.nextInt(20)));
            row(y, 1, c.childId, Dates.dmy(ep.decom), ep.rne, ep.ls, ep.cin, place, ep.provider, dec,
                    closed ? ep.rec : "", closed && ep.reasonPlaceChange != null ? ep.reasonPlaceChange : "", ep.homePost, ep.plPost, ep.urn);
        }
        long age4 = ChronoUnit.DAYS.between(c.dob, e);
        for (LocalDate rv : c.reviews) if (in(rv, s, e)) {
            String code = ChronoUnit.YEARS.between(c.dob, rv) < 4 ? "PN0" : "PN" + (1 + Math.floorMod(rv.hashCode() + c.childId.length(), 7));
            row(y, 2, c.childId, dob, Dates.dmy(rv), code);
        }
        if (c.uasc && !eps.isEmpty()) {
            LocalDate duc = c.dob.plusYears(18);
            row(y, 3, c.childId, sex, dob, duc.isAfter(e) ? "" : Dates.dmy(duc));
        }
        for (Missing m : c.missing) if (in(m.start, s, e))
            row(y, 4, c.childId, dob, m.type, Dates.dmy(m.start), m.end == null || m.end.isAfter(e) ? "" : Dates.dmy(m.end));
        // OC2: looked after continuously for 12 months at 31 March
        LocalDate periodStart = null;
        for (CareEpisode ep : c.care) {
            if ("S".equals(ep.rne)) periodStart = ep.decom;
            if (!ep.decom.isAfter(e) && (ep.dec == null || ep.dec.isAfter(e))) {
                if (periodStart != null && !periodStart.isAfter(e.minusYears(1))) {
                    int h = Math.floorMod(c.childId.hashCode() * 31 + y, 100);
                    long age = ChronoUnit.YEARS.between(c.dob, e);
                    boolean sdq = age >= 4 && age <= 16;
                    row(y, 5, c.childId, dob, sdq ? String.valueOf(h % 30) : "", sdq ? "" : "SDQ1", age >= 10 ? (h < 5 ? "1" : "0") : "",
                            h < 90 ? "1" : "0", h < 85 ? "1" : "0", h < 80 ? "1" : "0", h < 88 ? "1" : "0", age >= 10 ? (h < 6 ? "1" : "0") : "", "", "");
                }
                break;
            }
        }
        if (oc3) {
            CareLeaverOutcome o = CareLeaverOutcome.of(params, c, y);
            row(y, 6, c.childId, dob, o.inTouch(), o.activity(), o.accommodation());
        }
        for (CareEpisode ep : eps) {
            if ("S".equals(ep.rne) && in(ep.decom, s, e)) row(y, 7, c.childId, dob, "Z1", "", "");
            if ((ep.place.equals("A5") || ep.place.equals("A6")) && in(ep.decom, s, e)) {
                boolean ceased = ep.dec != null && !ep.dec.isAfter(e) && !(ep.rec.equals("E11") || ep.rec.equals("E12"));
                row(y, 8, c.childId, dob, Dates.dmy(ep.decom), ceased ? Dates.dmy(ep.dec) : "", ceased ? "RD4" : "");
            }
            if (ep.dec != null && in(ep.dec, s, e) && ("E11".equals(ep.rec) || "E12".equals(ep.rec))) {
                int h = Math.floorMod(c.childId.hashCode(), 10);
                row(y, 9, c.childId, dob, Dates.dmy(ep.decom.minusDays(200)), Dates.dmy(ep.decom.minusDays(20)), h < 3 ? "1" : "0",
                        h < 3 ? "1" : "2", h < 3 ? (h == 0 ? "F1" : "M1") : h < 8 ? "MF" : h == 8 ? "MM" : "FF", h < 3 ? "L0" : h < 8 ? "L11" : "L12");
            }
        }
        if (y >= SW_EPISODES_FROM && !eps.isEmpty()) {
            for (SwAllocation a : c.socialWorkers) {
                if (a.start.isAfter(e) || (a.end != null && a.end.isBefore(s))) continue;
                boolean ended = a.end != null && !a.end.isAfter(e);
                row(y, 10, c.childId, dob, a.swId, Dates.dmy(a.start), ended ? Dates.dmy(a.end) : "", a.reason);
            }
        }
    }

    @Override
    public void close() { for (Csv[] ys : csv) for (Csv c : ys) if (c != null) c.close(); }
}
