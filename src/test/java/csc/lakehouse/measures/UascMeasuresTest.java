package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UascMeasuresTest {

    /*
     * LA 301, SSDA903 return 2024; year 2023-24; population mid-2023 = 20,000.
     *   child  episode (RNE S)          LS  cla_uasc DUC   start in year?  UASC at start   at 31 March?  UASC at 31 March
     *   A      2023-05-01..-            C2  - (UASC)       yes             yes             yes           yes
     *   B      2023-06-01..-            V2  2023-12-01     yes             yes             yes           no (ceased)
     *   C      2022-01-01..-            C2  2024-03-31     no              -               yes           no (ceased on the date)
     *   D      2023-07-01..2023-09-01   C2  -              yes             yes             no            -
     *   E      2023-08-01..-            C2  not UASC       yes             no              yes           no
     *   F      2023-09-01..-            V3  -              short break: neither
     *   G      2021-01-01..-            C2  2024-04-15     no              -               yes           yes
     *   H      2023-10-01..-            C2  2023-10-01     yes             no (ceased on the start date)  yes  no
     * cla_starts_uasc_rate: A, B, D = 3 / 20,000 x 10,000 = 1.5
     * cla_31mar_uasc_rate:  A, G = 2 / 20,000 x 10,000 = 1.0
     */
    @Test
    void uascStartsAndAt31MarchPer10000() {
        Dataset<Row> episodes = CinSilverFixture.of("cla_episode")
                .row("person_id", "A", "start_date", "2023-05-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "B", "start_date", "2023-06-01", "legal_status", "V2", "reason_new_episode", "S")
                .row("person_id", "C", "start_date", "2022-01-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "D", "start_date", "2023-07-01", "end_date", "2023-09-01", "legal_status", "C2",
                        "reason_new_episode", "S", "reason_ceased", "E13")
                .row("person_id", "E", "start_date", "2023-08-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "F", "start_date", "2023-09-01", "legal_status", "V3", "reason_new_episode", "S")
                .row("person_id", "G", "start_date", "2021-01-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "H", "start_date", "2023-10-01", "legal_status", "C2", "reason_new_episode", "S")
                .frame();
        Dataset<Row> uasc = CinSilverFixture.of("cla_uasc")
                .row("person_id", "A")
                .row("person_id", "B", "uasc_ceased_date", "2023-12-01")
                .row("person_id", "C", "uasc_ceased_date", "2024-03-31")
                .row("person_id", "D")
                .row("person_id", "F")
                .row("person_id", "G", "uasc_ceased_date", "2024-04-15")
                .row("person_id", "H", "uasc_ceased_date", "2023-10-01")
                .frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED);
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("population", CinSilverFixture.population("301", 2023, 20000))
                .table("cla_episode", episodes).table("cla_uasc", uasc).build();
        Map<String, Row> r = CinSilverFixture.results(new UascMeasures().compute(c));
        expect(r, "cla_starts_uasc_rate|301|202324|Total", 1.5, 3L, 20000L);
        expect(r, "cla_31mar_uasc_rate|301|202324|Total", 1.0, 2L, 20000L);
        assertEquals(2, r.size());
    }
}
