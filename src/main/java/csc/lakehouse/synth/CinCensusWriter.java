package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Writes cin_census/cin_census_YYYY.xml for each collection year, one child at a time. Each census holds the CIN
 * episodes open at any time in its year, seen as at its 31 March: later events are not there yet, and items that ended
 * before the year are not re-reported. Schema of the year (reference.md 1.1, 1.2): GenderCurrent up to 2024, Sex from
 * 2025; CINPlanDates from 2022; PreProceedingsandFGDM from 2027.
 */
public final class CinCensusWriter implements Consumer<Family>, AutoCloseable {
    private final int fromYear, toYear;
    private final String la;
    private final BufferedWriter[] out;
    private final String[] rel;
    private final Dirty dirty;
    public long rows;   // child-level items written (Child, CINdetails, Assessments, factors, plans, S47s, CPPs, reviews)

    public CinCensusWriter(Path root, String la, int fromYear, int toYear, Dirty dirty) {
        this.la = la; this.fromYear = fromYear; this.toYear = toYear; this.dirty = dirty;
        out = new BufferedWriter[toYear - fromYear + 1];
        rel = new String[out.length];
        try {
            Files.createDirectories(root.resolve("cin_census"));
            for (int y = fromYear; y <= toYear; y++) {
                rel[y - fromYear] = "cin_census/cin_census_" + y + ".xml";
                BufferedWriter w = Files.newBufferedWriter(root.resolve(rel[y - fromYear]), StandardCharsets.UTF_8);
                out[y - fromYear] = w;
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n    <Header>\n        <CollectionDetails>\n");
                w.write("            <Collection>CIN</Collection>\n            <Year>" + y + "</Year>\n");
                w.write("            <ReferenceDate>" + Dates.yearEnd(y) + "</ReferenceDate>\n        </CollectionDetails>\n");
                w.write("        <Source>\n            <SourceLevel>L</SourceLevel>\n            <LEA>" + la + "</LEA>\n");
                w.write("            <SoftwareCode>csc-lakehouse synth</SoftwareCode>\n            <Release>1</Release>\n");
                w.write("            <SerialNo>001</SerialNo>\n            <DateTime>" + y + "-05-15T09:00:00</DateTime>\n        </Source>\n    </Header>\n    <Children>\n");
            }
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    static boolean inYear(Referral r, LocalDate s, LocalDate e) {
        return !r.referralDate.isAfter(e) && (r.closureDate == null || !r.closureDate.isBefore(s));
    }

    private static LocalDate asAt(LocalDate d, LocalDate e) { return d == null || d.isAfter(e) ? null : d; }

    @Override
    public void accept(Family f) {
        try {
            for (Child c : f.children) for (int y = fromYear; y <= toYear; y++) child(c, y);
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    private String bool(boolean v, String file) {
        if (dirty.inject(Dirty.P_BOOLEAN, file, "cin_census", "boolean_style")) return v ? "true" : "false";
        return v ? "1" : "0";
    }

    private void child(Child c, int y) throws IOException {
        LocalDate s = Dates.yearStart(y), e = Dates.yearEnd(y);
        boolean any = false;
        for (Referral r : c.referrals) if (inYear(r, s, e)) { any = true; break; }
        if (!any) return;
        String file = rel[y - fromYear];
        StringBuilder b = new StringBuilder(1024);
        b.append("        <Child>\n            <ChildIdentifiers>\n");
        b.append("                <LAchildID>").append(c.childId).append("</LAchildID>\n");
        long ageDays = ChronoUnit.DAYS.between(c.dob, e);
        if (ageDays >= 4 * 365 + 1 && !c.uasc) b.append("                <UPN>").append(c.upn).append("</UPN>\n");
        else b.append("                <UPNunknown>").append(c.uasc ? "UN2" : "UN1").append("</UPNunknown>\n");
        b.append("                <PersonBirthDate>").append(c.dob).append("</PersonBirthDate>\n");
        if (y <= 2024) b.append("                <GenderCurrent>").append(c.sex == 'M' ? "1" : "2").append("</GenderCurrent>\n");
        else b.append("                <Sex>").append(c.sex).append("</Sex>\n");
        b.append("            </ChildIdentifiers>\n            <ChildCharacteristics>\n");
        b.append("                <Ethnicity>").append(c.ethnicity).append("</Ethnicity>\n");
        b.append("                <Disabilities>\n                    <Disability>").append(c.disability == null ? "NONE" : c.disability)
                .append("</Disability>\n                </Disabilities>\n            </ChildCharacteristics>\n");
        rows++;
        for (Referral r : c.referrals) {
            if (!inYear(r, s, e)) continue;
            rows++;
            LocalDate close = asAt(r.closureDate, e);
            b.append("            <CINdetails>\n");
            b.append("                <CINreferralDate>").append(r.referralDate).append("</CINreferralDate>\n");
            String src = r.source;
            // at most one defect per CINdetails, so each trips exactly one rule
            boolean badSource = dirty.inject(Dirty.P_CODE, file, "cin_census", "invalid_code_for_year");
            if (badSource) src = y < 2023 ? "5D" : "11";
            b.append("                <ReferralSource>").append(src).append("</ReferralSource>\n");
            if (r.primaryNeed != null) b.append("                <PrimaryNeedCode>").append(r.primaryNeed).append("</PrimaryNeedCode>\n");
            if (close != null) {
                LocalDate shown = close;
                if (!badSource && close.isAfter(r.referralDate) && dirty.inject(Dirty.P_DATE, file, "cin_census", "date_order"))
                    shown = r.referralDate.minusDays(1 + dirty.nextInt(30));
                b.append("                <CINclosureDate>").append(shown).append("</CINclosureDate>\n");
                b.append("                <ReasonForClosure>").append(r.closureReason).append("</ReasonForClosure>\n");
            }
            Assessment a = r.assessment;
            if (a != null && !a.start.isAfter(e) && (a.authorised == null || a.authorised.isAfter(e) || !a.authorised.isBefore(s))) {
                rows++;
                LocalDate auth = asAt(a.authorised, e);
                b.append("                <Assessments>\n                    <AssessmentActualStartDate>").append(a.start).append("</AssessmentActualStartDate>\n");
                if (auth != null) {
                    b.append("                    <AssessmentAuthorisationDate>").append(auth).append("</AssessmentAuthorisationDate>\n");
                    b.append("                    <FactorsIdentifiedAtAssessment>\n");
                    for (String fct : a.factors) { b.append("                        <AssessmentFactors>").append(fct).append("</AssessmentFactors>\n"); rows++; }
                    b.append("                    </FactorsIdentifiedAtAssessment>\n");
                }
                b.append("                </Assessments>\n");
            }
            if (y >= 2022) for (CinPlan p : r.cinPlans) {
                if (p.start.isAfter(e) || (p.end != null && p.end.isBefore(s))) continue;
                rows++;
                b.append("                <CINPlanDates>\n                    <CINPlanStartDate>").append(p.start).append("</CINPlanStartDate>\n");
                LocalDate pe = asAt(p.end, e);
                if (pe != null) b.append("                    <CINPlanEndDate>").append(pe).append("</CINPlanEndDate>\n");
                b.append("                </CINPlanDates>\n");
            }
            for (S47 q : r.s47s) {
                if (q.start.isAfter(e)) continue;
                LocalDate icpc = asAt(q.icpc, e);
                if (icpc != null ? icpc.isBefore(s) : (q.icpc == null && q.start.isBefore(s))) continue;
                rows++;
                b.append("                <Section47>\n                    <S47ActualStartDate>").append(q.start).append("</S47ActualStartDate>\n");
                b.append("                    <InitialCPCtarget>").append(q.icpcTarget).append("</InitialCPCtarget>\n");
                if (icpc != null) b.append("                    <DateOfInitialCPC>").append(icpc).append("</DateOfInitialCPC>\n");
                b.append("                    <ICPCnotRequired>").append(bool(q.icpcNotRequired, file)).append("</ICPCnotRequired>\n");
                b.append("                </Section47>\n");
            }
            b.append("                <ReferralNFA>").append(bool(r.nfa, file)).append("</ReferralNFA>\n");
            for (Cpp p : r.cpps) {
                if (p.start.isAfter(e) || (p.end != null && p.end.isBefore(s))) continue;
                rows++;
                LocalDate pe = asAt(p.end, e);
                b.append("                <ChildProtectionPlans>\n                    <CPPstartDate>").append(p.start).append("</CPPstartDate>\n");
                if (pe != null) b.append("                    <CPPendDate>").append(pe).append("</CPPendDate>\n");
                b.append("                    <InitialCategoryOfAbuse>").append(p.initialCategory).append("</InitialCategoryOfAbuse>\n");
                b.append("                    <LatestCategoryOfAbuse>").append(p.latestCategory).append("</LatestCategoryOfAbuse>\n");
                b.append("                    <NumberOfPreviousCPP>").append(p.previousCpps).append("</NumberOfPreviousCPP>\n");
                boolean rv = false;
                for (LocalDate d : p.reviews) {
                    if (d.isBefore(s) || d.isAfter(e) || (pe != null && d.isAfter(pe))) continue;
                    if (!rv) { b.append("                    <Reviews>\n"); rv = true; }
                    b.append("                        <CPPreviewDate>").append(d).append("</CPPreviewDate>\n");
                    rows++;
                }
                if (rv) b.append("                    </Reviews>\n");
                b.append("                </ChildProtectionPlans>\n");
            }
            PreProceedings pp = r.preProceedings;
            if (y >= 2027 && pp != null && !pp.ppStart.isAfter(e) && (pp.stepDecision == null || !pp.stepDecision.isBefore(s))) {
                rows++;
                b.append("                <PreProceedingsandFGDM>\n");
                b.append("                    <PPStartDate>").append(pp.ppStart).append("</PPStartDate>\n");
                if (asAt(pp.lbpSent, e) != null) b.append("                    <LBPSentDate>").append(pp.lbpSent).append("</LBPSentDate>\n");
                b.append("                    <FGDMMeetingOffer>").append(pp.fgdmOffered ? "1" : "0").append("</FGDMMeetingOffer>\n");
                b.append("                    <FGDMMeetingFac>").append(pp.fgdmFacilitated ? "1" : "0").append("</FGDMMeetingFac>\n");
                if (asAt(pp.initialMeeting, e) != null) b.append("                    <InitialPPMeetingDate>").append(pp.initialMeeting).append("</InitialPPMeetingDate>\n");
                b.append("                    <ReviewMeetingsCount>").append(pp.reviewMeetings).append("</ReviewMeetingsCount>\n");
                if (asAt(pp.stepDecision, e) != null) {
                    b.append("                    <StepDecisionDate>").append(pp.stepDecision).append("</StepDecisionDate>\n");
                    b.append("                    <PPOutcome>").append(pp.outcome).append("</PPOutcome>\n");
                }
                if (asAt(pp.courtApp, e) != null) b.append("                    <CourtAppDate>").append(pp.courtApp).append("</CourtAppDate>\n");
                b.append("                </PreProceedingsandFGDM>\n");
            }
            b.append("            </CINdetails>\n");
        }
        b.append("        </Child>\n");
        out[y - fromYear].write(b.toString());
    }

    @Override
    public void close() {
        try {
            for (BufferedWriter w : out) { w.write("    </Children>\n</Message>\n"); w.close(); }
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
