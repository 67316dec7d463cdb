package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.SilverWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.pseudonym;
import static csc.lakehouse.conform.ssda903.Ssda903Fixtures.EPISODE_HEADER;
import static csc.lakehouse.conform.ssda903.Ssda903Fixtures.bronze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class Ssda903RulesTest {
    @Test
    void episodeRulesQuarantineCountsByHand() {
        // 12 episode rows of the 2021 return (year end 31/03/2021), by hand:
        //  R1 x2   abutting, fine                                   kept
        //  R2      DECOM 31/02/2020                                 903-FMT-DECOM (also 903-REQ-DECOM)
        //  R3      PLACE K3 (valid from 2025 only)                  903-CODE-PLACE
        //  R4      DEC = DECOM                                      903-355
        //  R5      DEC before DECOM                                 903-END-BEFORE-START
        //  R6      L1 for 9 days                                    kept, warning 903-361
        //  R7 x2   second starts (01/02) before the first ends (15/03) kept, warning 903-OVERLAP on the later one
        //  R8      ends 15/04/2021, after the return's year end     kept, warning 903-DEC-AFTER-YEAR
        //  R9      H5 in 2021 (valid to 2024)                       kept
        //  (blank) no CHILD                                         903-REQ-CHILD
        // rows_in 12 = 7 kept + 5 quarantined; warnings 361 x1, DEC-AFTER-YEAR x1, OVERLAP x1.
        // Overlaps are a warning, not quarantine (measures.md): R7's later episode is the one open at 31 March 2021,
        // so quarantining it would drop R7 from the children looked after at 31 March. Open then (start <= 31/03/2021,
        // no DEC or DEC after it): R1's second, R7's second, R8 (ends 15/04), R9 -> 4 children, 4 episodes.
        Dataset<Row> b = bronze("episodes", 2021, "301", EPISODE_HEADER
                + "R1,01/04/2020,S,C2,N1,U4,PR1,01/05/2020,X1,CARPL,,,\n"
                + "R1,01/05/2020,P,C2,N1,U6,PR1,,,,,,\n"
                + "R2,31/02/2020,S,C2,N1,U4,PR1,,,,,,\n"
                + "R3,01/06/2020,S,C2,N1,K3,PR1,,,,,,\n"
                + "R4,01/06/2020,S,C2,N1,U4,PR1,01/06/2020,E8,,,,\n"
                + "R5,01/06/2020,S,C2,N1,U4,PR1,01/05/2020,E8,,,,\n"
                + "R6,01/06/2020,S,L1,N1,U4,PR1,10/06/2020,E8,,,,\n"
                + "R7,01/01/2021,S,C2,N1,U4,PR1,15/03/2021,E8,,,,\n"
                + "R7,01/02/2021,S,C2,N1,U6,PR1,,,,,,\n"
                + "R8,01/03/2021,S,C2,N1,U4,PR1,15/04/2021,E8,,,,\n"
                + "R9,01/03/2021,S,C2,N1,H5,PR1,,,,,,\n"
                + ",01/03/2021,S,C2,N1,U4,PR1,,,,,,\n");
        SilverWriter.Outcome o = SilverWriter.write(null, "cla_episode", Ssda903Builders.of("cla_episode").conform(b));
        assertEquals(12, o.rowsIn());
        assertEquals(5, o.rowsQuarantined());
        assertEquals(7, o.rowsWritten());
        assertEquals(0, o.rowsDuplicate());
        assertEquals(new TreeMap<>(Map.of("903-REQ-CHILD", 1L, "903-FMT-DECOM", 1L, "903-REQ-DECOM", 1L,
                "903-CODE-PLACE", 1L, "903-355", 1L, "903-END-BEFORE-START", 1L)),
                new TreeMap<>(o.errorsByRule()));
        assertEquals(new TreeMap<>(Map.of("903-361", 1L, "903-DEC-AFTER-YEAR", 1L, "903-OVERLAP", 1L)),
                new TreeMap<>(o.warningsByRule()));
        Map<String, Long> firstRule = new TreeMap<>();
        for (Row r : o.quarantine().groupBy("rule_id").count().collectAsList()) firstRule.put(r.getString(0), r.getLong(1));
        assertEquals(Map.of("903-REQ-CHILD", 1L, "903-FMT-DECOM", 1L, "903-CODE-PLACE", 1L, "903-355", 1L,
                "903-END-BEFORE-START", 1L), firstRule);
        assertEquals(2, o.silver().filter(o.silver().col("person_id").equalTo(pseudonym("301", "R7"))).count(),
                "both overlapping episodes kept");
        Dataset<Row> openAtYearEnd = o.silver().filter("start_date <= date'2021-03-31' AND (end_date IS NULL OR end_date > date'2021-03-31')");
        assertEquals(4, openAtYearEnd.count());
        assertEquals(4, openAtYearEnd.select("person_id").distinct().count());
        assertEquals(1, openAtYearEnd.filter(openAtYearEnd.col("person_id").equalTo(pseudonym("301", "R7"))).count());
    }

    @Test
    void headerConflictingDobSexMappingAndPrivacy() {
        // H1 twice in one return with different DOBs: the later row wins and breaks 903-HDR-DOB, so H1 is quarantined;
        // the earlier row lost to it (a duplicate) and never replaces it. in 4 = written 2 + quarantined 1 + duplicate 1.
        // H2: SEX 2 -> F, DOB 17/12/2009 -> 2009-12-01, MOTHER 1.0 -> true, UPN dropped.
        // H3: SEX M in 2021 (1/2 expected to 2024) -> warning 903-CODE-SEX, kept as M.
        Dataset<Row> b = bronze("header", 2021, "301", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                + "H1,1,01/01/2010,WBRI,A111111111111,,\n"
                + "H1,1,02/01/2010,WBRI,A111111111111,,\n"
                + "H2,2,17/12/2009,BAFR,B222222222222,1.0,21/11/2025\n"
                + "H3,M,05/05/2011,WBRI,,0,\n");
        SilverWriter.Outcome o = SilverWriter.write(null, "person_903", Ssda903Builders.person903().conform(b));
        assertEquals(4, o.rowsIn());
        assertEquals(2, o.rowsWritten());
        assertEquals(1, o.rowsQuarantined());
        assertEquals(1, o.rowsDuplicate());
        assertEquals(Map.of("903-HDR-DOB", 1L), o.errorsByRule());
        assertEquals(Map.of("903-CODE-SEX", 1L), o.warningsByRule());
        Row h2 = o.silver().filter(o.silver().col("person_id").equalTo(pseudonym("301", "H2"))).first();
        assertEquals("F", h2.getAs("sex"));
        assertEquals(d("2009-12-01"), h2.getAs("birth_month"));
        assertEquals(true, h2.getAs("mother"));
        assertEquals(d("2025-11-01"), h2.getAs("mother_child_birth_month"));
        List<String> cols = List.of(o.silver().columns());
        assertFalse(cols.contains("UPN") || cols.contains("CHILD") || cols.contains("_dob"), cols.toString());
        for (Row q : o.quarantine().collectAsList()) {
            String original = q.getAs("original_row");
            assertFalse(original.contains("H1") || original.contains("A111111111111") || original.contains("01/01/2010"),
                    original);
        }
    }

    @Test
    void postcodesReduceToTheirDistrict() {
        Dataset<Row> b = bronze("episodes", 2021, "301", EPISODE_HEADER
                + "P1,01/04/2020,S,C2,N1,U4,PR1,,,,rm10 9xx,RM109XX,\n"
                + "P2,01/04/2020,S,C2,N1,U4,PR1,,,,E6,not a postcode,\n");
        Dataset<Row> s = SilverWriter.write(null, "cla_episode", Ssda903Builders.of("cla_episode").conform(b)).silver();
        Row p1 = s.filter(s.col("person_id").equalTo(pseudonym("301", "P1"))).first();
        assertEquals("RM10", p1.getAs("home_postcode_district"));
        assertEquals("RM10", p1.getAs("placement_postcode_district"));
        Row p2 = s.filter(s.col("person_id").equalTo(pseudonym("301", "P2"))).first();
        assertEquals("E6", p2.getAs("home_postcode_district"));
        assertNull(p2.getAs("placement_postcode_district"));
    }
}
