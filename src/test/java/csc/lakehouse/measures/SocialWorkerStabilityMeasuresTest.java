package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.MeasureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static csc.lakehouse.measures.CinMeasureAsserts.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocialWorkerStabilityMeasuresTest {

    /*
     * LA 301, SSDA903 returns 2023 and 2024. Looked after at 31 March 2024 (return 2024): A, B, C, D (E: V3 short
     * break, not counted). At 31 March 2023 (return 2023): A.
     * silver sw_episode (history), year 2023-24 = 2023-04-01..2024-03-31 (open at some time: SW_DECOM <= 31 March,
     * SW_DEC empty or after 1 April):
     *   A  W1 2023-01-01..2023-05-01, W2 2023-05-01..2023-09-01, W3 2023-09-01..-            -> 3 workers
     *   B  W1 2022-06-01..2023-04-01 (ended on 1 April: not in the year), W2 ..2023-10-01, W3 2023-10-01..- -> 2
     *   C  W4 2023-04-10..2023-06-01, W5 ..2023-07-01, W4 again 2023-07-01..-                 -> 2 distinct
     *   D  W6 2023-05-01..2023-06-01, W7 ..2023-08-01, (no SW_ID) ..2023-09-01, W8 2023-09-01..2024-04-10 -> 3
     *   E  W1, W2, W3 in the year, but a short break: not in the cohort
     * 2023-24: A, D = 2 of 4 -> 50.0%
     * 2022-23: x, not collected (social worker episodes from collection year 2024), whatever the data holds
     */
    @Test
    void threeOrMoreSocialWorkersAndXBeforeCollection() {
        Dataset<Row> episodes = CinSilverFixture.of("cla_episode")
                .row("person_id", "A", "start_date", "2022-01-01", "legal_status", "C2", "reason_new_episode", "S", "collection_year", 2023)
                .row("person_id", "A", "start_date", "2022-01-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "B", "start_date", "2022-06-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "C", "start_date", "2023-04-10", "legal_status", "V2", "reason_new_episode", "S")
                .row("person_id", "D", "start_date", "2023-05-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "E", "start_date", "2023-04-01", "legal_status", "V3", "reason_new_episode", "S")
                .frame();
        CinSilverFixture sw = CinSilverFixture.of("sw_episode");
        worker(sw, "A", "W1", "2023-01-01", "2023-05-01");
        worker(sw, "A", "W2", "2023-05-01", "2023-09-01");
        worker(sw, "A", "W3", "2023-09-01", null);
        worker(sw, "B", "W1", "2022-06-01", "2023-04-01");
        worker(sw, "B", "W2", "2023-04-01", "2023-10-01");
        worker(sw, "B", "W3", "2023-10-01", null);
        worker(sw, "C", "W4", "2023-04-10", "2023-06-01");
        worker(sw, "C", "W5", "2023-06-01", "2023-07-01");
        worker(sw, "C", "W4", "2023-07-01", null);
        worker(sw, "D", "W6", "2023-05-01", "2023-06-01");
        worker(sw, "D", "W7", "2023-06-01", "2023-08-01");
        worker(sw, "D", null, "2023-08-01", "2023-09-01");
        worker(sw, "D", "W8", "2023-09-01", "2024-04-10");
        worker(sw, "E", "W1", "2023-04-01", "2023-05-01");
        worker(sw, "E", "W2", "2023-05-01", "2023-06-01");
        worker(sw, "E", "W3", "2023-06-01", null);
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2023).ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_episode", episodes)
                .table("sw_episode", sw.frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED)).build();
        Map<String, Row> r = CinSilverFixture.results(new SocialWorkerStabilityMeasures().compute(c));
        expect(r, "cla_3plus_social_workers|301|202324|Total", 50.0, 2L, 4L);
        expect(r, "cla_3plus_social_workers|301|202223|Total", null, null, null);
        Row x = get(r, "cla_3plus_social_workers|301|202223|Total");
        assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(x.getAs("note")));
        assertTrue(((String) x.getAs("note")).contains("2023-24"), (String) x.getAs("note"));
        assertEquals(2, r.size());
        // the catalogue's first year is the collected_from.yaml item's
        assertEquals(MeasureContext.firstCollectionYear(SocialWorkerStabilityMeasures.ITEM).orElseThrow(),
                MeasureSpec.load().get(SocialWorkerStabilityMeasures.THREE_PLUS).orElseThrow().firstYear());
    }

    private static void worker(CinSilverFixture f, String child, String sw, String start, String end) {
        f.row("person_id", child, "sw_id", sw, "sw_start_date", start, "sw_end_date", end);
    }
}
