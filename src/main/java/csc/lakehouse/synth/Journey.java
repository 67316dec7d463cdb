package csc.lakehouse.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The journey model: what happened to one family and its children, as dated events. Writers (CIN census, SSDA903,
 * Annex A, local trackers, calibration) read these objects; nothing here knows about file formats.
 * Plain mutable holders with public fields: the simulator builds them, everyone else only reads them.
 */
public final class Journey {
    private Journey() {}

    /** A sibling group living together; children referred together share the family id. */
    public static final class Family {
        public final String laCode;
        public final String familyId;
        public final List<Child> children = new ArrayList<>();
        /** police-protection events (a sibling group removed together is one event with several children) */
        public final List<PoliceProtection> policeProtections = new ArrayList<>();
        public final List<PreProceedings> preProceedings = new ArrayList<>();
        public Family(String laCode, String familyId) { this.laCode = laCode; this.familyId = familyId; }
    }

    public static final class Child {
        public final String childId;      // LAchildID / CHILD
        public final Family family;
        public LocalDate dob;
        public char sex;                  // 'M' / 'F'
        public String ethnicity;
        public String upn;
        public String disability;         // null = NONE
        public boolean uasc;
        public final List<Referral> referrals = new ArrayList<>();
        public final List<CareEpisode> care = new ArrayList<>();
        public final List<LocalDate> reviews = new ArrayList<>();
        public final List<Missing> missing = new ArrayList<>();
        public final List<Supervision> supervisions = new ArrayList<>();
        public final List<SwAllocation> socialWorkers = new ArrayList<>();
        public final List<HomelessPresentation> homeless = new ArrayList<>();
        public final List<EarlyHelp> earlyHelp = new ArrayList<>();
        public final List<PermanenceMeeting> permanenceMeetings = new ArrayList<>();
        /** first placement under 16 in an unregistered setting, with Ofsted notification date */
        public final List<UnregisteredPlacement> unregistered = new ArrayList<>();
        public Child(String childId, Family family) { this.childId = childId; this.family = family; }
    }

    /** A CIN census CINdetails: referral to closure. */
    public static final class Referral {
        public LocalDate referralDate;
        public String source;             // ReferralSource
        public String primaryNeed;        // null when NFA
        public boolean nfa;
        public LocalDate closureDate;     // null = open beyond the simulation
        public String closureReason;
        public Assessment assessment;     // at most one per episode in this model
        public final List<CinPlan> cinPlans = new ArrayList<>();
        public final List<S47> s47s = new ArrayList<>();
        public final List<Cpp> cpps = new ArrayList<>();
        public LocalDate contactDate;     // the contact that became the referral (Annex A List 1)
        public LocalDate strategyDiscussion; // local tracker; equals the first S47 start when there is one
        public boolean strategyPoliceAttended;
        public PreProceedings preProceedings;
    }

    public static final class Assessment {
        public LocalDate start;
        public LocalDate authorised;      // null = not completed
        public final List<String> factors = new ArrayList<>();
    }

    public static final class CinPlan { public LocalDate start; public LocalDate end; }

    public static final class S47 {
        public LocalDate start;           // = strategy discussion date
        public LocalDate icpcTarget;
        public LocalDate icpc;            // null = none held
        public boolean icpcNotRequired;
    }

    public static final class Cpp {
        public LocalDate start;
        public LocalDate end;
        public String initialCategory;
        public String latestCategory;
        public int previousCpps;
        public final List<LocalDate> reviews = new ArrayList<>();
    }

    /** One SSDA903 episode. */
    public static final class CareEpisode {
        public LocalDate decom;
        public String rne;
        public String ls;
        public String cin;                // category of need N1..N8
        public String place;
        public String provider;           // null for Z1 etc.
        public LocalDate dec;             // null = open
        public String rec;
        public String reasonPlaceChange;
        public String urn;
        public String homePost;
        public String plPost;
    }

    public static final class Missing { public String type; public LocalDate start; public LocalDate end; }

    /** Police protection event: several children of one family can be removed together, often out of hours. */
    public static final class PoliceProtection {
        public LocalDate date;
        public String time;               // HH:mm
        public final List<String> childIds = new ArrayList<>();
        public boolean enteredCare;
    }

    public static final class PreProceedings {
        public String childId;
        public LocalDate ppStart, lbpSent, initialMeeting, stepDecision, courtApp;
        public boolean fgdmOffered, fgdmFacilitated;
        public int reviewMeetings;
        public String outcome;            // A/B/C
    }

    public static final class Supervision { public LocalDate date; public String swId; }
    public static final class SwAllocation { public String swId; public LocalDate start; public LocalDate end; public String reason; }
    public static final class HomelessPresentation { public LocalDate date; public String outcome; public boolean seenByRightsOfficer; }
    public static final class EarlyHelp { public LocalDate start; public LocalDate end; public String source; }
    public static final class PermanenceMeeting { public LocalDate date; public String plan; }
    public static final class UnregisteredPlacement { public LocalDate start; public LocalDate notified; public String place; }
}
