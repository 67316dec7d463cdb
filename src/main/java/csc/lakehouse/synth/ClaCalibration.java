package csc.lakehouse.synth;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import csc.lakehouse.synth.Journey.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Children looked after and care leavers (synth/published_cla_targets.csv) from the journeys, by the pipeline's
 * definitions (measures.yaml; CareLeaverMeasures, PlacementStabilityMeasures, SocialWorkerStabilityMeasures) and,
 * for the two it does not publish, the DfE's:
 * <ul>
 *   <li>care leavers aged 17-18 / 19-21 of year Y: young people with an OC3 row in return Y ({@link CareLeaverOutcome})
 *       by their age at 31 March Y, less the excluded IN_TOUCH codes; EET and suitable accommodation by
 *       data-schemas/reference/cla_oc3_groups.csv (ACCOM's second character 1 is suitable);</li>
 *   <li>{@code cla_3plus_placements}: of children looked after at 31 March (an episode open at the date, short breaks
 *       V3/V4 excluded), those with 3 or more placements (a new placement at RNE S, P, T, B or U, or where episodes do
 *       not abut) in place at some time in the year, temporary placements (T0-T4) not counted;</li>
 *   <li>{@code cla_long_term_stability}: of those aged under 16 at 31 March and looked after continuously (the current
 *       period of care) for at least 2.5 years, those whose current placement (the latest non-temporary one started on
 *       or before 31 March) started at least 2 years before; a placement for adoption (A3-A6) counts from the start of
 *       the placement before it when the two abut (the DfE's "living with the same carer for at least 2 years");</li>
 *   <li>{@code cla_3plus_social_workers} (from {@link Ssda903Writer#SW_EPISODES_FROM}): of children looked after at
 *       31 March, those with 3 or more distinct social workers whose allocation was open at some time in the year;</li>
 *   <li>{@code new_placements_over_20_miles}: of new placements starting in the year (episodes with RNE S, P, T, B or U
 *       and DECOM in the year; short breaks excluded), those whose PL_POST is more than 20 miles in a straight line
 *       from HOME_POST ({@link PostcodeCoordinatesWriter#miles}); a distance not known stays in the denominator.</li>
 * </ul>
 */
final class ClaCalibration implements Consumer<Family> {
    static final String[] INDICATORS = {"care_leavers_17_18_eet", "care_leavers_19_21_eet", "care_leavers_17_18_suitable_accommodation",
            "care_leavers_19_21_suitable_accommodation", "cla_3plus_placements", "cla_long_term_stability", "cla_3plus_social_workers",
            "new_placements_over_20_miles"};
    /** the indicators that are also the pipeline's measure ids (the other two are not published by it) */
    static final List<String> PIPELINE_MEASURES = List.of("care_leavers_17_18_eet", "care_leavers_19_21_eet",
            "care_leavers_17_18_suitable_accommodation", "care_leavers_19_21_suitable_accommodation", "cla_3plus_placements",
            "cla_3plus_social_workers");
    static final Set<String> NEW_PLACEMENT = Set.of("S", "P", "T", "B", "U");
    static final Set<String> SHORT_BREAK = Set.of("V3", "V4");
    /** the DfE's thresholds: 3 placements / social workers in the year; 2.5 years looked after, 2 years in the placement */
    static final int MOVES = 3, WORKERS = 3, LOOKED_AFTER_MONTHS = 30, SAME_CARER_YEARS = 2, UNDER_AGE = 16;

    // the same code groups the pipeline's measures read (data-schemas/reference), so the report counts what they count
    private static final Set<String> EET = group("cla_oc3_groups.csv", "activity", "eet");
    private static final Set<String> SUITABLE = group("cla_oc3_groups.csv", "accommodation_suitability", "suitable");
    private static final Set<String> EXCLUDED = group("cla_oc3_groups.csv", "in_touch", "excluded");
    private static final Set<String> TEMPORARY = new HashSet<>(), ADOPTION = new HashSet<>();
    static {
        // cla_placement_groups.csv: code, group, temporary
        for (List<String> r : rows("cla_placement_groups.csv")) {
            if (r.size() < 3 || r.get(0).isBlank()) continue;
            if (Boolean.parseBoolean(r.get(2).trim())) TEMPORARY.add(r.get(0).trim());
            if (r.get(1).trim().equals("Placed for adoption")) ADOPTION.add(r.get(0).trim());
        }
    }

    private static List<List<String>> rows(String file) {
        List<List<String>> all = SimpleCsv.parse(DataSchemas.readText("reference/" + file));
        return all.subList(1, all.size());
    }

    /** cla_oc3_groups.csv: the codes of one item in one group (item, code, group). */
    private static Set<String> group(String file, String item, String group) {
        Set<String> out = new HashSet<>();
        for (List<String> r : rows(file)) {
            if (r.size() >= 3 && r.get(0).trim().equals(item) && r.get(2).trim().equals(group)) out.add(r.get(1).trim());
        }
        return Set.copyOf(out);
    }

    private final int fromYear, toYear;
    private final Params params;
    /** per indicator, numerator and denominator by year (index year - fromYear) */
    private final Map<String, long[]> num = new HashMap<>(), den = new HashMap<>();

    ClaCalibration(int fromYear, int toYear, Params params) {
        this.fromYear = fromYear; this.toYear = toYear; this.params = params;
        for (String ind : INDICATORS) { num.put(ind, new long[toYear - fromYear + 1]); den.put(ind, new long[toYear - fromYear + 1]); }
    }

    static boolean has(String indicator) { return List.of(INDICATORS).contains(indicator); }

    private void add(String indicator, int year, boolean counted) {
        den.get(indicator)[year - fromYear]++;
        if (counted) num.get(indicator)[year - fromYear]++;
    }

    /** generated percent for a year; NaN without a denominator */
    double value(String indicator, int year) {
        long d = den.get(indicator)[year - fromYear];
        return d == 0 ? Double.NaN : 100.0 * num.get(indicator)[year - fromYear] / d;
    }

    /** the denominator behind a year's value (at the generated scale) */
    long denominator(String indicator, int year) { return den.get(indicator)[year - fromYear]; }

    /** A run of episodes at one placement (silver {@code placement}), in the period of care that holds it. */
    record Placement(LocalDate start, LocalDate end, String place, boolean abutsPrevious, LocalDate periodStart) {
        boolean temporary() { return TEMPORARY.contains(place); }
    }

    /** An episode continues the previous one when that ended X1 on the day it starts (CarePeriods' continuity). */
    private static boolean continues(CareEpisode prev, CareEpisode e) {
        return prev != null && "X1".equals(prev.rec) && prev.dec != null && prev.dec.equals(e.decom);
    }

    /** the child's placements in date order, as conform's CarePeriods groups the episodes */
    static List<Placement> placements(Child c) {
        List<CareEpisode> eps = new ArrayList<>(c.care);
        eps.sort(Comparator.comparing(e -> e.decom));
        List<Placement> out = new ArrayList<>();
        CareEpisode prev = null, first = null;
        LocalDate periodStart = null;
        boolean abuts = false;
        for (CareEpisode e : eps) {
            boolean cont = continues(prev, e);
            if (!cont || e.rne == null || NEW_PLACEMENT.contains(e.rne)) {
                if (first != null) out.add(new Placement(first.decom, prev.dec, first.place, abuts, periodStart));
                first = e;
                abuts = cont && !"S".equals(e.rne);
                if (!abuts) periodStart = e.decom;   // a new period: RNE S, or episodes that do not abut
            }
            prev = e;
        }
        if (first != null) out.add(new Placement(first.decom, prev.dec, first.place, abuts, periodStart));
        return out;
    }

    @Override
    public void accept(Family f) {
        for (Child c : f.children) {
            List<Placement> placements = c.care.isEmpty() ? List.of() : placements(c);
            for (int y = fromYear; y <= toYear; y++) {
                careLeaver(c, y);
                if (c.care.isEmpty()) continue;
                newPlacements(c, y);
                if (lookedAfterAt(c, Dates.yearEnd(y))) {
                    add("cla_3plus_placements", y, placementsInYear(placements, y) >= MOVES);
                    longTermStability(c, placements, y);
                    if (y >= Ssda903Writer.SW_EPISODES_FROM) add("cla_3plus_social_workers", y, socialWorkersInYear(c, y) >= WORKERS);
                }
            }
        }
    }

    private void careLeaver(Child c, int y) {
        if (!CareLeaverOutcome.inReturn(c, y)) return;
        CareLeaverOutcome o = CareLeaverOutcome.of(params, c, y);
        if (EXCLUDED.contains(o.inTouch())) return;
        long age = ChronoUnit.YEARS.between(c.dob, Dates.yearEnd(y));
        String group = age >= 17 && age <= 18 ? "17_18" : age >= 19 && age <= 21 ? "19_21" : null;
        if (group == null) return;
        String accom = o.accommodation() == null ? "" : o.accommodation();
        String suitability = accom.length() >= 2 ? accom.substring(1, 2) : accom;
        add("care_leavers_" + group + "_eet", y, EET.contains(o.activity()));
        add("care_leavers_" + group + "_suitable_accommodation", y, SUITABLE.contains(suitability));
    }

    private void newPlacements(Child c, int y) {
        LocalDate s = Dates.yearStart(y), e = Dates.yearEnd(y);
        for (CareEpisode ep : c.care) {
            if (ep.rne == null || !NEW_PLACEMENT.contains(ep.rne) || SHORT_BREAK.contains(ep.ls)) continue;
            if (ep.decom.isBefore(s) || ep.decom.isAfter(e)) continue;
            add("new_placements_over_20_miles", y, PostcodeCoordinatesWriter.miles(ep.homePost, ep.plPost) > 20.0);
        }
    }

    /** an episode open at the date that is not a short break (cla_31mar) */
    static boolean lookedAfterAt(Child c, LocalDate at) {
        for (CareEpisode e : c.care)
            if (!e.decom.isAfter(at) && (e.dec == null || e.dec.isAfter(at)) && !SHORT_BREAK.contains(e.ls)) return true;
        return false;
    }

    /** non-temporary placements in place at some time in the year: start on or before 31 March, end empty or after 1 April */
    static int placementsInYear(List<Placement> placements, int y) {
        LocalDate s = Dates.yearStart(y), e = Dates.yearEnd(y);
        Set<LocalDate> starts = new HashSet<>();
        for (Placement p : placements)
            if (!p.temporary() && !p.start().isAfter(e) && (p.end() == null || p.end().isAfter(s))) starts.add(p.start());
        return starts.size();
    }

    private void longTermStability(Child c, List<Placement> placements, int y) {
        LocalDate a31 = Dates.yearEnd(y);
        if (ChronoUnit.YEARS.between(c.dob, a31) >= UNDER_AGE) return;
        // the current placement and its period: the latest non-temporary placement started on or before 31 March
        int current = -1;
        for (int i = 0; i < placements.size(); i++)
            if (!placements.get(i).temporary() && !placements.get(i).start().isAfter(a31)) current = i;
        if (current < 0) return;
        Placement p = placements.get(current);
        if (p.periodStart().isAfter(a31.minusMonths(LOOKED_AFTER_MONTHS))) return;
        LocalDate since = p.start();
        // placed for adoption: the adoptive placement counts with the one before it when the two abut
        if (ADOPTION.contains(p.place()) && p.abutsPrevious() && current > 0) since = placements.get(current - 1).start();
        add("cla_long_term_stability", y, !since.isAfter(a31.minusYears(SAME_CARER_YEARS)));
    }

    /** distinct social workers whose allocation was open at some time in the year (SW_DECOM on or before 31 March, SW_DEC empty or after 1 April) */
    static int socialWorkersInYear(Child c, int y) {
        LocalDate s = Dates.yearStart(y), e = Dates.yearEnd(y);
        Set<String> workers = new HashSet<>();
        for (SwAllocation a : c.socialWorkers)
            if (a.swId != null && !a.start.isAfter(e) && (a.end == null || a.end.isAfter(s))) workers.add(a.swId);
        return workers.size();
    }

    /** the denominators per year, so a miss can be read against the size of the group */
    String counts() {
        StringBuilder sb = new StringBuilder();
        for (int y = fromYear; y <= toYear; y++) {
            sb.append(String.format(Locale.ROOT, "  %d: care leavers 17-18 %d, 19-21 %d; CLA 31 Mar %d, of them 2.5+ years under 16 %d; new placements %d%n", y,
                    denominator("care_leavers_17_18_eet", y), denominator("care_leavers_19_21_eet", y), denominator("cla_3plus_placements", y),
                    denominator("cla_long_term_stability", y), denominator("new_placements_over_20_miles", y)));
        }
        return sb.toString();
    }
}
