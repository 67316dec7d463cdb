package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Local trackers that no statutory return holds, written under local/ from the same journeys (columns documented in
 * docs/generator.md; the data-schemas definitions may rename them later). Only events up to the horizon.
 */
public final class LocalTrackerWriter implements Consumer<Family>, AutoCloseable {
    private final Csv police, strategy, supervision, allocations, homeless, unregistered, permanence, earlyHelp, preProc;
    private final LocalDate horizon, supervisionFrom;
    private final String la;

    public LocalTrackerWriter(Path root, String la, LocalDate horizon) {
        this.horizon = horizon; this.la = la;
        this.supervisionFrom = horizon.minusYears(2).plusDays(1);
        police = new Csv(root, "local/police_protection.csv", "la_code,family_id,child_id,pp_date,pp_time,sibling_group_size,entered_care");
        strategy = new Csv(root, "local/strategy_discussions.csv", "la_code,child_id,referral_date,contact_date,strategy_discussion_date,police_attended,s47_initiated");
        supervision = new Csv(root, "local/supervisions.csv", "la_code,child_id,supervision_date,social_worker_id");
        allocations = new Csv(root, "local/caseload_allocations.csv", "la_code,child_id,social_worker_id,allocation_start,allocation_end,change_reason");
        homeless = new Csv(root, "local/homelessness_1617.csv", "la_code,child_id,presentation_date,age,outcome,seen_by_rights_officer");
        unregistered = new Csv(root, "local/unregistered_placements.csv", "la_code,child_id,placement_start,placement_type,ofsted_notified_date");
        permanence = new Csv(root, "local/permanence_planning.csv", "la_code,child_id,meeting_date,permanence_plan");
        earlyHelp = new Csv(root, "local/early_help.csv", "la_code,child_id,episode_start,episode_end,route");
        preProc = new Csv(root, "local/pre_proceedings.csv", "la_code,family_id,child_id,pp_start_date,lbp_sent_date,initial_meeting_date,fgdm_offered,fgdm_facilitated,review_meetings,step_decision_date,outcome,court_application_date");
    }

    private boolean ok(LocalDate d) { return d != null && !d.isAfter(horizon); }
    private String d(LocalDate x) { return ok(x) ? x.toString() : ""; }

    @Override
    public void accept(Family f) {
        for (PoliceProtection p : f.policeProtections) {
            if (!ok(p.date)) continue;
            for (String id : p.childIds) police.row(la, f.familyId, id, p.date, p.time, p.childIds.size(), "1");
        }
        for (PreProceedings p : f.preProceedings) {
            if (!ok(p.ppStart)) continue;
            preProc.row(la, f.familyId, p.childId, p.ppStart, d(p.lbpSent), d(p.initialMeeting), p.fgdmOffered ? "1" : "0", p.fgdmFacilitated ? "1" : "0",
                    p.reviewMeetings, d(p.stepDecision), ok(p.stepDecision) ? p.outcome : "", d(p.courtApp));
        }
        for (Child c : f.children) {
            for (Referral r : c.referrals) {
                if (r.strategyDiscussion != null && ok(r.strategyDiscussion))
                    strategy.row(la, c.childId, r.referralDate, r.contactDate, r.strategyDiscussion, r.strategyPoliceAttended ? "1" : "0", r.s47s.isEmpty() ? "0" : "1");
            }
            // supervision is a snapshot measure (latest within 28 / 56 days): only the last two collection years are written
            for (Supervision s : c.supervisions) if (ok(s.date) && !s.date.isBefore(supervisionFrom)) supervision.row(la, c.childId, s.date, s.swId);
            for (SwAllocation a : c.socialWorkers) if (ok(a.start)) allocations.row(la, c.childId, a.swId, a.start, d(a.end), a.reason);
            for (HomelessPresentation h : c.homeless) if (ok(h.date))
                homeless.row(la, c.childId, h.date, java.time.temporal.ChronoUnit.YEARS.between(c.dob, h.date), h.outcome, h.seenByRightsOfficer ? "1" : "0");
            for (UnregisteredPlacement u : c.unregistered) if (ok(u.start)) unregistered.row(la, c.childId, u.start, u.place, d(u.notified));
            for (PermanenceMeeting m : c.permanenceMeetings) if (ok(m.date)) permanence.row(la, c.childId, m.date, m.plan);
            for (EarlyHelp e : c.earlyHelp) if (ok(e.start)) earlyHelp.row(la, c.childId, e.start, d(e.end), e.source);
        }
    }

    public long rows() {
        return police.rows + strategy.rows + supervision.rows + allocations.rows + homeless.rows + unregistered.rows + permanence.rows + earlyHelp.rows + preProc.rows;
    }

    @Override
    public void close() {
        for (Csv c : new Csv[]{police, strategy, supervision, allocations, homeless, unregistered, permanence, earlyHelp, preProc}) c.close();
    }
}
