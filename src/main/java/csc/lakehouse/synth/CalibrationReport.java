package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Headline indicators computed from the generator's own journeys, set beside the published B&D values
 * (synth/published_targets.csv), with the c3 factor shares (published_factor_targets.csv) and the looked-after children
 * and care leavers indicators ({@link ClaCalibration}, published_cla_targets.csv). All the computation lives in this
 * package so it can later be swapped for the pipeline's measures.
 * Definitions follow /work/shared/design/measures.md, with weekdays as working days (no bank holidays).
 * Feed it with {@link #accept(Family)} (it is a Consumer for {@link Borough#journeys}).
 */
public final class CalibrationReport implements Consumer<Family> {
    public static final String[] INDICATORS = {"cin_31mar_rate", "referrals_rate", "rereferrals_12m", "assessments_45wd",
            "cpp_31mar_rate", "cpp_repeat", "cla_31mar_rate", "cla_starts", "cla_starts_police_protection"};

    private final LaPopulation pop;
    private final int fromYear, toYear;
    private final double scale;
    // counters per year: index by year - fromYear
    private final long[] cin31, referrals, rereferrals, assessDone, assess45, cpp31, cppStarts, cppRepeat, cla31, claStarts, claStartsL1;
    /** c3 indicator -> factor code: factors identified at the end of assessment, as a share of episodes with factors */
    static final java.util.Map<String, String> FACTORS = java.util.Map.of("c3_neglect", "16A",
            "c3_domestic_abuse_parent", "3B", "c3_mental_health_parent", "4B", "c3_emotional_abuse", "17A",
            "c3_domestic_abuse_child", "3A");
    /** assessments authorised in the year with a factor (not 21, no factors), and per factor code */
    private final long[] withFactors;
    private final java.util.Map<String, long[]> byFactor = new java.util.HashMap<>();
    /** the figures of the borough's Ofsted and scrutiny reports (reference.md 5.7), from the same journeys */
    private final StoryCalibration story;
    /** children looked after and care leavers (synth/published_cla_targets.csv), from the same journeys */
    private final ClaCalibration cla;

    public CalibrationReport(LaPopulation pop, int fromYear, int toYear, double scale) {
        this(pop, fromYear, toYear, scale, new Params());
    }

    /** with the generator's rates (the care leavers' OC3 outcomes depend on them) */
    public CalibrationReport(LaPopulation pop, int fromYear, int toYear, double scale, Params params) {
        this.pop = pop; this.fromYear = fromYear; this.toYear = toYear; this.scale = scale;
        int n = toYear - fromYear + 1;
        cin31 = new long[n]; referrals = new long[n]; rereferrals = new long[n]; assessDone = new long[n]; assess45 = new long[n];
        cpp31 = new long[n]; cppStarts = new long[n]; cppRepeat = new long[n]; cla31 = new long[n]; claStarts = new long[n]; claStartsL1 = new long[n];
        story = new StoryCalibration(fromYear, toYear, scale);
        cla = new ClaCalibration(fromYear, toYear, params);
        withFactors = new long[n];
        for (String code : FACTORS.values()) byFactor.put(code, new long[n]);
    }

    /** the report's figures (reference.md 5.7) beside the statutory series */
    public StoryCalibration story() { return story; }

    private int idx(LocalDate d) {
        if (d == null) return -1;
        int y = Dates.collectionYear(d);
        return y < fromYear || y > toYear ? -1 : y - fromYear;
    }

    private static boolean openAt(LocalDate start, LocalDate end, LocalDate a) {
        return start != null && !start.isAfter(a) && (end == null || end.isAfter(a));
    }

    @Override
    public void accept(Family f) {
        for (Child c : f.children) {
            for (Referral r : c.referrals) {
                int i = idx(r.referralDate);
                if (i >= 0) {
                    referrals[i]++;
                    for (Referral o : c.referrals)
                        if (o != r && o.referralDate.isBefore(r.referralDate) && !o.referralDate.isBefore(r.referralDate.minusMonths(12))) { rereferrals[i]++; break; }
                }
                Assessment a = r.assessment;
                if (a != null && a.authorised != null && !a.start.isAfter(a.authorised)) {
                    int j = idx(a.authorised);
                    if (j >= 0) { assessDone[j]++; if (Dates.workingDaysBetween(a.start, a.authorised) <= 45) assess45[j]++; }
                    if (j >= 0 && a.factors.stream().anyMatch(x -> !x.equals("21"))) {
                        withFactors[j]++;
                        for (String x : a.factors) { long[] n = byFactor.get(x); if (n != null) n[j]++; }
                    }
                }
                for (Cpp p : r.cpps) {
                    int j = idx(p.start);
                    if (j >= 0) { cppStarts[j]++; if (p.previousCpps >= 1) cppRepeat[j]++; }
                }
                for (int y = fromYear; y <= toYear; y++) {
                    LocalDate a31 = Dates.yearEnd(y);
                    if (!r.nfa && openAt(r.referralDate, r.closureDate, a31)) cin31[y - fromYear]++;
                    for (Cpp p : r.cpps) if (openAt(p.start, p.end, a31)) cpp31[y - fromYear]++;
                }
            }
            for (int y = fromYear; y <= toYear; y++) {
                LocalDate a31 = Dates.yearEnd(y);
                for (CareEpisode e : c.care) if (openAt(e.decom, e.dec, a31)) { cla31[y - fromYear]++; break; }
            }
            // children starting to be looked after: each child once a year, at the first period of care (RNE S) starting
            // in it, with the legal status of that period's first episode (measures.md cla_starts; no short breaks here)
            CareEpisode[] first = new CareEpisode[cla31.length];
            for (CareEpisode e : c.care) {
                if (!"S".equals(e.rne)) continue;
                int j = idx(e.decom);
                if (j >= 0 && (first[j] == null || e.decom.isBefore(first[j].decom))) first[j] = e;
            }
            for (int j = 0; j < first.length; j++) if (first[j] != null) { claStarts[j]++; if ("L1".equals(first[j].ls)) claStartsL1[j]++; }
        }
        story.accept(f);
        cla.accept(f);
    }

    /** generated value of an indicator for a year (NaN when there is no denominator) */
    public double value(String indicator, int year) {
        int i = year - fromYear;
        double popn = pop.population(year - 1) * scale;
        return switch (indicator) {
            case "cin_31mar_rate" -> cin31[i] / popn * 10_000;
            case "referrals_rate" -> referrals[i] / popn * 10_000;
            case "rereferrals_12m" -> pct(rereferrals[i], referrals[i]);
            case "assessments_45wd" -> pct(assess45[i], assessDone[i]);
            case "cpp_31mar_rate" -> cpp31[i] / popn * 10_000;
            case "cpp_repeat" -> pct(cppRepeat[i], cppStarts[i]);
            case "cla_31mar_rate" -> cla31[i] / popn * 10_000;
            case "cla_starts" -> claStarts[i] / scale;
            case "cla_starts_police_protection" -> pct(claStartsL1[i], claStarts[i]);
            // the dashboard's factor rows are rates: the episodes with factors per 10,000 children carry every factor's rate
            case "c3_episodes_rate" -> withFactors[i] / popn * 10_000;
            default -> {
                if (ClaCalibration.has(indicator)) yield cla.value(indicator, year);
                String code = FACTORS.get(indicator);
                if (code == null) throw new IllegalArgumentException(indicator);
                yield pct(byFactor.get(code)[i], withFactors[i]);
            }
        };
    }

    public long count(String what, int year) {
        int i = year - fromYear;
        return switch (what) {
            case "cin_31mar" -> cin31[i];
            case "referrals" -> referrals[i];
            case "cpp_31mar" -> cpp31[i];
            case "cpp_starts" -> cppStarts[i];
            case "cla_31mar" -> cla31[i];
            case "cla_starts" -> claStarts[i];
            default -> throw new IllegalArgumentException(what);
        };
    }

    private static double pct(long n, long d) { return d == 0 ? Double.NaN : 100.0 * n / d; }

    public record Target(String indicator, int year, double published) {}

    public static List<Target> targets() { return targets("/synth/published_targets.csv"); }

    /** B&D's factors identified at the end of assessment (c3), share of episodes with factors, by year. */
    public static List<Target> factorTargets() { return targets("/synth/published_factor_targets.csv"); }

    /** B&D's children looked after and care leavers indicators (percentages), by year. */
    public static List<Target> claTargets() { return targets("/synth/published_cla_targets.csv"); }

    private static List<Target> targets(String resource) {
        List<Target> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CalibrationReport.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line; boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) { header = false; continue; }
                String[] f = line.split(",", -1);
                out.add(new Target(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2])));
            }
        } catch (IOException e) { throw new UncheckedIOException(e); }
        return out;
    }

    public record Row(String indicator, int year, double generated, double published, double diffPct) {}

    private static void rowsTable(StringBuilder sb, List<Row> rows) {
        sb.append(String.format(Locale.ROOT, "%-41s %5s %10s %10s %8s%n", "indicator", "year", "generated", "published", "diff%"));
        int within = 0, total = 0;
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-41s %5d %10.1f %10.1f %+8.1f%s%n", r.indicator(), r.year(), r.generated(), r.published(), r.diffPct(),
                    Math.abs(r.diffPct()) <= 15 ? "" : "  *"));
            total++; if (Math.abs(r.diffPct()) <= 15) within++;
        }
        sb.append(String.format(Locale.ROOT, "within 15%%: %d of %d (* = outside)%n", within, total));
    }

    /** one row per published target inside the generated years */
    public List<Row> rows() { return rows(targets()); }

    /** the c3 factor shares beside B&D's, one row per target inside the generated years */
    public List<Row> factorRows() { return rows(factorTargets()); }

    /** the looked-after children and care leavers indicators beside B&D's, one row per target inside the generated years */
    public List<Row> claRows() { return rows(claTargets()); }

    private List<Row> rows(List<Target> targets) {
        List<Row> out = new ArrayList<>();
        for (Target t : targets) {
            if (t.year() < fromYear || t.year() > toYear) continue;
            double g = value(t.indicator(), t.year());
            out.add(new Row(t.indicator(), t.year(), g, t.published(), (g - t.published()) / t.published() * 100));
        }
        return out;
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        rowsTable(sb, rows());
        sb.append("factors identified at the end of assessment (the DfE's c3; national framework rows 26-42), % of episodes with factors,\n"
                + "and the episodes with factors per 10,000 children (c3_episodes_rate: every factor's rate is its share of these):\n");
        rowsTable(sb, factorRows());
        sb.append("children looked after and care leavers (DfE la_cla_* and la_care_leavers_* files), %:\n");
        rowsTable(sb, claRows());
        sb.append("their denominators (at this scale):\n").append(cla.counts());
        TreeMap<Integer, String> counts = new TreeMap<>();
        for (int y = fromYear; y <= toYear; y++)
            counts.put(y, String.format(Locale.ROOT, "%d: referrals %d, CIN 31 Mar %d, CPP starts %d, CPP 31 Mar %d, CLA starts %d, CLA 31 Mar %d",
                    y, referrals[y - fromYear], cin31[y - fromYear], cppStarts[y - fromYear], cpp31[y - fromYear], claStarts[y - fromYear], cla31[y - fromYear]));
        sb.append("counts (at this scale):\n");
        for (String s : counts.values()) sb.append("  ").append(s).append('\n');
        sb.append("the borough's Ofsted and scrutiny report figures (reference.md 5.7), generated vs published at the date each gives:\n");
        sb.append(story.table());
        return sb.toString();
    }
}
