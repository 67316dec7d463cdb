package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Local trackers that no statutory return holds, written under {@code local/} from the same journeys, in
 * exactly the columns of {@code data-schemas/inputs/local/<tracker>.yaml} (the templates a council fills in).
 * Only events up to the horizon. Caseloads are per-worker snapshots counted from the simulated allocations.
 */
public final class LocalTrackerWriter implements Consumer<Family>, AutoCloseable {
    private static final String[] TEAMS = {"Assessment A", "Assessment B", "Child in Need", "Child Protection",
            "Children in Care", "Leaving Care"};
    // the council's caseload targets by team (B&D: "average about 1:20 in assessment and intervention"); with the pool of
    // Params.socialWorkersPer10k this puts a quarter of case-holding workers over target (39 of 157 in January 2024, 5.7)
    private static final int[] TEAM_TARGETS = {20, 20, 18, 17, 16, 22};

    private final Csv police, strategy, supervision, caseloads, homeless, unregistered, permanence, earlyHelp, preProc;
    private final LocalDate horizon, supervisionFrom;
    private final List<LocalDate> caseloadDates = new ArrayList<>();
    /** worker -> as-at date -> children allocated */
    private final Map<String, Map<LocalDate, Integer>> held = new TreeMap<>();

    public LocalTrackerWriter(Path root, String la, LocalDate horizon) {
        this.horizon = horizon;
        // the last three years, whole reporting years from 1 April, so the scrutiny report's date (end January 2024)
        // is inside the trackers of the default drop (collection years to 2026)
        this.supervisionFrom = horizon.minusYears(3).plusDays(1);
        // caseloads are counted at every month end of those years, as councils report them monthly
        for (LocalDate d = supervisionFrom.plusMonths(1).minusDays(1); !d.isAfter(horizon);
             d = d.plusDays(1).plusMonths(1).minusDays(1)) caseloadDates.add(d);
        if (!caseloadDates.contains(horizon)) caseloadDates.add(horizon);
        police = new Csv(root, "local/police_protection_events.csv",
                "child_id,family_id,sibling_group_id,event_datetime,accommodated_by_la,end_datetime");
        strategy = new Csv(root, "local/strategy_discussions.csv",
                "child_id,family_id,referral_date,strategy_date,police_attended,health_attended,education_attended,outcome,team,worker_id");
        supervision = new Csv(root, "local/supervisions.csv",
                "child_id,supervision_date,supervision_type,case_start_date,case_end_date,team,worker_id,supervisor_id");
        caseloads = new Csv(root, "local/caseloads.csv", "worker_id,team,children_held,team_target,as_at_date,case_holding,fte");
        homeless = new Csv(root, "local/homelessness_16_17.csv",
                "child_id,presentation_date,age_at_presentation,assessment_date,outcome,outcome_date,seen_by_childrens_rights_officer");
        unregistered = new Csv(root, "local/unregistered_placements.csv",
                "child_id,age_at_start,placement_start,placement_end,setting,ofsted_notified_date,dols_authorised");
        permanence = new Csv(root, "local/permanence_planning.csv", "child_id,meeting_date,permanence_plan,life_story_work_started");
        earlyHelp = new Csv(root, "local/early_help.csv",
                "child_id,family_id,episode_start,episode_end,reason,end_reason,stepped_up,stepped_down,team");
        preProc = new Csv(root, "local/pre_proceedings.csv",
                "child_id,family_id,pp_start_date,initial_meeting_date,letter_before_proceedings_date,pp_end_date,outcome");
    }

    private boolean ok(LocalDate d) { return d != null && !d.isAfter(horizon); }
    private String d(LocalDate x) { return ok(x) ? x.toString() : ""; }
    private static String yn(boolean b) { return b ? "Y" : "N"; }

    private static int teamOf(String worker) {
        return Math.floorMod(worker.hashCode(), TEAMS.length);
    }

    /** the caseload target of the worker's team (the tracker's team_target) */
    static int teamTarget(String worker) { return TEAM_TARGETS[teamOf(worker)]; }

    /** CIN census PPOutcome letters as the tracker's outcome words (C: the case went to court). */
    private static String ppOutcome(String letter) {
        if (letter == null) return "";
        return switch (letter) {
            case "C" -> "issued_proceedings";
            case "A" -> "stepped_down";
            default -> "other";
        };
    }

    @Override
    public void accept(Family f) {
        for (PoliceProtection p : f.policeProtections) {
            if (!ok(p.date)) continue;
            String group = p.childIds.size() > 1 ? f.familyId + "-" + p.date : "";
            for (String id : p.childIds) police.row(id, f.familyId, group, p.date + " " + p.time, "Y", "");
        }
        for (PreProceedings p : f.preProceedings) {
            if (!ok(p.ppStart)) continue;
            boolean ended = ok(p.stepDecision);
            preProc.row(p.childId, f.familyId, p.ppStart, d(p.initialMeeting), d(p.lbpSent), ended ? p.stepDecision : "",
                    ended ? ppOutcome(p.outcome) : "");
        }
        for (Child c : f.children) {
            for (Referral r : c.referrals) {
                if (r.strategyDiscussion != null && ok(r.strategyDiscussion)) {
                    strategy.row(c.childId, f.familyId, r.referralDate, r.strategyDiscussion, yn(r.strategyPoliceAttended),
                            "", "", r.s47s.isEmpty() ? "cin_assessment" : "s47", "", "");
                }
            }
            // supervision is a snapshot measure (latest within 28 / 56 days): only the last three years are written
            for (Supervision s : c.supervisions) {
                if (ok(s.date) && !s.date.isBefore(supervisionFrom)) {
                    supervision.row(c.childId, s.date, "case_supervision", "", "", TEAMS[teamOf(s.swId)], s.swId, "");
                }
            }
            for (SwAllocation a : c.socialWorkers) {
                if (!ok(a.start)) continue;
                for (LocalDate at : caseloadDates) {
                    if (!a.start.isAfter(at) && (a.end == null || a.end.isAfter(at))) {
                        held.computeIfAbsent(a.swId, k -> new TreeMap<>()).merge(at, 1, Integer::sum);
                    }
                }
            }
            for (HomelessPresentation h : c.homeless) {
                if (!ok(h.date)) continue;
                LocalDate outcomeDate = h.date.plusDays(7);
                homeless.row(c.childId, h.date, ChronoUnit.YEARS.between(c.dob, h.date), h.date.plusDays(2), h.outcome,
                        d(outcomeDate), yn(h.seenByRightsOfficer));
            }
            for (UnregisteredPlacement u : c.unregistered) {
                if (ok(u.start)) {
                    unregistered.row(c.childId, ChronoUnit.YEARS.between(c.dob, u.start), u.start, "",
                            "unregistered setting (903 placement " + u.place + ")", d(u.notified), "");
                }
            }
            for (PermanenceMeeting m : c.permanenceMeetings) {
                if (ok(m.date)) permanence.row(c.childId, m.date, m.plan, "Y");
            }
            for (EarlyHelp e : c.earlyHelp) {
                if (!ok(e.start)) continue;
                boolean stepUp = "5D".equals(e.source);   // ended by a referral from early help
                boolean stepDown = "RC9".equals(e.source); // began when a CIN episode closed to early help
                boolean ended = ok(e.end);
                earlyHelp.row(c.childId, f.familyId, e.start, ended ? e.end : "", stepDown ? "step-down after assessment" : "family support",
                        ended ? (stepUp ? "stepped_up" : "needs_met") : "", yn(stepUp && ended), yn(stepDown), "Early Help");
            }
        }
    }

    public long rows() {
        return police.rows + strategy.rows + supervision.rows + caseloads.rows + homeless.rows + unregistered.rows
                + permanence.rows + earlyHelp.rows + preProc.rows;
    }

    @Override
    public void close() {
        for (Map.Entry<String, Map<LocalDate, Integer>> w : held.entrySet()) {
            int team = teamOf(w.getKey());
            for (Map.Entry<LocalDate, Integer> e : w.getValue().entrySet()) {
                caseloads.row(w.getKey(), TEAMS[team], e.getValue(), TEAM_TARGETS[team], e.getKey(), "Y", "1.0");
            }
        }
        for (Csv c : new Csv[]{police, strategy, supervision, caseloads, homeless, unregistered, permanence, earlyHelp, preProc}) c.close();
    }
}
