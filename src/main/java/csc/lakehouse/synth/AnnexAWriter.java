package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.*;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Ofsted Annex A workbook (Lists 1-11, column headings of reference.md 3.2) as at the last census date, streamed with
 * SXSSF. Coded answers carry letter prefixes ("b) Female"); with --dirty some are written without them.
 */
public final class AnnexAWriter implements Consumer<Family>, AutoCloseable {
    static final String[] COMMON = {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"};
    static final String[][] LISTS = {
            {"List 1", "Date of Contact", "Contact Source"},
            {"List 2", "Assessment start date", "Assessment completion date", "Organisation completing assessment"},
            {"List 3", "Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"},
            {"List 4", "Does the Child have a Disability", "Continuous Assessment Start Date", "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
                    "Was the child assessed as requiring LA children's social care support?", "Allocated Team", "Allocated Worker"},
            {"List 5", "Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date", "Was an ICPC deemed unnecessary?", "Date of ICPC",
                    "Did the ICPC result in a CP plan", "Number of S47 Enquiries in last 12 months", "Number of ICPCs in last 12 months", "Allocated Team", "Allocated Worker"},
            {"List 6", "Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date", "Reason for Closure", "Case Status",
                    "Allocated Team", "Allocated Worker"},
            // headings as in Ofsted's Annex A template (not the abbreviations "CPP Start Date" etc.: the reader
            // requires the template's "Child Protection Plan Start Date" and ignored the whole list)
            {"List 7", "Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse", "Date of the Last Statutory Visit",
                    "Was the Child Seen Alone?", "Date of latest review conference", "Child Protection Plan End Date",
                    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
                    "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"},
            {"List 8", "Does the Child have a Disability", "UASC within last 12 months (Y/N)", "Date Started to be Looked After", "Child's Category of Need",
                    "Second or subsequent period of LAC within 12 months (Y/N)", "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
                    "Date of Last Social Work Visit", "What is the permanence plan", "Date of Last IRO Visit/Contact", "Date of Last Health Assessment", "Date of Last Dental Check",
                    "Number of Placements in Last 12 months", "Date Ceased to be LA", "Reason Ceased", "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
                    "Placement postcode", "URN of Placement", "Placement Location (In/Out)", "LA of Placement", "Number of 'Missing' episodes in last 12 months",
                    "Number of 'Absent' episodes in last 12 months", "Return Interview offered (Y/N)", "Return Interview accepted (Y/N)", "Allocated Team", "Allocated Worker"},
            {"List 9", "Does the Child have a Disability", "Allocated Team", "Allocated Worker", "Eligibility Category", "LA in Touch", "Type of Accommodation",
                    "Suitability of Accommodation", "Activity Status", "UASC or formerly UASC if 18+ (Y/N)", "Allocated Personal Advisor", "Latest Pathway Plan Review Date", "Latest Date of Contact"},
            {"List 10", "Does the Child have a Disability", "Family identifier", "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption",
                    "Date of Placement Order", "Date of Matching", "Date Placed for Adoption", "Date of Adoption Order",
                    "Date of Decision that Child Should No Longer be Placed for Adoption", "Reason", "Date placed for fostering in FFA/concurrent planning"},
            {"List 11", "Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability", "FFA?", "Date enquiry received", "Stage 1 start date",
                    "Stage 1 end date", "Stage 2 start date", "Stage 2 end date", "Date application submitted", "Date application approved", "Date matched", "Date placed",
                    "No. of children placed", "Date of Adoption Order", "Date of leaving process", "Reason"}};

    private final SXSSFWorkbook wb = new SXSSFWorkbook(100);
    private final Sheet[] sheets = new Sheet[LISTS.length];
    private final int[] next = new int[LISTS.length];
    private final Path file;
    private final String rel;
    private final LocalDate asAt, from6m, from12m;
    private final Dirty dirty;

    public AnnexAWriter(Path root, LocalDate asAt, Dirty dirty) {
        this.asAt = asAt; this.from6m = asAt.minusMonths(6); this.from12m = asAt.minusMonths(12); this.dirty = dirty;
        this.rel = "annex_a/annex_a_" + asAt + ".xlsx";
        this.file = root.resolve(rel);
        for (int i = 0; i < LISTS.length; i++) {
            sheets[i] = wb.createSheet(LISTS[i][0]);
            Row h = sheets[i].createRow(next[i]++);
            int col = 0;
            if (i != 10) for (String c : COMMON) h.createCell(col++).setCellValue(c);
            for (int j = 1; j < LISTS[i].length; j++) h.createCell(col++).setCellValue(LISTS[i][j]);
        }
    }

    private void row(int list, Child c, Object... rest) {
        Row r = sheets[list].createRow(next[list]++);
        int col = 0;
        String gender = c.sex == 'M' ? "a) Male" : "b) Female";
        if (dirty.inject(Dirty.P_ANNEX, rel, "annex_a_list" + (list + 1), "annex_a_unprefixed")) gender = gender.substring(3);
        Object[] common = {c.childId, gender, "a) " + c.ethnicity, Dates.dmy(c.dob), age(c)};
        for (Object o : common) set(r, col++, o);
        for (Object o : rest) set(r, col++, o);
    }

    private static void set(Row r, int col, Object o) {
        if (o == null) return;
        if (o instanceof Number n) r.createCell(col).setCellValue(n.doubleValue());
        else if (o instanceof LocalDate d) r.createCell(col).setCellValue(Dates.dmy(d));
        else r.createCell(col).setCellValue(o.toString());
    }

    private long age(Child c) { return ChronoUnit.YEARS.between(c.dob, asAt); }
    private boolean in6(LocalDate d) { return d != null && !d.isBefore(from6m) && !d.isAfter(asAt); }
    private static String yn(boolean b) { return b ? "a) Yes" : "b) No"; }
    private static String worker(Child c) { return c.socialWorkers.isEmpty() ? "" : c.socialWorkers.get(c.socialWorkers.size() - 1).swId; }
    private static String dis(Child c) { return yn(c.disability != null); }

    @Override
    public void accept(Family f) {
        for (Child c : f.children) {
            if (c.dob.isAfter(asAt) || !c.dob.plusYears(18).isAfter(asAt)) continue;
            Referral latestOpen = null;
            for (Referral r : c.referrals) {
                if (r.referralDate.isAfter(asAt)) continue;
                long n12 = c.referrals.stream().filter(o -> o.referralDate.isBefore(r.referralDate) && !o.referralDate.isBefore(r.referralDate.minusMonths(12))).count();
                if (in6(r.contactDate)) row(0, c, r.contactDate, "a) " + r.source);
                if (in6(r.referralDate)) row(2, c, r.referralDate, "a) " + r.source, yn(r.nfa), n12, "Team A", worker(c));
                Assessment a = r.assessment;
                if (a != null && !a.start.isAfter(asAt) && (in6(a.start) || a.authorised == null || a.authorised.isAfter(asAt) || in6(a.authorised))) {
                    LocalDate au = a.authorised != null && !a.authorised.isAfter(asAt) ? a.authorised : null;
                    row(3, c, dis(c), a.start, yn(true), au, au == null ? null : yn(!r.cinPlans.isEmpty() || !r.cpps.isEmpty()), "Team A", worker(c));
                }
                for (S47 q : r.s47s) if (in6(q.start) || (q.icpc != null && in6(q.icpc)))
                    row(4, c, dis(c), q.start, yn(q.icpcNotRequired), q.icpc != null && !q.icpc.isAfter(asAt) ? q.icpc : null,
                            yn(!r.cpps.isEmpty() && q.icpc != null && !q.icpc.isAfter(asAt)), 1, q.icpc == null ? 0 : 1, "Team A", worker(c));
                if (!r.nfa && (r.closureDate == null || r.closureDate.isAfter(asAt) || in6(r.closureDate))) latestOpen = r;
                for (LocalDate d : c.earlyHelp.stream().map(x -> x.start).toList()) if (in6(d)) { row(1, c, d, null, "Early Help Team"); }
            }
            if (latestOpen != null) {
                Referral r = latestOpen;
                boolean closed = r.closureDate != null && !r.closureDate.isAfter(asAt);
                boolean lac = c.care.stream().anyMatch(e -> !e.decom.isAfter(asAt) && (e.dec == null || e.dec.isAfter(asAt)));
                boolean cp = r.cpps.stream().anyMatch(p -> !p.start.isAfter(asAt) && (p.end == null || p.end.isAfter(asAt)));
                boolean plan = r.cinPlans.stream().anyMatch(p -> !p.start.isAfter(asAt) && (p.end == null || p.end.isAfter(asAt)));
                String status = closed ? "e) Closed episode" : lac ? "a) LAC" : cp ? "b) CP plan" : plan ? "c) CIN plan" : "d) Open assessment";
                row(5, c, dis(c), r.referralDate, "a) " + r.primaryNeed, asAt.minusDays(Math.floorMod(c.childId.hashCode(), 20)), closed ? r.closureDate : null,
                        closed ? r.closureReason : null, status, "Team A", worker(c));
                for (Cpp p : r.cpps) {
                    if (p.start.isAfter(asAt) || (p.end != null && p.end.isBefore(from6m))) continue;
                    LocalDate lastRv = null;
                    for (LocalDate d : p.reviews) if (!d.isAfter(asAt)) lastRv = d;
                    boolean ppol = c.care.stream().anyMatch(e -> "S".equals(e.rne) && "L1".equals(e.ls) && in6(e.decom));
                    row(6, c, dis(c), p.start, p.initialCategory, p.latestCategory, asAt.minusDays(Math.floorMod(c.childId.hashCode(), 10)), yn(true), lastRv,
                            p.end != null && !p.end.isAfter(asAt) ? p.end : null, ppol ? "a) Yes" : "b) No", p.previousCpps, "Team A", worker(c));
                }
            }
            // List 8: latest period of care open now or ceased in the 6 months
            CareEpisode first = null, last = null;
            for (CareEpisode e : c.care) {
                if (e.decom.isAfter(asAt)) break;
                if ("S".equals(e.rne)) first = e;
                last = e;
            }
            if (first != null && (last.dec == null || last.dec.isAfter(from6m))) {
                boolean ceased = last.dec != null && !last.dec.isAfter(asAt);
                LocalDate lastReview = null;
                for (LocalDate d : c.reviews) if (!d.isAfter(asAt)) lastReview = d;
                CareEpisode ls = last;
                for (CareEpisode e : c.care) if (!e.decom.isBefore(first.decom) && !e.decom.isAfter(asAt) && e.ls.equals(last.ls)) { ls = e; break; }
                final LocalDate firstStart = first.decom;
                long placements = c.care.stream().filter(e -> !e.decom.isAfter(asAt) && !e.decom.isBefore(from12m) && !"L".equals(e.rne)).count();
                long missing = c.missing.stream().filter(m -> "M".equals(m.type) && !m.start.isBefore(from12m) && !m.start.isAfter(asAt)).count();
                long absent = c.missing.stream().filter(m -> "A".equals(m.type) && !m.start.isBefore(from12m) && !m.start.isAfter(asAt)).count();
                String perm = c.permanenceMeetings.isEmpty() ? null : c.permanenceMeetings.get(0).plan + ") ";
                row(7, c, dis(c), c.uasc ? "a) Yes" : "b) No", firstStart, first.cin, "b) No", ls.decom, ls.ls, lastReview, asAt.minusDays(Math.floorMod(c.childId.hashCode(), 40)),
                        perm, lastReview, null, null, Math.max(1, placements), ceased ? last.dec : null, ceased ? last.rec : null, last.decom, last.place,
                        last.provider, last.plPost, last.urn, last.plPost != null && last.plPost.startsWith("RM") || last.plPost != null && last.plPost.startsWith("IG11") ? "In" : "Out",
                        null, missing, absent, missing > 0 ? "a) Yes" : null, missing > 0 ? "b) No" : null, "Team B", worker(c));
                if ("E11".equals(last.rec) || "E12".equals(last.rec) || last.place.startsWith("A"))
                    row(9, c, dis(c), c.family.familyId, firstStart, firstStart.plusDays(120), firstStart.plusDays(240), last.place.startsWith("A") ? last.decom : null,
                            last.place.startsWith("A") ? last.decom : null, ceased ? last.dec : null, null, null, null);
            }
        }
        // List 9: care leavers aged 18-21 who were in care at 18
        for (Child c : f.children) {
            LocalDate eighteen = c.dob.plusYears(18);
            if (eighteen.isAfter(asAt) || !c.dob.plusYears(21).isAfter(asAt)) continue;
            boolean leaver = c.care.stream().anyMatch(e -> eighteen.equals(e.dec));
            if (leaver) row(8, c, dis(c), "Leaving Care", worker(c), "b) Former relevant child", "a) Yes", "U: Independent living", "a) Suitable", "F2", c.uasc ? "a) Yes" : "b) No", "PA01",
                    asAt.minusDays(60), asAt.minusDays(20));
        }
    }

    @Override
    public void close() {
        try {
            Files.createDirectories(file.getParent());
            wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(asAt.toEpochDay() * 86_400_000L)));
            Path tmp = file.resolveSibling("_" + file.getFileName() + ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp)) { wb.write(os); }
            wb.close();
            // re-zip with fixed entry times so the same seed gives the same bytes
            try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(tmp.toFile());
                 OutputStream os = Files.newOutputStream(file);
                 java.util.zip.ZipOutputStream zo = new java.util.zip.ZipOutputStream(os)) {
                for (java.util.zip.ZipEntry ze : java.util.Collections.list(zf.entries())) {
                    java.util.zip.ZipEntry out = new java.util.zip.ZipEntry(ze.getName());
                    out.setTime(315532800000L);
                    zo.putNextEntry(out);
                    try (java.io.InputStream in = zf.getInputStream(ze)) { in.transferTo(zo); }
                    zo.closeEntry();
                }
            }
            Files.delete(tmp);
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
