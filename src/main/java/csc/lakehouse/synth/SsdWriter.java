package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The demo borough's Standard Safeguarding Dataset extract, {@code ssd/<table>.csv}, from the same journeys as its
 * returns and trackers: the case-management system as at the horizon (31 March of the last year), with the six years
 * of history an SSD holds (items open at any time since 1 April of the first of the last six collection years). Column names as in the SSD specification. Visits, contacts that did not become referrals and worker
 * details are not in the journeys and are drawn here, from a generator seeded by (seed, child).
 *
 * <p>The system and the returns differ the way they do in a council, and each difference is listed in
 * {@code _ssd_differences.csv} (ignored by ingest) so the return reconciliation can be checked against it:
 * <ul>
 *   <li>{@code late_recorded_closure}: a referral closed in the first weeks of April was recorded late and
 *       back-dated into March: the return of the year before showed it open, the system shows it closed then;</li>
 *   <li>{@code corrected_date}: an assessment's authorisation date corrected in the system after the return.</li>
 * </ul>
 */
public final class SsdWriter implements Consumer<Family>, AutoCloseable {
    private static final String[] TEAMS = {"Assessment A", "Assessment B", "Child in Need", "Child Protection",
            "Children in Care", "Leaving Care"};
    private static final String[] SOURCES = {"1A", "1B", "2A", "2B", "3A", "3B", "3E", "4", "5A", "5C", "6", "8"};

    private final long seed;
    private final LocalDate horizon;
    private final int fromYear;
    private final LocalDate since;
    private final Csv person, contacts, cinEpisodes, assessments, s47, cinPlans, cpPlans, cpVisits, cinVisits,
            claEpisodes, claVisits, missing, involvements, professionals, differences;
    private final Map<String, String> workers = new TreeMap<>();
    private long contactSeq, visitSeq, involvementSeq;

    public SsdWriter(Path root, long seed, LocalDate horizon, int fromYear) {
        this.seed = seed;
        this.horizon = horizon;
        // the SSD holds about six years of history: the last six collection years, or fewer when the drop has fewer
        this.fromYear = Math.max(fromYear, Dates.collectionYear(horizon) - 5);
        this.since = Dates.yearStart(this.fromYear);
        person = new Csv(root, "ssd/ssd_person.csv",
                "pers_person_id,pers_forename,pers_surname,pers_sex,pers_gender,pers_ethnicity,pers_dob,pers_upn_unknown");
        contacts = new Csv(root, "ssd/ssd_contacts.csv",
                "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_outcome_json");
        cinEpisodes = new Csv(root, "ssd/ssd_cin_episodes.csv",
                "cine_referral_id,cine_person_id,cine_referral_date,cine_cin_primary_need_code,cine_referral_source_code,"
                        + "cine_referral_nfa,cine_close_reason,cine_close_date,cine_referral_team,cine_referral_worker_id");
        assessments = new Csv(root, "ssd/ssd_cin_assessments.csv",
                "cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_auth_date,cina_assessment_child_seen");
        s47 = new Csv(root, "ssd/ssd_s47_enquiry.csv",
                "s47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_nfa");
        cinPlans = new Csv(root, "ssd/ssd_cin_plans.csv",
                "cinp_cin_plan_id,cinp_referral_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date");
        cpPlans = new Csv(root, "ssd/ssd_cp_plans.csv",
                "cppl_cp_plan_id,cppl_referral_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,"
                        + "cppl_cp_plan_initial_category,cppl_cp_plan_latest_category");
        cpVisits = new Csv(root, "ssd/ssd_cp_visits.csv",
                "cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen,cppv_cp_visit_seen_alone");
        cinVisits = new Csv(root, "ssd/ssd_cin_visits.csv",
                "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date,cinv_cin_visit_seen,cinv_cin_visit_seen_alone");
        claEpisodes = new Csv(root, "ssd/ssd_cla_episodes.csv",
                "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,"
                        + "clae_cla_primary_need_code,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_cla_id");
        claVisits = new Csv(root, "ssd/ssd_cla_visits.csv",
                "clav_cla_visit_id,clav_cla_id,clav_person_id,clav_cla_visit_date,clav_cla_visit_seen,clav_cla_visit_seen_alone");
        missing = new Csv(root, "ssd/ssd_missing.csv",
                "miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,"
                        + "miss_missing_episode_end_date,miss_missing_rhi_offered,miss_missing_rhi_accepted");
        involvements = new Csv(root, "ssd/ssd_involvements.csv",
                "invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,"
                        + "invo_involvement_start_date,invo_involvement_end_date,invo_worker_change_reason,invo_person_id");
        professionals = new Csv(root, "ssd/ssd_professionals.csv",
                "prof_professional_id,prof_staff_id,prof_professional_name,prof_social_worker_registration_no,"
                        + "prof_professional_job_title,prof_professional_department,prof_full_time_equivalency");
        differences = new Csv(root, "_ssd_differences.csv",
                "kind,ssd_table,child_id,item_date,field,return_value,ssd_value");
    }

    private boolean ok(LocalDate d) { return d != null && !d.isAfter(horizon); }
    /** An item ending before the SSD's window is not in the extract. */
    private boolean inWindow(LocalDate end) { return end == null || end.isAfter(horizon) || !end.isBefore(since); }
    private String d(LocalDate x) { return ok(x) ? x.toString() : ""; }
    private static String yn(boolean b) { return b ? "Y" : "N"; }
    private static String team(String worker) { return TEAMS[Math.floorMod(worker.hashCode(), TEAMS.length)]; }

    @Override
    public void accept(Family f) {
        for (Child c : f.children) {
            SplittableRandom r = new SplittableRandom(Simulator.mix(seed, c.childId.hashCode()));
            boolean inSystem = false;
            for (Referral ref : c.referrals) inSystem |= ok(ref.referralDate) && inWindow(ref.closureDate);
            for (CareEpisode e : c.care) inSystem |= ok(e.decom) && inWindow(e.dec);
            if (!inSystem) continue;
            person.row(c.childId, "Child", "Surname" + c.childId.length(), c.sex, c.sex == 'M' ? "1" : "2", c.ethnicity,
                    c.dob, c.upn == null ? "UN1" : "");
            for (Referral ref : c.referrals) referral(c, ref, r);
            care(c, r);
            for (Missing m : c.missing) {
                if (!ok(m.start) || !inWindow(m.end)) continue;
                boolean offered = ok(m.end) && r.nextDouble() < 0.85;
                missing.row(c.childId + "-M" + m.start, c.childId, m.start, m.type, d(m.end), ok(m.end) ? yn(offered) : "",
                        offered ? yn(r.nextDouble() < 0.65) : "");
            }
            for (SwAllocation a : c.socialWorkers) {
                if (!ok(a.start) || !inWindow(a.end)) continue;
                workers.putIfAbsent(a.swId, team(a.swId));
                involvements.row("I" + (++involvementSeq), a.swId, "SW", team(a.swId), a.start, d(a.end),
                        ok(a.end) && a.reason != null ? a.reason : "", c.childId);
            }
        }
    }

    private void referral(Child c, Referral ref, SplittableRandom r) {
        if (!ok(ref.referralDate) || !inWindow(ref.closureDate)) return;
        String id = c.childId + "-R" + ref.referralDate;
        // contacts: the one that became this referral, and earlier ones about the child that did not
        LocalDate contact = ref.contactDate != null && !ref.contactDate.isAfter(ref.referralDate) ? ref.contactDate : ref.referralDate;
        int earlier = r.nextInt(3);
        for (int i = 0; i < earlier; i++) {
            LocalDate when = contact.minusDays(20 + r.nextInt(300));
            if (when.isBefore(since)) continue;
            contacts.row("K" + (++contactSeq), c.childId, when + " " + String.format("%02d:%02d:00", 8 + r.nextInt(10), r.nextInt(60)),
                    SOURCES[r.nextInt(SOURCES.length)], "{\"NEW_REFERRAL_FLAG\":\"N\",\"NFA_FLAG\":\"Y\"}");
        }
        contacts.row("K" + (++contactSeq), c.childId, contact + " " + String.format("%02d:%02d:00", 8 + r.nextInt(10), r.nextInt(60)),
                ref.source, "{\"NEW_REFERRAL_FLAG\":\"Y\",\"NFA_FLAG\":\"N\"}");

        LocalDate closure = ok(ref.closureDate) ? ref.closureDate : null;
        // late-recorded closure: closed in the first 30 days of April, recorded late and back-dated into March
        if (closure != null && closure.getMonthValue() == 4 && closure.getDayOfMonth() <= 30
                && Dates.collectionYear(closure) - 1 >= fromYear && closure.getYear() <= horizon.getYear()
                && ref.referralDate.isBefore(LocalDate.of(closure.getYear(), 3, 20)) && r.nextDouble() < 0.5) {
            LocalDate backdated = LocalDate.of(closure.getYear(), 3, 28);
            differences.row("late_recorded_closure", "ssd_cin_episodes", c.childId, ref.referralDate, "closure_date", closure, backdated);
            closure = backdated;
        }
        String worker = c.socialWorkers.isEmpty() ? "" : c.socialWorkers.get(0).swId;
        cinEpisodes.row(id, c.childId, ref.referralDate, ref.primaryNeed == null ? "" : ref.primaryNeed, ref.source,
                yn(ref.nfa), closure == null ? "" : ref.closureReason, closure == null ? "" : closure,
                worker.isEmpty() ? "" : team(worker), worker);
        if (!worker.isEmpty()) workers.putIfAbsent(worker, team(worker));
        if (ref.assessment != null && ok(ref.assessment.start)) {
            LocalDate auth = ok(ref.assessment.authorised) ? ref.assessment.authorised : null;
            if (auth != null && !ref.assessment.start.isBefore(since) && auth.plusDays(3).isBefore(horizon) && r.nextDouble() < 0.02) {
                LocalDate corrected = auth.plusDays(1 + r.nextInt(3));
                differences.row("corrected_date", "ssd_cin_assessments", c.childId, ref.assessment.start, "authorisation_date", auth, corrected);
                auth = corrected;
            }
            assessments.row(id + "-A", c.childId, id, ref.assessment.start, auth == null ? "" : auth, yn(r.nextDouble() < 0.9));
        }
        int n = 0;
        for (S47 s : ref.s47s) {
            if (!ok(s.start)) continue;
            LocalDate end = s.icpc != null ? s.icpc : s.start.plusDays(10 + r.nextInt(20));
            s47.row(id + "-S" + (++n), id, c.childId, s.start, d(end), yn(s.icpc == null && s.icpcNotRequired));
        }
        n = 0;
        for (CinPlan p : ref.cinPlans) {
            if (!ok(p.start)) continue;
            cinPlans.row(id + "-P" + (++n), id, c.childId, p.start, d(p.end));
            // CIN visits: the council's standard is every 20 working days; most are on time
            LocalDate v = p.start.plusDays(5 + r.nextInt(10));
            LocalDate until = ok(p.end) ? p.end : horizon;
            while (!v.isAfter(until)) {
                cinVisits.row("V" + (++visitSeq), c.childId, v, yn(r.nextDouble() < 0.95), yn(r.nextDouble() < 0.6));
                v = v.plusDays(14 + r.nextInt(r.nextDouble() < 0.85 ? 14 : 40));
            }
        }
        n = 0;
        for (Cpp p : ref.cpps) {
            if (!ok(p.start)) continue;
            String plan = id + "-CP" + (++n);
            cpPlans.row(plan, id, c.childId, p.start, d(p.end), p.initialCategory, p.latestCategory);
            // CP visits: every 10 working days by default; a share run late
            LocalDate v = p.start.plusDays(3 + r.nextInt(7));
            LocalDate until = ok(p.end) ? p.end : horizon;
            while (!v.isAfter(until)) {
                cpVisits.row("V" + (++visitSeq), c.childId, plan, v, yn(r.nextDouble() < 0.95), yn(r.nextDouble() < 0.7));
                v = v.plusDays(7 + r.nextInt(r.nextDouble() < 0.85 ? 8 : 20));
            }
        }
    }

    private void care(Child c, SplittableRandom r) {
        int period = 0;
        String periodId = null;
        for (CareEpisode e : c.care) {
            if (!ok(e.decom) || !inWindow(e.dec)) continue;
            if (periodId == null || "S".equals(e.rne)) periodId = c.childId + "-C" + (++period);
            LocalDate end = ok(e.dec) ? e.dec : null;
            claEpisodes.row(c.childId + "-E" + e.decom, c.childId, e.decom, e.rne, e.cin, end == null ? "" : end,
                    end == null ? "" : e.rec, periodId);
            // statutory visits: within a week of each placement, then every six weeks at most; a share late
            LocalDate v = e.decom.plusDays(1 + r.nextInt(8));
            LocalDate until = end != null ? end : horizon;
            while (!v.isAfter(until)) {
                claVisits.row("V" + (++visitSeq), periodId, c.childId, v, yn(r.nextDouble() < 0.97), yn(r.nextDouble() < 0.6));
                v = v.plusDays(28 + r.nextInt(r.nextDouble() < 0.9 ? 14 : 40));
            }
        }
    }

    public long rows() {
        long n = 0;
        for (Csv c : all()) n += c.rows;
        return n;
    }

    private Csv[] all() {
        return new Csv[]{person, contacts, cinEpisodes, assessments, s47, cinPlans, cpPlans, cpVisits, cinVisits,
                claEpisodes, claVisits, missing, involvements, professionals};
    }

    @Override
    public void close() {
        for (Map.Entry<String, String> w : workers.entrySet()) {
            int h = Math.floorMod(w.getKey().hashCode(), 10);
            professionals.row(w.getKey(), "S" + w.getKey(), "Worker " + w.getKey(), "SW" + (100000 + Math.floorMod(w.getKey().hashCode(), 900000)),
                    "Social Worker", w.getValue(), h < 2 ? "0.6" : h < 4 ? "0.8" : "1.0");
        }
        for (Csv c : all()) c.close();
        differences.close();
    }
}
