package csc.lakehouse.synth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** CIN census schema by year, 903 columns and date format, 903 episode continuity across every year of a clean drop. */
class SynthFormatTest {
    @TempDir static Path drop;
    static final int FROM = 2020, TO = 2025;

    @BeforeAll
    static void generate() throws Exception { SynthTestSupport.generate(drop, "0.1", FROM, TO, false); }

    static Document parse(Path p) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    }

    @Test
    void cinCensusFilesFollowTheSchemaOfTheirYear() throws Exception {
        for (int y = FROM; y <= TO; y++) {
            Document d = parse(drop.resolve("cin_census/cin_census_" + y + ".xml"));
            Element root = d.getDocumentElement();
            assertEquals("Message", root.getTagName());
            assertEquals(y + "-03-31", d.getElementsByTagName("ReferenceDate").item(0).getTextContent());
            int children = d.getElementsByTagName("Child").getLength();
            assertTrue(children > 100, "children in " + y + ": " + children);
            int gender = d.getElementsByTagName("GenderCurrent").getLength(), sex = d.getElementsByTagName("Sex").getLength();
            if (y <= 2024) { assertEquals(children, gender, "GenderCurrent " + y); assertEquals(0, sex); }
            else { assertEquals(children, sex, "Sex " + y); assertEquals(0, gender); }
            int plans = d.getElementsByTagName("CINPlanDates").getLength();
            if (y >= 2022) assertTrue(plans > 0, "CINPlanDates in " + y); else assertEquals(0, plans, "CINPlanDates in " + y);
            assertEquals(0, d.getElementsByTagName("PreProceedingsandFGDM").getLength());
            // rules: closure date <=> reason; dates not before the referral; one open CIN plan / CPP; CIN plan ends when a CPP starts
            NodeList eps = d.getElementsByTagName("CINdetails");
            for (int i = 0; i < eps.getLength(); i++) {
                Element e = (Element) eps.item(i);
                LocalDate ref = LocalDate.parse(text(e, "CINreferralDate"));
                assertEquals(text(e, "CINclosureDate") == null, text(e, "ReasonForClosure") == null);
                for (String tag : new String[]{"AssessmentActualStartDate", "CPPstartDate", "CINPlanStartDate", "S47ActualStartDate"})
                    for (String v : texts(e, tag)) assertFalse(LocalDate.parse(v).isBefore(ref), tag + " before referral");
                List<String> cppStarts = texts(e, "CPPstartDate");
                NodeList pl = e.getElementsByTagName("CINPlanDates");
                int openPlans = 0;
                for (int j = 0; j < pl.getLength(); j++) {
                    Element p = (Element) pl.item(j);
                    LocalDate s = LocalDate.parse(text(p, "CINPlanStartDate"));
                    String end = text(p, "CINPlanEndDate");
                    if (end == null) openPlans++;
                    for (String c : cppStarts) {
                        LocalDate cs = LocalDate.parse(c);
                        if (s.isBefore(cs)) assertTrue(end != null && !LocalDate.parse(end).isAfter(cs), "CIN plan runs on after CPP start");
                    }
                }
                assertTrue(openPlans <= 1);
                assertTrue(e.getElementsByTagName("ChildProtectionPlans").getLength() - e.getElementsByTagName("CPPendDate").getLength() <= 1);
            }
        }
    }

    static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    static List<String> texts(Element e, String tag) {
        List<String> out = new ArrayList<>();
        NodeList l = e.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    static final Pattern DMY = Pattern.compile("\\d{2}/\\d{2}/\\d{4}");
    static final DateTimeFormatter F = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Test
    void ssda903HeadersAndDates() throws Exception {
        for (int y = FROM; y <= TO; y++) {
            for (String[] t : Ssda903Writer.TABLES) {
                Path p = drop.resolve("ssda903/" + y + "/" + t[0] + ".csv");
                if (t[0].equals("sw_episodes") && y < 2024) { assertFalse(Files.exists(p)); continue; }
                List<String> lines = Files.readAllLines(p);
                assertEquals(t[1], lines.get(0), p.toString());
                String[] cols = t[1].split(",");
                for (String line : lines.subList(1, lines.size())) {
                    String[] v = line.split(",", -1);
                    assertEquals(cols.length, v.length, p + ": " + line);
                    for (int i = 0; i < cols.length; i++) {
                        boolean dateCol = cols[i].equals("DOB") || cols[i].startsWith("DATE_") || cols[i].equals("DECOM") || cols[i].equals("DEC")
                                || cols[i].equals("REVIEW") || cols[i].equals("DUC") || cols[i].startsWith("MIS_") || cols[i].startsWith("SW_DE");
                        if (dateCol && !v[i].isEmpty()) assertTrue(DMY.matcher(v[i]).matches(), p + " " + cols[i] + "=" + v[i]);
                    }
                    if (t[0].equals("header")) assertTrue(y <= 2024 ? v[1].matches("[12]") : v[1].matches("[MFU]"), "SEX " + y + " " + v[1]);
                }
            }
        }
    }

    record Ep(LocalDate decom, String rne, LocalDate dec, String rec) {}

    @Test
    void ssda903EpisodeContinuityHoldsInEveryYear() throws Exception {
        Map<String, Map<LocalDate, Ep>> byChild = new TreeMap<>();
        for (int y = FROM; y <= TO; y++) {
            List<String> lines = Files.readAllLines(drop.resolve("ssda903/" + y + "/episodes.csv"));
            Map<String, List<Ep>> thisYear = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                Ep e = new Ep(LocalDate.parse(v[1], F), v[2], v[7].isEmpty() ? null : LocalDate.parse(v[7], F), v[8]);
                if (e.dec() != null) assertTrue(e.dec().isAfter(e.decom()), "episode shorter than a day: " + line);
                assertTrue(Ssda903Writer.placeValid(v[5], y), "PLACE " + v[5] + " in " + y);
                thisYear.computeIfAbsent(v[0], k -> new ArrayList<>()).add(e);
                byChild.computeIfAbsent(v[0], k -> new TreeMap<>()).put(e.decom(), e);   // later year wins (re-reported)
            }
            for (Map.Entry<String, List<Ep>> c : thisYear.entrySet()) checkChain(c.getKey(), c.getValue(), false);
        }
        for (Map.Entry<String, Map<LocalDate, Ep>> c : byChild.entrySet()) checkChain(c.getKey(), new ArrayList<>(c.getValue().values()), true);
    }

    static void checkChain(String child, List<Ep> eps, boolean whole) {
        eps = eps.stream().sorted((a, b) -> a.decom().compareTo(b.decom())).toList();
        if (whole) assertEquals("S", eps.get(0).rne(), child + ": first episode must start a period");
        for (int i = 1; i < eps.size(); i++) {
            Ep a = eps.get(i - 1), b = eps.get(i);
            assertNotNull(a.dec(), child + ": an open episode is followed by another");
            if (a.rec().equals("X1")) {
                assertEquals(a.dec(), b.decom(), child + ": X1 must abut the next episode");
                assertNotEquals("S", b.rne(), child);
            } else {
                assertEquals("S", b.rne(), child + ": a new period must start with S");
                assertFalse(b.decom().isBefore(a.dec()), child + ": periods overlap");
            }
        }
    }
}
