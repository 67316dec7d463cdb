package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The borough's own figures from its Ofsted and scrutiny reports (reference.md 5.7; synth/story_targets.csv), computed
 * from the generator's journeys at the date or over the period each report gives, by the pipeline's definitions:
 * <ul>
 *   <li>caseloads: case-holding workers (children held &gt; 0) holding more children than their team's target, as the
 *       caseload tracker counts them ({@link LocalTrackerWriter}; measures.md caseload_over_target);</li>
 *   <li>strategy discussions held in the period: mean working days from the referral, and the percent within the local
 *       timescale (3 working days, data-schemas/ofsted_recommendations.yaml);</li>
 *   <li>children on an open CIN plan at the date by calendar months since the latest plan's start (cin_plan_duration);
 *       open CP plans at the date by calendar months since their start (cpp_duration, band 24m+);</li>
 *   <li>of children with an open, non-NFA CIN episode at the date, those whose latest supervision is at most 28 / 56
 *       days before it (supervision_4wk / supervision_8wk);</li>
 *   <li>children in pre-proceedings at the date that started more than 16 x 7 days before it;</li>
 *   <li>children starting to be looked after in the period, each once at their first period of care (RNE S) in it, and
 *       the percent whose first episode is L1; entries to police protection in sibling groups (tracker rows with a
 *       sibling group) and out of hours (outside 09:00-17:00 Monday to Friday).</li>
 * </ul>
 * Working days are weekdays here (the pipeline also skips bank holidays, so its figures can be a little lower).
 * Also counts children on CIN plans and open CIN episodes at each 31 March, so that the plans' series can be checked
 * to move with the caseload rather than on its own.
 */
public final class StoryCalibration implements Consumer<Family> {
    public static final int STRATEGY_TIMESCALE_WD = 3;
    public static final int PRE_PROCEEDINGS_WEEKS = 16;

    public record Target(String figure, LocalDate from, LocalDate to, double published, String unit, String source) {
        boolean snapshot() { return from == null; }
        String when() { return from == null ? "at " + to : from + ".." + to; }
        String key() { return figure + "@" + (from == null ? "" : from + "..") + to; }
    }

    public record Row(Target target, double generated, double diffPct) {
        public boolean within(double pct) { return !Double.isNaN(generated) && Math.abs(diffPct) <= pct; }
    }

    private final double scale;
    private final int fromYear, toYear;
    private final List<Target> targets = targets();
    /** per target: numerator and denominator accumulators (sums of working days for the mean) */
    private final Map<String, double[]> acc = new HashMap<>();
    /** per caseload date: worker -> children held */
    private final Map<LocalDate, Map<String, Integer>> held = new TreeMap<>();
    private final long[] cinPlans31, cinOpen31;
    private final Set<LocalDate> caseloadDates = new TreeSet<>();

    public StoryCalibration(int fromYear, int toYear, double scale) {
        this.fromYear = fromYear; this.toYear = toYear; this.scale = scale;
        cinPlans31 = new long[toYear - fromYear + 1];
        cinOpen31 = new long[toYear - fromYear + 1];
        for (Target t : targets) {
            acc.put(t.key(), new double[2]);
            if (t.figure().startsWith("caseload_")) caseloadDates.add(t.to());
        }
    }

    public static List<Target> targets() {
        List<Target> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                StoryCalibration.class.getResourceAsStream("/synth/story_targets.csv"), StandardCharsets.UTF_8))) {
            String line; boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) { header = false; continue; }
                String[] f = line.split(",", 6);
                out.add(new Target(f[0], f[1].isEmpty() ? null : LocalDate.parse(f[1]), LocalDate.parse(f[2]),
                        Double.parseDouble(f[3]), f[4], f[5]));
            }
        } catch (IOException e) { throw new UncheckedIOException(e); }
        return out;
    }

    private static boolean openAt(LocalDate start, LocalDate end, LocalDate a) {
        return start != null && !start.isAfter(a) && (end == null || end.isAfter(a));
    }

    private static boolean in(LocalDate d, Target t) { return d != null && !d.isBefore(t.from()) && !d.isAfter(t.to()); }

    /** outside 09:00-17:00 Monday to Friday (17:00 itself is out of hours), as pp_out_of_hours */
    static boolean outOfHours(LocalDate d, String hhmm) {
        int h = Integer.parseInt(hhmm.substring(0, 2));
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || h < 9 || h >= 17;
    }

    private void add(Target t, double num, double den) { double[] a = acc.get(t.key()); a[0] += num; a[1] += den; }

    @Override
    public void accept(Family f) {
        for (Target t : targets) {
            switch (t.figure()) {
                case "pp_sibling_groups", "pp_sibling_groups_count", "pp_out_of_hours" -> {
                    for (PoliceProtection p : f.policeProtections) {
                        if (!in(p.date, t) || p.childIds.isEmpty()) continue;
                        int n = p.childIds.size();
                        if (t.figure().equals("pp_sibling_groups")) add(t, n > 1 ? n : 0, 0);
                        else if (t.figure().equals("pp_sibling_groups_count")) add(t, n > 1 ? 1 : 0, 0);
                        else add(t, outOfHours(p.date, p.time) ? n : 0, n);
                    }
                }
                case "pre_proceedings_over_16w" -> {
                    for (PreProceedings p : f.preProceedings)
                        if (openAt(p.ppStart, p.stepDecision, t.to()) && ChronoUnit.DAYS.between(p.ppStart, t.to()) > PRE_PROCEEDINGS_WEEKS * 7L)
                            add(t, 1, 0);
                }
                default -> { for (Child c : f.children) child(c, t); }
            }
        }
        for (Child c : f.children) {
            for (SwAllocation a : c.socialWorkers)
                for (LocalDate at : caseloadDates)
                    if (openAt(a.start, a.end, at)) held.computeIfAbsent(at, k -> new TreeMap<>()).merge(a.swId, 1, Integer::sum);
            for (int y = fromYear; y <= toYear; y++) {
                LocalDate a31 = Dates.yearEnd(y);
                boolean onPlan = false;
                for (Referral r : c.referrals) {
                    if (!r.nfa && openAt(r.referralDate, r.closureDate, a31)) cinOpen31[y - fromYear]++;
                    for (CinPlan p : r.cinPlans) if (openAt(p.start, p.end, a31)) onPlan = true;
                }
                if (onPlan) cinPlans31[y - fromYear]++;
            }
        }
    }

    private void child(Child c, Target t) {
        switch (t.figure()) {
            case "strategy_discussion_days", "strategy_discussion_in_timescale" -> {
                for (Referral r : c.referrals) {
                    if (!in(r.strategyDiscussion, t)) continue;
                    int wd = Dates.workingDaysBetween(r.referralDate, r.strategyDiscussion);
                    add(t, t.figure().equals("strategy_discussion_days") ? wd : wd <= STRATEGY_TIMESCALE_WD ? 1 : 0, 1);
                }
            }
            case "cin_plan_12_24m", "cin_plan_24m_plus" -> {
                LocalDate latest = null;
                for (Referral r : c.referrals) for (CinPlan p : r.cinPlans)
                    if (openAt(p.start, p.end, t.to())) latest = Dates.max(latest, p.start);
                if (latest == null) return;
                boolean over24 = !latest.plusMonths(24).isAfter(t.to());
                boolean over12 = !latest.plusMonths(12).isAfter(t.to());
                add(t, t.figure().equals("cin_plan_24m_plus") ? (over24 ? 1 : 0) : (over12 && !over24 ? 1 : 0), 1);
            }
            case "cpp_24m_plus" -> {
                // open CP plans at the date, as cpp_duration's 24m+ band: calendar months since the plan's start
                for (Referral r : c.referrals) for (Cpp p : r.cpps)
                    if (openAt(p.start, p.end, t.to())) add(t, !p.start.plusMonths(24).isAfter(t.to()) ? 1 : 0, 1);
            }
            case "supervision_4wk", "supervision_8wk" -> {
                boolean open = false;
                for (Referral r : c.referrals) if (!r.nfa && openAt(r.referralDate, r.closureDate, t.to())) open = true;
                if (!open) return;
                LocalDate latest = null;
                for (Supervision s : c.supervisions) if (!s.date.isAfter(t.to())) latest = Dates.max(latest, s.date);
                long limit = t.figure().equals("supervision_4wk") ? 28 : 56;
                add(t, latest != null && ChronoUnit.DAYS.between(latest, t.to()) <= limit ? 1 : 0, 1);
            }
            case "cla_starts_police_protection", "pp_entrants" -> {
                CareEpisode first = null;   // the child's first period of care starting in the period (first occasion)
                for (CareEpisode e : c.care) if ("S".equals(e.rne) && in(e.decom, t) && (first == null || e.decom.isBefore(first.decom))) first = e;
                if (first == null || "V3".equals(first.ls) || "V4".equals(first.ls)) return;
                add(t, "L1".equals(first.ls) ? 1 : 0, 1);
            }
            default -> { }
        }
    }

    /** the generated figure for a target (counts divided by the scale; NaN without a denominator) */
    public double value(Target t) {
        double[] a = acc.get(t.key());
        return switch (t.figure()) {
            case "caseload_over_target", "caseload_over_target_pct", "caseload_workers" -> caseloads(t);
            case "strategy_discussion_days" -> a[1] == 0 ? Double.NaN : a[0] / a[1];
            case "pre_proceedings_over_16w", "pp_entrants", "pp_sibling_groups", "pp_sibling_groups_count" -> a[0] / scale;
            default -> a[1] == 0 ? Double.NaN : 100.0 * a[0] / a[1];
        };
    }

    private double caseloads(Target t) {
        Map<String, Integer> w = held.getOrDefault(t.to(), Map.of());
        long workers = 0, over = 0;
        for (Map.Entry<String, Integer> e : w.entrySet()) {
            if (e.getValue() <= 0) continue;
            workers++;
            if (e.getValue() > LocalTrackerWriter.teamTarget(e.getKey())) over++;
        }
        return switch (t.figure()) {
            case "caseload_workers" -> workers / scale;
            case "caseload_over_target" -> over / scale;
            default -> workers == 0 ? Double.NaN : 100.0 * over / workers;
        };
    }

    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (Target t : targets) {
            if (Dates.collectionYear(t.to()) < fromYear || Dates.collectionYear(t.to()) > toYear) continue;
            double g = value(t);
            out.add(new Row(t, g, (g - t.published()) / t.published() * 100));
        }
        return out;
    }

    /** children on an open CIN plan at 31 March of the year (at this scale) */
    public long cinPlans31(int year) { return cinPlans31[year - fromYear]; }

    /** open (not NFA) CIN episodes at 31 March of the year (at this scale) */
    public long cinOpen31(int year) { return cinOpen31[year - fromYear]; }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %-22s %10s %10s %8s%n", "figure (reference.md 5.7)", "when", "generated", "published", "diff%"));
        int within = 0, total = 0;
        for (Row r : rows()) {
            boolean ok = r.within(15);
            sb.append(String.format(Locale.ROOT, "%-34s %-22s %10.2f %10.2f %+8.1f%s%n", r.target().figure(), r.target().when(),
                    r.generated(), r.target().published(), r.diffPct(), ok ? "" : "  *"));
            total++; if (ok) within++;
        }
        sb.append(String.format(Locale.ROOT, "within 15%%: %d of %d (* = outside)%n", within, total));
        sb.append("children on CIN plans at 31 March (share of open CIN episodes; CINPlanDates are in the census from 2021-22), at this scale:\n ");
        for (int y = Math.max(fromYear, 2022); y <= toYear; y++)
            sb.append(String.format(Locale.ROOT, " %d: %d (%.0f%%)", y, cinPlans31(y), cinOpen31(y) == 0 ? 0.0 : 100.0 * cinPlans31(y) / cinOpen31(y)));
        sb.append('\n');
        return sb.toString();
    }
}
