package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.SilverWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.pseudonym;
import static csc.lakehouse.conform.ssda903.Ssda903Fixtures.EPISODE_HEADER;
import static csc.lakehouse.conform.ssda903.Ssda903Fixtures.bronze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CarePeriodTest {
    static Dataset<Row> silverEpisodes(Dataset<Row> bronze) {
        return SilverWriter.write(null, "cla_episode", Ssda903Builders.of("cla_episode").conform(bronze)).silver();
    }

    static Row only(Dataset<Row> rows, String child) {
        List<Row> r = rows.filter(rows.col("person_id").equalTo(pseudonym("301", child))).orderBy("start_date").collectAsList();
        assertEquals(1, r.size(), "one row for " + child + ": " + r);
        return r.get(0);
    }

    @Test
    void periodsLegalStatusesAndPlacementsFromOneReturn() {
        // A: S->X1, L->X1, P->E4A, all abutting: ONE period 2020-04-01..2020-09-01 of 3 episodes, first LS C2;
        //    legal status spells C2 (04-01..05-10) and E1 (05-10..09-01); placements U4 (04-01..07-01, the L
        //    episode keeps the placement) and U6 (07-01..09-01).
        // B: V3 short break S->E4A: one period, is_short_break.
        // C: an episode with RNE P and nothing before it: still starts a period (open), counted as odd.
        Dataset<Row> bronze = bronze("episodes", 2021, "301", EPISODE_HEADER
                + "A,01/04/2020,S,C2,N1,U4,PR1,10/05/2020,X1,,RM10 9XX,RM9 4AA,\n"
                + "A,10/05/2020,L,E1,N1,U4,PR1,01/07/2020,X1,CARPL,RM10 9XX,RM9 4AA,\n"
                + "A,01/07/2020,P,E1,N1,U6,PR4,01/09/2020,E4A,,RM10 9XX,E6 1AA,\n"
                + "B,01/06/2020,S,V3,N2,U4,PR1,03/06/2020,E4A,,,,\n"
                + "C,01/01/2021,P,C2,N1,U4,PR1,,,,,,\n");
        Dataset<Row> episodes = silverEpisodes(bronze);
        assertEquals(5, episodes.count());

        Dataset<Row> periods = CarePeriods.periods(episodes);
        assertEquals(3, periods.count());
        Row a = only(periods, "A");
        assertEquals(d("2020-04-01"), a.getAs("start_date"));
        assertEquals(d("2020-09-01"), a.getAs("end_date"));
        assertEquals(3, (int) a.getAs("episode_count"));
        assertEquals("C2", a.getAs("first_legal_status"));
        assertEquals("E4A", a.getAs("final_reason_ceased"));
        assertFalse((boolean) a.getAs("is_short_break"));
        Row b = only(periods, "B");
        assertTrue((boolean) b.getAs("is_short_break"), "V3 first legal status: a short break, not a start");
        Row c = only(periods, "C");
        assertNull(c.getAs("end_date"), "open period");
        assertEquals(1, CarePeriods.periodsNotStartingWithS(periods));

        Dataset<Row> ls = CarePeriods.legalStatuses(episodes);
        List<Row> aLs = ls.filter(ls.col("person_id").equalTo(pseudonym("301", "A"))).orderBy("start_date").collectAsList();
        assertEquals(2, aLs.size());
        assertEquals("C2", aLs.get(0).getAs("legal_status"));
        assertEquals(d("2020-05-10"), aLs.get(0).getAs("end_date"));
        assertEquals("E1", aLs.get(1).getAs("legal_status"));
        assertEquals(d("2020-09-01"), aLs.get(1).getAs("end_date"));

        Dataset<Row> pl = CarePeriods.placements(episodes);
        List<Row> aPl = pl.filter(pl.col("person_id").equalTo(pseudonym("301", "A"))).orderBy("start_date").collectAsList();
        assertEquals(2, aPl.size());
        assertEquals("U4", aPl.get(0).getAs("placement_type"));
        assertEquals(d("2020-07-01"), aPl.get(0).getAs("end_date"));
        assertEquals("U6", aPl.get(1).getAs("placement_type"));
        assertEquals("E6", aPl.get(1).getAs("placement_postcode_district"));
    }

    @Test
    void aPeriodSpanningTwoReturnsIsBuiltOnceFromDeduplicatedEpisodes() {
        // D in the 2020 return: one episode from 01/02/2020, open at 31 March.
        // The 2021 return re-reports it, now ended X1 on 01/06/2020, and adds the next episode to 01/09/2020 (E13).
        // Each return keeps its own row (the 2020 row is the 2020 return's record: open at 31 March 2020); the
        // history (is_latest) keeps the 2021 copy of the first episode: 3 rows written, no duplicate; periods over
        // the history give one period 2020-02-01..2020-09-01 of 2 episodes, from collection year 2021.
        Dataset<Row> y2020 = bronze("episodes", 2020, "301", EPISODE_HEADER
                + "D,01/02/2020,S,C1,N1,U4,PR1,,,,,,\n");
        Dataset<Row> y2021 = bronze("episodes", 2021, "301", EPISODE_HEADER
                + "D,01/02/2020,S,C1,N1,U4,PR1,01/06/2020,X1,CARPL,,,\n"
                + "D,01/06/2020,P,C1,N1,U6,PR1,01/09/2020,E13,,,,\n");
        SilverWriter.Outcome o = SilverWriter.write(null, "cla_episode",
                Ssda903Builders.of("cla_episode").conform(y2020.unionByName(y2021)));
        assertEquals(3, o.rowsIn());
        assertEquals(3, o.rowsWritten());
        assertEquals(0, o.rowsDuplicate());
        assertEquals(0, o.rowsQuarantined());
        assertEquals(2, SilverWriter.history(o.silver()).count());

        Row p = only(CarePeriods.periods(SilverWriter.history(o.silver())), "D");
        assertEquals(d("2020-02-01"), p.getAs("start_date"));
        assertEquals(d("2020-09-01"), p.getAs("end_date"));
        assertEquals(2, (int) p.getAs("episode_count"));
        assertEquals("E13", p.getAs("final_reason_ceased"));
        assertEquals(2021, (int) p.getAs("collection_year"));
    }
}
