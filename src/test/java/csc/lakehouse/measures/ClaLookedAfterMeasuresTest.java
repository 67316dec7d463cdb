package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.MeasureTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Looked-after measures on a hand-built LA 301 (Barking and Dagenham), reporting year 2024 (2023-04-01..2024-03-31),
 * mid-2023 population 64,907. SSDA903 returns 2024 and 2025 are held (the fixture's episodes carry no per-return
 * columns, so every row serves both years, as an older lakehouse's history does).
 */
class ClaLookedAfterMeasuresTest {
    static List<Row> out;

    static final String EP_COLS = "la_code,person_id,start_date,end_date,legal_status,reason_new_episode,reason_ceased";
    static final String PER_COLS =
            "la_code,person_id,start_date,end_date,first_legal_status,final_reason_ceased,episode_count,is_short_break";

    @BeforeAll
    static void compute() {
        Dataset<Row> episodes = silver("cla_episode", EP_COLS,
                // A: one period of three abutting episodes (X1, X1), open
                r("301", "A", "2023-05-01", "2023-06-01", "C1", "S", "X1"),
                r("301", "A", "2023-06-01", "2023-08-01", "C2", "L", "X1"),
                r("301", "A", "2023-08-01", null, "C2", "P", null),
                // B: short break, open at 31 March but V3: excluded
                r("301", "B", "2023-07-01", null, "V3", "S", null),
                // C: ends exactly on 31 March 2024: not open at 31 March
                r("301", "C", "2023-10-01", "2024-03-31", "V2", "S", "E13"),
                // D: starts on 31 March 2024 under L1: open at 31 March; 0 days to the year end
                r("301", "D", "2024-03-31", null, "L1", "S", null),
                // E: L1, 14 days, returned home (E4A)
                r("301", "E", "2023-09-01", "2023-09-15", "L1", "S", "E4A"),
                // F: L1, 15 days, returned home (E4B) but too late
                r("301", "F", "2023-11-01", "2023-11-16", "L1", "S", "E4B"),
                // G: L1, exactly 3 days, E13
                r("301", "G", "2023-12-01", "2023-12-04", "L1", "S", "E13"),
                // H: L1, 4 days, E4A
                r("301", "H", "2024-01-10", "2024-01-14", "L1", "S", "E4A"),
                // I: started in the previous year (31 March 2023), still open
                r("301", "I", "2023-03-31", null, "C2", "S", null),
                // J: enters care twice in the year, both times under L1: 9 days home (E4A), then 4 days home (E4B)
                r("301", "J", "2023-05-01", "2023-05-10", "L1", "S", "E4A"),
                r("301", "J", "2023-08-01", "2023-08-05", "L1", "S", "E4B"),
                // K: a period from 2023-04-10 (C2, ends E13), then after a gap an episode with RNE P (not S, does
                // not abut): a data-quality finding, not a start; K is looked after (open) from 2023-06-01
                r("301", "K", "2023-04-10", "2023-05-01", "C2", "S", "E13"),
                r("301", "K", "2023-06-01", null, "C2", "P", null));
        Dataset<Row> periods = silver("cla_period", PER_COLS,
                r("301", "A", "2023-05-01", null, "C1", null, 3, false),
                r("301", "B", "2023-07-01", null, "V3", null, 1, true),
                r("301", "C", "2023-10-01", "2024-03-31", "V2", "E13", 1, false),
                r("301", "D", "2024-03-31", null, "L1", null, 1, false),
                r("301", "E", "2023-09-01", "2023-09-15", "L1", "E4A", 1, false),
                r("301", "F", "2023-11-01", "2023-11-16", "L1", "E4B", 1, false),
                r("301", "G", "2023-12-01", "2023-12-04", "L1", "E13", 1, false),
                r("301", "H", "2024-01-10", "2024-01-14", "L1", "E4A", 1, false),
                r("301", "I", "2023-03-31", null, "C2", null, 1, false),
                r("301", "J", "2023-05-01", "2023-05-10", "L1", "E4A", 1, false),
                r("301", "J", "2023-08-01", "2023-08-05", "L1", "E4B", 1, false),
                r("301", "K", "2023-04-10", "2023-05-01", "C2", "E13", 1, false),
                // the period the silver builder opens at K's non-S episode: not a start
                r("301", "K", "2023-06-01", null, "C2", null, 1, false));
        Dataset<Row> population = silver("population", "new_la_code,la_code,mid_year,population,is_projection,source_file",
                r("E09000002", "301", 2022, 63940L, false, "mye_2022.csv"),
                r("E09000002", "301", 2023, 64907L, false, "mye_2023.csv"));
        MeasureContext ctx = ctx(Map.of("cla_episode", episodes, "cla_period", periods, "population", population),
                List.<Object[]>of(r("301", "ssda903", 2024), r("301", "ssda903", 2025)), LocalDate.of(2023, 12, 1), null);
        out = collect(new LookedAfterMeasures().compute(ctx));
    }

    @Test
    void claOpenAt31March() {
        // open at 2024-03-31: A (open), D (starts on the date), I (open since 2023), K (open since 2023-06-01) = 4;
        // B excluded (V3), C ends on the date (not open), E..H and J ended earlier.
        assertEquals(4.0, value(out, "cla_31mar", "202324"));
        // 4 / 64,907 x 10,000 = 0.616 -> 0.6 (mid-2023 estimate for 2023-24, not mid-2022's 63,940)
        Row rate = row(out, "cla_31mar_rate", "202324", "Total");
        assertEquals(0.6, (Double) rate.getAs("value"));
        assertNumDen(rate, 4L, 64907L);
        assertTrue(((String) rate.getAs("note")).contains("mid-2023"), (String) rate.getAs("note"));
        assertEquals("E09000002", rate.getAs("new_la_code"));
        assertEquals("Barking and Dagenham", rate.getAs("la_name"));
    }

    @Test
    void claOpenAtAsAtDate() {
        // at 2023-12-01: A, C (open from 2023-10-01), G (starts on the date), I, K = 5; B is V3; F ended 2023-11-16
        Row r = row(out, "cla_31mar", "2023-12-01", "Total");
        assertEquals(5.0, (Double) r.getAs("value"));
        assertEquals("As at date", r.getAs("time_identifier"));
        assertEquals(java.sql.Date.valueOf("2023-12-01"), r.getAs("period_start"));
        // 5 / 64,907 x 10,000 = 0.770 -> 0.8 (2023-12-01 is in 2023-24: mid-2023)
        assertEquals(0.8, value(out, "cla_31mar_rate", "2023-12-01"));
        // inside a year whose return is held: not provisional
        assertEquals(Trends.Status.PUBLISHED, Trends.status(r.getAs("note")));
    }

    @Test
    void startsCountChildrenOnceAtTheirFirstRneSPeriod() {
        // children starting in 2023-24: A (one period of three episodes), C, D, E, F, G, H, J (twice: counted once),
        // K (its S episode of 2023-04-10; its RNE P episode after a gap is not a start) = 9;
        // B is a short break, I started in 2022-23
        assertEquals(9.0, value(out, "cla_starts", "202324"));
        // 9 / 64,907 x 10,000 = 1.387 -> 1.4
        assertEquals(1.4, value(out, "cla_starts_rate", "202324"));
        Row r = row(out, "cla_starts", "202324", "Total");
        // K's non-S, non-abutting episode is a data-quality finding, named in the note
        assertTrue(((String) r.getAs("note")).startsWith("1 episode(s) starting in the year neither abut"), (String) r.getAs("note"));
        assertEquals(java.sql.Date.valueOf("2023-04-01"), r.getAs("period_start"));
        assertEquals(java.sql.Date.valueOf("2024-03-31"), r.getAs("period_end"));
    }

    @Test
    void legalStatusDistribution() {
        // Total = 9 first occasions; C1 A 1 (11.1%), V2 C 1 (11.1%), C2 K 1 (11.1%), L1 D E F G H J 6 (66.7%)
        // (J's second L1 entry is not a first occasion), the other listed codes 0
        Row total = row(out, "cla_starts_legal_status", "202324", "Total");
        assertEquals(9.0, (Double) total.getAs("value"));
        assertEquals("count", total.getAs("unit"));
        assertEquals(11.1, value(out, "cla_starts_legal_status", "202324", "C1"));
        assertEquals(11.1, value(out, "cla_starts_legal_status", "202324", "V2"));
        assertEquals(11.1, value(out, "cla_starts_legal_status", "202324", "C2"));
        Row l1 = row(out, "cla_starts_legal_status", "202324", "L1");
        assertEquals(66.7, (Double) l1.getAs("value"));
        assertNumDen(l1, 6L, 9L);
        assertEquals("legal_status", l1.getAs("breakdown"));
        assertEquals("percent", l1.getAs("unit"));
        assertEquals(0.0, value(out, "cla_starts_legal_status", "202324", "J3"));
        assertEquals(12, out.stream().filter(x -> x.getAs("measure_id").equals("cla_starts_legal_status")
                && x.getAs("time_period").equals("202324")).count());
    }

    @Test
    void policeProtectionShare() {
        // first occasions under L1: D, E, F, G, H, J = 6 of 9 = 66.7%
        Row r = row(out, "cla_starts_police_protection", "202324", "Total");
        assertEquals(66.7, (Double) r.getAs("value"));
        assertNumDen(r, 6L, 9L);
    }

    @Test
    void returnedHomeWithin14Days() {
        // over EVERY L1 period, repeat entries included: D (open) no; E (14 days, E4A) yes; F (15 days) no; G (E13) no;
        // H (4 days, E4A) yes; J's first (9 days, E4A) yes; J's second (4 days, E4B) yes: 4 of 7 = 57.1
        Row r = row(out, "pp_returned_home_14d", "202324", "Total");
        assertEquals(57.1, (Double) r.getAs("value"));
        assertNumDen(r, 4L, 7L);
        assertEquals(Trends.Status.PUBLISHED, Trends.status(r.getAs("note")));
        // 2024-25's window runs to 14 April 2025, after 31 March 2025 of the latest return held: not published
        Row open = row(out, "pp_returned_home_14d", "202425", "Total");
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(open.getAs("note")));
        assertNull(open.getAs("value"));
        assertTrue(((String) open.getAs("note")).contains("2025-04-14"), (String) open.getAs("note"));
    }

    @Test
    void l1Over72Hours() {
        // L1 episodes starting in 2023-24: E 14 days, F 15 days, H 4 days, J 9 and 4 days count;
        // G exactly 3 days and D (0 days to year end) do not
        assertEquals(5.0, value(out, "pp_l1_over_72h", "202324"));
    }

    /*
     * Per-return episodes (CONTRACT13), LA 301, SSDA903 returns 2023 and 2024; is_latest on each key's latest row.
     *   child  DECOM       return  DEC          LS  RNE REC   note
     *   M      2022-09-01  2023    -            C2  S         open at 31 March 2023 in return 2023
     *   M      2022-09-01  2024    2023-01-15   C2  S   E13   return 2024 corrects it: ended before 31 March 2023
     *   N      2022-12-01  2023    -            C2  S         open in return 2023, absent from return 2024 (vanished)
     *   O      2023-05-01  2024    2023-05-03   L1  S   E4A   enters care twice in 2023-24 ...
     *   O      2023-07-01  2024    -            C2  S         ... and again
     * cla_31mar 2023 (return 2023): M, N = 2 -- return 2024's correction of M does not revise it
     * cla_31mar 2024 (return 2024): O = 1 -- M closed; N vanished: open in no later snapshot
     * cla_starts 2023 (return 2023): M, N = 2; 2024 (return 2024): O once = 1, first occasion under L1:
     *   cla_starts_police_protection 2024 = 1 of 1 = 100.0
     */
    @Test
    void eachYearFromItsOwnReturn() {
        Dataset<Row> episodes = CinSilverFixture.of("cla_episode")
                .row("person_id", "M", "start_date", "2022-09-01", "legal_status", "C2", "reason_new_episode", "S", "collection_year", 2023)
                .row("person_id", "M", "start_date", "2022-09-01", "end_date", "2023-01-15", "legal_status", "C2",
                        "reason_new_episode", "S", "reason_ceased", "E13", "collection_year", 2024)
                .row("person_id", "N", "start_date", "2022-12-01", "legal_status", "C2", "reason_new_episode", "S",
                        "collection_year", 2023, "vanished", true)
                .row("person_id", "O", "start_date", "2023-05-01", "end_date", "2023-05-03", "legal_status", "L1",
                        "reason_new_episode", "S", "reason_ceased", "E4A", "collection_year", 2024)
                .row("person_id", "O", "start_date", "2023-07-01", "legal_status", "C2", "reason_new_episode", "S", "collection_year", 2024)
                .frame();
        MeasureContext c = ctx(Map.of("cla_episode", episodes),
                List.<Object[]>of(r("301", "ssda903", 2023), r("301", "ssda903", 2024)), null, null);
        List<Row> rows = collect(new LookedAfterMeasures().compute(c));
        assertEquals(2.0, value(rows, "cla_31mar", "202223"));
        assertEquals(1.0, value(rows, "cla_31mar", "202324"));
        assertEquals(2.0, value(rows, "cla_starts", "202223"));
        assertEquals(1.0, value(rows, "cla_starts", "202324"));
        assertNumDen(row(rows, "cla_starts_police_protection", "202324", "Total"), 1L, 1L);
    }

    @Test
    void everyRowHasTheContractColumns() {
        assertEquals(Trends.schema().columnNames(), List.of(out.get(0).schema().fieldNames()));
    }
}
