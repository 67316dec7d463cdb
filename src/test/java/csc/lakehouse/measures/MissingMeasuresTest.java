package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MissingMeasuresTest {

    /*
     * LA 301, SSDA903 return 2024; year 2023-24 = 2023-04-01..2024-03-31.
     * Episodes of return 2024 (looked after during the year: DECOM <= 31 March, DEC empty or >= 1 April):
     *   A  2023-01-01..-           in         B  2023-05-01..2023-06-01  in
     *   C  2022-01-01..2023-04-01  in (left care on 1 April)              D  2023-06-01..- V3: short break, out
     *   E  2024-03-31..-           in (started on the last day)           F  2024-04-02..- after the year, out
     *   -> cohort A, B, C, E = 4
     * silver missing_episode (history):
     *   A  M 2023-05-01, M 2023-07-01, A 2023-08-01     B  M 2024-03-31 (last day)
     *   C  M 2023-03-15 (before the year: not counted), A 2023-04-01 (first day)
     *   D  M 2023-07-01 (short break: not in the cohort)    E  " m" 2024-03-31 (code normalised)
     *   G  M 2023-06-01 (not looked after)
     * cla_missing: A, B, E = 3 of 4 -> 75.0%;  cla_away: A, C = 2 of 4 -> 50.0%
     * cla_missing_incidents_per_child: A 2 + B 1 + E 1 = 4 incidents / 3 children = 1.33 -> 1.3
     */
    @Test
    void childrenWhoWentMissingAndIncidentsPerChild() {
        Dataset<Row> episodes = CinSilverFixture.of("cla_episode")
                .row("person_id", "A", "start_date", "2023-01-01", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "B", "start_date", "2023-05-01", "end_date", "2023-06-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E13")
                .row("person_id", "C", "start_date", "2022-01-01", "end_date", "2023-04-01", "legal_status", "C2", "reason_new_episode", "S", "reason_ceased", "E4A")
                .row("person_id", "D", "start_date", "2023-06-01", "legal_status", "V3", "reason_new_episode", "S")
                .row("person_id", "E", "start_date", "2024-03-31", "legal_status", "C2", "reason_new_episode", "S")
                .row("person_id", "F", "start_date", "2024-04-02", "legal_status", "C2", "reason_new_episode", "S")
                .frame();
        Dataset<Row> missing = CinSilverFixture.of("missing_episode")
                .row("person_id", "A", "missing_type", "M", "start_date", "2023-05-01", "end_date", "2023-05-02")
                .row("person_id", "A", "missing_type", "M", "start_date", "2023-07-01", "end_date", "2023-07-01")
                .row("person_id", "A", "missing_type", "A", "start_date", "2023-08-01", "end_date", "2023-08-01")
                .row("person_id", "B", "missing_type", "M", "start_date", "2024-03-31")
                .row("person_id", "C", "missing_type", "M", "start_date", "2023-03-15", "end_date", "2023-03-16")
                .row("person_id", "C", "missing_type", "A", "start_date", "2023-04-01", "end_date", "2023-04-01")
                .row("person_id", "D", "missing_type", "M", "start_date", "2023-07-01", "end_date", "2023-07-02")
                .row("person_id", "E", "missing_type", " m", "start_date", "2024-03-31")
                .row("person_id", "G", "missing_type", "M", "start_date", "2023-06-01", "end_date", "2023-06-02")
                .frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED);
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.SSDA903, 2024)
                .table("cla_episode", episodes).table("missing_episode", missing).build();
        Map<String, Row> r = CinSilverFixture.results(new MissingMeasures().compute(c));
        expect(r, "cla_missing|301|202324|Total", 75.0, 3L, 4L);
        expect(r, "cla_away|301|202324|Total", 50.0, 2L, 4L);
        expect(r, "cla_missing_incidents_per_child|301|202324|Total", 1.3, 4L, 3L);
        assertEquals("mean", r.get("cla_missing_incidents_per_child|301|202324|Total").getAs("unit"));
        assertEquals(3, r.size());
    }
}
