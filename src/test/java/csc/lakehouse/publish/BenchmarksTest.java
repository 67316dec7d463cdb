package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csc.lakehouse.spec.MeasureSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Extracts of the DfE files (2023-2025; England, London, B&D and its 2021 statistical neighbours). */
class BenchmarksTest {
    static Path dir() throws Exception {
        return Path.of(BenchmarksTest.class.getResource("/benchmarks").toURI());
    }

    @Test
    void mapsDfeFilesToMeasures() throws Exception {
        Benchmarks b = Benchmarks.load(dir(), "E09000002");
        assertEquals("Barking and Dagenham", b.laName());
        // England CIN 2025: 402,400 / 12,183,016 x 10,000 = 330.3 (LAIT CIN 2025 = 330.3)
        assertEquals(330.3, b.get("cin_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        // c1 England 2025 rereferral_percent 22.6
        assertEquals(22.6, b.get("rereferrals_12m", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        // d3 England 2025 CPP_subsequent_percent 24.5; d5 2_years_or_more_percent 2.3
        assertEquals(24.5, b.get("cpp_repeat", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(2.3, b.get("cpp_duration", "24m+", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        // CLA rate 2025: England 67, London 48
        assertEquals(67.0, b.get("cla_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(48.0, b.get("cla_31mar_rate", "Total", "202425", Benchmarks.REGION).value(), 1e-9);
        // B&D's region, from its own rows in the files
        assertEquals("London", b.regionName());
        assertEquals("London", b.label(Benchmarks.REGION));
        assertTrue(b.get("cla_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).source()
                .contains("cla_number_and_rate_per_10k_children.csv (2025)"));
    }

    @Test
    void statisticalNeighboursAreTheMeanOfPublishedValues() throws Exception {
        Benchmarks b = Benchmarks.load(dir(), "301");
        Benchmarks.Benchmark sn = b.get("rereferrals_12m", "Total", "202425", Benchmarks.SN);
        assertNotNull(sn);
        assertTrue(sn.source().contains("of 10 statistical neighbours"), sn.source());
        // B&D's ten 2021 neighbours and their c1 2025 rereferral_percent: Greenwich (203) 13.1, Enfield (308) 22.6,
        // Manchester (352) 18.4, Luton (821) 18.9, Birmingham (330) 20.7, Waltham Forest (320) 19.1, Slough (871) 20.7,
        // Nottingham (892) 27.2, Coventry (331) 18.5, Newham (316) 14.9: sum 194.1, mean 19.41 -> 19.4. B&D itself
        // (21.8) is not one of its own neighbours (with it: 215.9 / 11 = 19.6), nor is St. Helens (342, 19.8), which
        // is in the file but not in the list.
        assertEquals(19.4, sn.value(), 1e-9);
        // B&D's own published figure (21.8) is kept apart, to set beside the council's computed one
        assertEquals(21.8, b.published("rereferrals_12m", "Total", "202425"), 1e-9);
        assertNull(b.published("rereferrals_12m", "Total", "201819"));
        // the DfE dashboard's median of the same ten: sorted 13.1 14.9 18.4 18.5 18.9 | 19.1 20.7 20.7 22.6 27.2,
        // (18.9 + 19.1) / 2 = 19.0
        assertEquals(19.0, b.get("rereferrals_12m", "Total", "202425", Benchmarks.SN_MEDIAN).value(), 1e-9);
    }

    @Test
    void theCatalogueSaysWhichColumnIsWhichMeasure() throws Exception {
        // a catalogue whose only benchmark entry points rereferrals_12m at c1's no_further_action_percent column
        MeasureSpec catalogue = MeasureSpec.parse("""
            themes: {front_door: "Front door"}
            measures:
              - id: rereferrals_12m
                unit: percent
                theme: front_door
                title: "Re-referrals"
                definition: "a test entry"
                family: FrontDoorMeasures
                benchmark: {column: no_further_action_percent}
            """, "test");
        Benchmarks b = Benchmarks.load(dir(), "E09000002", catalogue);
        // c1 2025: England no_further_action_percent 6.5, London 7.9 (rereferral_percent would be 22.6 and 19.4)
        assertEquals(6.5, b.get("rereferrals_12m", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(7.9, b.get("rereferrals_12m", "Total", "202425", Benchmarks.REGION).value(), 1e-9);
        // nothing the catalogue does not name: b1's At31_episodes is no longer read as cin_31mar_rate
        assertTrue(b.forMeasure("cin_31mar_rate").isEmpty());
        assertEquals(java.util.Set.of("rereferrals_12m"),
                b.rows().stream().map(Benchmarks.Benchmark::measureId).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aWhereConditionKeepsOnlyItsRows() throws Exception {
        // police protection is the L1 row of the "Legal status" group: England 2025 percentage 9.0 (the Total row
        // beside it says 100)
        Benchmarks b = Benchmarks.load(dir(), "E09000002");
        assertEquals(9.0, b.get("cla_starts_police_protection", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        // the CLA rate file's population types (prefix matches): England 2025 starting 26, on 31 March 67; the
        // "ceasing" rows (28) are no measure's
        assertEquals(26.0, b.get("cla_starts_rate", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(67.0, b.get("cla_31mar_rate", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    }

    @Test
    void suppressionMarkersAreMissing() {
        assertNull(Benchmarks.number("c"));
        assertNull(Benchmarks.number("x"));
        assertNull(Benchmarks.number("low"));
        assertNull(Benchmarks.number("z"));
        assertEquals(12.5, Benchmarks.number("12.5"));
        assertEquals("202425", Benchmarks.trendsPeriod("2025"));
    }

    @Test
    void missingFolderGivesNoBenchmarks() {
        assertTrue(Benchmarks.load(Path.of("/nonexistent"), "301").rows().isEmpty());
    }

    @Test
    void careLeaverFilesGiveTheCareLeaverMeasures(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // England 2025 rows of la_care_leavers_activity.csv and la_care_leavers_accommodation_suitability.csv (DfE):
        // 17-18 EET 64 (9,430 of 14,800), 19-21 Total 38,440, 19-21 suitable 89. The two files share the columns
        // care_leaver_age, breakdown and care_leaver_percent: only the `where` of each entry tells them apart.
        String head = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                + "old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,care_leaver_percent\n";
        String eng = "2025,Reporting year,National,E92000001,England,,,,,,";
        java.nio.file.Files.writeString(tmp.resolve("la_care_leavers_activity.csv"), head
                + eng + "17 to 18 years,Total,14800,100\n"
                + eng + "17 to 18 years,\"Total in education, employment or training\",9430,64\n"
                + eng + "19 to 21 years,Total,38440,100\n");
        java.nio.file.Files.writeString(tmp.resolve("la_care_leavers_accommodation_suitability.csv"), head
                + eng + "19 to 21 years,Accommodation considered suitable,33810,89\n"
                + eng + "19 to 21 years,Suitability total,38060,100\n");
        Benchmarks b = Benchmarks.load(tmp, "E09000002");
        assertEquals(64.0, b.get("care_leavers_17_18_eet", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(38440.0, b.get("care_leavers_19_21", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(89.0, b.get("care_leavers_19_21_suitable_accommodation", "Total", "202425",
                Benchmarks.ENGLAND).value(), 1e-9);
        assertNull(b.get("care_leavers_19_21_eet", "Total", "202425", Benchmarks.ENGLAND));
    }

    @Test
    void eachFactorIsComparedWithItsOwnColumnOfTableC3(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // B&D's 2025 row of c3_factors_identified_at_end_of_assessment (DfE): 4,725 episodes with factors, neglect 601,
        // domestic abuse (parent) 1,557, privately fostered 12 (one column for 8B-8F: not compared); the 0-17
        // population of the CLA file's rows for B&D 2025 is 66,465. Rates per 10,000, one decimal place:
        // 4725 / 66465 x 10,000 = 710.90 -> 710.9; 601 -> 90.42 -> 90.4; 1557 -> 234.26 -> 234.3
        String area = "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,";
        java.nio.file.Files.writeString(tmp.resolve("c3.csv"), "time_period,time_identifier,geographic_level,country_code,"
                + "country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,"
                + "Episodes_with_assessment_factor,Domestic_Abuse_parent,Privately_fostered,Neglect\n"
                + area + "E09000002,Barking and Dagenham,Factors identified at the end of assessment,4725,1557,12,601\n");
        java.nio.file.Files.writeString(tmp.resolve("cla.csv"), "time_period,time_identifier,geographic_level,country_code,"
                + "country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,"
                + "children_count,rate_per_10000\n"
                + area + "Barking and Dagenham,E09000002,Children looked after on 31 March each year,66465,431,65\n");
        Benchmarks b = Benchmarks.load(tmp, "E09000002");
        assertEquals(710.9, b.published("assessment_factors_rate", "Total", "202425"), 1e-9);
        assertEquals(90.4, b.published("assessment_factors_rate", "16A", "202425"), 1e-9);
        assertEquals(234.3, b.published("assessment_factors_rate", "3B", "202425"), 1e-9);
        assertNull(b.published("assessment_factors_rate", "8B", "202425"));
        assertNull(b.published("assessment_factors_rate", "3A", "202425"));
    }

    @Test
    void theSdqAverageIsReadFromTheCountColumn(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // la_conviction_health_outcome_cla.csv, England 2025: the DfE puts the SDQ average (14.9) in children_count
        // (children_percent z); dental checks 81 (47,320 of 58,530)
        String head = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                + "old_la_code,la_name,new_la_code,characteristic,breakdown,children_count,children_percent\n";
        String eng = "2025,Reporting year,National,E92000001,England,,,,,,";
        java.nio.file.Files.writeString(tmp.resolve("la_conviction_health_outcome_cla.csv"), head
                + eng + "Ages 5 to 16 years with SDQ score,SDQ average score,14.9,z\n"
                + eng + "Health assessments: Children looked after all ages,Had their teeth checked by a dentist,47320,81\n"
                + eng + "Health assessments: Children looked after all ages,Total all ages,58530,100\n");
        Benchmarks b = Benchmarks.load(tmp, "E09000002");
        assertEquals(14.9, b.get("cla_12m_sdq_average", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(81.0, b.get("cla_12m_dental_check", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(58530.0, b.get("cla_12m_31mar", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
    }

    /**
     * An LA outside London is compared with its own region: a c1-shaped file with England, two regions and
     * Gateshead (390, North East). Gateshead's region is North East (value 25.0), never London's 19.4; an LA the
     * file holds no rows for (Camden, 202) takes its region from the LA code list (London).
     */
    @Test
    void theRegionIsTheLasOwn(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("c1.csv"), String.join("\n",
                "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,rereferral_percent",
                "2025,Reporting year,National,E92000001,England,,,,,,22.6",
                "2025,Reporting year,Regional,E92000001,England,E12000007,London,,,,19.4",
                "2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,,25.0",
                "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,390,E08000037,Gateshead,24.1",
                ""));
        Benchmarks gateshead = Benchmarks.load(tmp, "390");
        assertEquals("North East", gateshead.regionName());
        assertEquals(25.0, gateshead.get("rereferrals_12m", "Total", "202425", Benchmarks.REGION).value(), 1e-9);
        assertEquals(22.6, gateshead.get("rereferrals_12m", "Total", "202425", Benchmarks.ENGLAND).value(), 1e-9);
        assertEquals(1, gateshead.rows().stream().filter(r -> r.comparator().equals(Benchmarks.REGION)).count(),
                "only the LA's own region is a comparator");
        Benchmarks camden = Benchmarks.load(tmp, "202");
        assertEquals("London", camden.regionName());
        assertEquals(19.4, camden.get("rereferrals_12m", "Total", "202425", Benchmarks.REGION).value(), 1e-9);
    }

    /**
     * The 2025 statistical-neighbour model replaces April 2021's, whichever file is read first. B&D (301): 2021
     * neighbours 203, 308, 352; 2025 neighbours 308, 821, 313. c1 2025 rereferral_percent: 203 10.0, 308 20.0,
     * 352 30.0, 821 40.0, 313 70.0. 2025 model: mean (20 + 40 + 70) / 3 = 43.33 -> 43.3, median 40.0 (the 2021
     * model would give 20.0 and 20.0).
     */
    @Test
    void theTwentyTwentyFiveNeighbourModelWins(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("a_sn_model_2025_wide.csv"),
                "old_la_code,la_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P\n301,Barking and Dagenham,308,Close,821,Close,313,Close\n");
        java.nio.file.Files.writeString(tmp.resolve("z_New_Statistical_Neighbour_Groupings_April_2021.csv"),
                "LA num,LA Name,SN1,SN2,SN3\n301,Barking and Dagenham,203,308,352\n");
        StringBuilder c1 = new StringBuilder("time_period,time_identifier,geographic_level,country_code,country_name,"
                + "region_code,region_name,old_la_code,new_la_code,la_name,rereferral_percent\n");
        for (String[] la : new String[][] {{"203", "10.0"}, {"308", "20.0"}, {"352", "30.0"}, {"821", "40.0"}, {"313", "70.0"}}) {
            c1.append("2025,Reporting year,Local authority,E92000001,England,E12000001,North East,").append(la[0])
                    .append(",E0").append(la[0]).append(",LA ").append(la[0]).append(',').append(la[1]).append('\n');
        }
        java.nio.file.Files.writeString(tmp.resolve("c1.csv"), c1.toString());
        Benchmarks b = Benchmarks.load(tmp, "301");
        Benchmarks.Benchmark mean = b.get("rereferrals_12m", "Total", "202425", Benchmarks.SN);
        assertEquals(43.3, mean.value(), 1e-9);
        assertTrue(mean.source().contains("a_sn_model_2025_wide.csv"), mean.source());
        assertEquals(40.0, b.get("rereferrals_12m", "Total", "202425", Benchmarks.SN_MEDIAN).value(), 1e-9);

        // where B&D's 25.0 stands among the five other LAs (10, 20, 30, 40, 70) and itself: six LAs.
        // Higher is worse: 10 and 20 are better -> rank 3 of 6, band floor((3 - 1) x 4 / 6) = 1 -> B.
        assertEquals(new Benchmarks.Position(3, 6, 'B'), b.position("rereferrals_12m", "Total", "202425", 25.0, false));
        // Higher is better: 30, 40, 70 are better -> rank 4 of 6, floor(3 x 4 / 6) = 2 -> C; 40.0 ties with one LA
        // and shares the better rank: only 70 is better -> rank 2, floor(1 x 4 / 6) = 0 -> A
        assertEquals(new Benchmarks.Position(4, 6, 'C'), b.position("rereferrals_12m", "Total", "202425", 25.0, true));
        assertEquals(new Benchmarks.Position(2, 6, 'A'), b.position("rereferrals_12m", "Total", "202425", 40.0, true));
        // the best and the worst of six: A and D; no better direction, or a year with no LA values: no position
        assertEquals(new Benchmarks.Position(1, 6, 'A'), b.position("rereferrals_12m", "Total", "202425", 5.0, false));
        assertEquals(new Benchmarks.Position(6, 6, 'D'), b.position("rereferrals_12m", "Total", "202425", 99.0, false));
        assertNull(b.position("rereferrals_12m", "Total", "202425", 25.0, null));
        assertNull(b.position("rereferrals_12m", "Total", "202324", 25.0, false));
    }
}
