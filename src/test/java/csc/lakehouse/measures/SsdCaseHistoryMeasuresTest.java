package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsdCaseHistoryMeasuresTest {

    /** A frame from a DDL schema; ISO strings in date columns become dates. */
    static Dataset<Row> df(String ddl, Object[]... rows) {
        StructType s = StructType.fromDDL(ddl);
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] v = r.clone();
            for (int i = 0; i < v.length; i++) {
                StructField f = s.fields()[i];
                if (v[i] instanceof String str && f.dataType().equals(DataTypes.DateType)) v[i] = java.sql.Date.valueOf(str);
            }
            out.add(RowFactory.create(v));
        }
        return SparkTestSession.get().createDataFrame(out, s);
    }

    static Object[] r(Object... v) { return v; }

    /** LA 301, reporting year 2023-24. */
    static Dataset<Row> year() {
        return df("la_code string, time_period string, time_identifier string, period_start date, period_end date, reporting_year int",
                r("301", "202324", "Reporting year", "2023-04-01", "2024-03-31", 2024));
    }

    /** The 31 March 2024 snapshot (a Sunday; Good Friday 29 March, Easter Monday 1 April). */
    static Dataset<Row> snap() {
        return df("la_code string, time_period string, time_identifier string, period_start date, period_end date, reporting_year int",
                r("301", "202324", "Reporting year", "2024-03-31", "2024-03-31", 2024));
    }

    static Map<String, Row> results(Dataset<Row> rows) {
        return CinSilverFixture.results(Trends.shape(rows));
    }

    /*
     * Contacts in 2023-24: K1 new referral, K2 not, K3 no flag; K4 on 2024-04-01 is next year.
     * ssd_contacts = 3; ssd_contact_conversion = 1 of 3 = 33.3.
     */
    @Test
    void contactsAndConversion() {
        Dataset<Row> contact = df("la_code string, contact_id string, contact_date date, outcome_new_referral boolean",
                r("301", "K1", "2023-05-01", true), r("301", "K2", "2023-06-01", false), r("301", "K3", "2024-03-31", null),
                r("301", "K4", "2024-04-01", true));
        Map<String, Row> m = results(SsdCaseHistoryMeasures.contacts(year(), contact)
                .unionByName(SsdCaseHistoryMeasures.contactConversion(year(), contact), true));
        expect(m, "ssd_contacts|301|202324|Total", 3.0, 3L, null);
        expect(m, "ssd_contact_conversion|301|202324|Total", 33.3, 1L, 3L);
    }

    /*
     * Strategy discussions (S47 start) against their referral, working days from the day after the referral:
     *   S1 referral Mon 2024-03-04, start 03-05: 1 wd (within 1)
     *   S2 referral Fri 2024-03-08, start Tue 03-12: Mon 11, Tue 12 = 2 wd (not within)
     *   S3 referral 2024-03-20, start the same day: 0 wd (within)
     *   S4 its referral is not in the extract: left out
     * median of 0, 1, 2 = 1.0 over 3 enquiries; in timescale 2 of 3 = 66.7
     */
    @Test
    void strategyDiscussionsMedianAndTimescale() {
        Dataset<Row> referral = df("la_code string, referral_id string, referral_date date",
                r("301", "R1", "2024-03-04"), r("301", "R2", "2024-03-08"), r("301", "R3", "2024-03-20"));
        Dataset<Row> s47 = df("la_code string, s47_id string, referral_id string, start_date date",
                r("301", "S1", "R1", "2024-03-05"), r("301", "S2", "R2", "2024-03-12"), r("301", "S3", "R3", "2024-03-20"),
                r("301", "S4", "R9", "2024-03-21"));
        List<Dataset<Row>> parts = SsdCaseHistoryMeasures.strategyDiscussions(year(), s47, referral, 1);
        Map<String, Row> m = results(parts.get(0).unionByName(parts.get(1), true));
        expect(m, "ssd_strategy_discussion_wd_median|301|202324|Total", 1.0, null, 3L);
        expect(m, "ssd_strategy_discussion_in_timescale|301|202324|Total", 66.7, 2L, 3L);
    }

    /*
     * CP plans open at Sun 31 March 2024, standard 10 working days (Good Friday 29 March is not one):
     *   CP1 last seen visit Wed 03-20: Mar 21, 22, 25, 26, 27, 28 = 6 wd -> within
     *   CP2 last seen visit Fri 03-08: Mar 11-15 5, 18-22 10, 25-28 14 wd -> not within (the 03-25 visit: child not seen)
     *   CP3 started Mon 03-25, no visit yet: 3 wd since the start -> within
     *   CP4 ended 2024-03-01: not open
     * 2 of 3 = 66.7
     */
    @Test
    void cpVisitsWithinTenWorkingDays() {
        Dataset<Row> plans = df("la_code string, cp_plan_id string, start_date date, end_date date",
                r("301", "CP1", "2024-01-10", null), r("301", "CP2", "2024-01-10", null), r("301", "CP3", "2024-03-25", null),
                r("301", "CP4", "2023-10-01", "2024-03-01"));
        Dataset<Row> visits = df("la_code string, cp_plan_id string, visit_date date, seen boolean",
                r("301", "CP1", "2024-03-20", true), r("301", "CP2", "2024-03-08", true), r("301", "CP2", "2024-03-25", false),
                r("301", "CP4", "2024-02-20", true));
        Map<String, Row> m = results(SsdCaseHistoryMeasures.cpVisits(snap(), plans, visits, 10));
        expect(m, "ssd_cp_visits_in_timescale|301|202324|Total", 66.7, 2L, 3L);
    }

    /*
     * Periods of care open at 31 March 2024 (6 weeks = 42 days in the first year, 91 days after, 7 days for the first):
     *   PA started 2023-12-01 (under a year), last visit 2024-02-25: 35 days -> within
     *   PB started 2021-01-01 (over a year; two episodes), last visit 2023-12-15: 107 days -> not within
     *   PC started 2024-03-28, no visit yet: 3 days -> within
     * 2 of 3 = 66.7
     */
    @Test
    void claVisitsUnderTheRegulations() {
        Dataset<Row> episodes = df("la_code string, period_id string, start_date date, end_date date",
                r("301", "PA", "2023-12-01", null), r("301", "PB", "2021-01-01", "2022-06-01"), r("301", "PB", "2022-06-01", null),
                r("301", "PC", "2024-03-28", null));
        Dataset<Row> visits = df("la_code string, period_id string, visit_date date, seen boolean",
                r("301", "PA", "2024-02-25", true), r("301", "PB", "2023-12-15", true));
        SsdCaseHistoryMeasures.Timescales ts = new SsdCaseHistoryMeasures.Timescales(10, 20, 7, 42, 91, 1, 18, 6);
        Map<String, Row> m = results(SsdCaseHistoryMeasures.claVisits(snap(), episodes, visits, ts));
        expect(m, "ssd_cla_visits_in_timescale|301|202324|Total", 66.7, 2L, 3L);
    }

    /*
     * Involvements; at 31 March 2024 (12 months back: end after 2023-03-31 counts):
     *   W1 (FTE 0.5): P1, P2 open; P4 2022-01-01..2023-04-15 (closed)
     *   W2 (no FTE: 1): P1, P3, P4 open
     *   W3 (FTE 1.0): P1 2023-06-01..2023-09-01, P3 ..2023-03-15, P4 2023-05-01..2023-06-01, P5 ..2024-02-01: none open
     * caseload per FTE: W1 2 / 0.5 = 4.0, W2 3 / 1 = 3.0 -> mean 3.5 over 2 workers; target 3.5: W1 over -> 1 of 2 = 50.0
     * children open: P1, P2, P3, P4; workers in the 12 months: P1 W1 W2 W3 = 3, P2 1, P3 W2 (W3 ended 2023-03-15) = 1,
     * P4 W2 W1 (ended 2023-04-15) W3 = 3 -> 2 of 4 = 50.0
     */
    @Test
    void caseloadsPerFteAndThreePlusSocialWorkers() {
        Dataset<Row> inv = df("la_code string, worker_id string, person_id string, start_date date, end_date date",
                r("301", "W1", "P1", "2023-10-01", null), r("301", "W1", "P2", "2024-01-01", null),
                r("301", "W1", "P4", "2022-01-01", "2023-04-15"),
                r("301", "W2", "P1", "2023-09-01", null), r("301", "W2", "P3", "2023-02-01", null), r("301", "W2", "P4", "2023-06-01", null),
                r("301", "W3", "P1", "2023-06-01", "2023-09-01"), r("301", "W3", "P3", "2022-09-01", "2023-03-15"),
                r("301", "W3", "P4", "2023-05-01", "2023-06-01"), r("301", "W3", "P5", "2023-01-01", "2024-02-01"));
        Dataset<Row> prof = df("la_code string, worker_id string, fte double",
                r("301", "W1", 0.5), r("301", "W2", null), r("301", "W3", 1.0));
        List<Dataset<Row>> c = SsdCaseHistoryMeasures.caseloads(snap(), inv, prof, 3.5);
        Map<String, Row> m = results(c.get(0).unionByName(c.get(1), true)
                .unionByName(SsdCaseHistoryMeasures.threePlusSocialWorkers(snap(), inv), true));
        expect(m, "ssd_caseload_per_fte|301|202324|Total", 3.5, null, 2L);
        expect(m, "ssd_caseload_over_target|301|202324|Total", 50.0, 1L, 2L);
        expect(m, "ssd_three_plus_social_workers_12m|301|202324|Total", 50.0, 2L, 4L);
    }

    /*
     * Missing episodes ending in 2023-24: M1 offered and accepted, M2 offered not accepted, M3 not offered, M4 offer
     * not recorded (not offered); M5 ends 2024-04-02 (next year).
     * offered 2 of 4 = 50.0; accepted 1 of the 2 offered = 50.0
     */
    @Test
    void missingReturnInterviews() {
        Dataset<Row> missing = df("la_code string, missing_id string, end_date date, rhi_offered boolean, rhi_accepted boolean",
                r("301", "M1", "2023-05-02", true, true), r("301", "M2", "2023-07-01", true, false),
                r("301", "M3", "2023-08-01", false, null), r("301", "M4", "2024-01-01", null, null),
                r("301", "M5", "2024-04-02", true, true));
        List<Dataset<Row>> p = SsdCaseHistoryMeasures.returnInterviews(year(), missing);
        Map<String, Row> m = results(p.get(0).unionByName(p.get(1), true));
        expect(m, "ssd_missing_rhi_offered|301|202324|Total", 50.0, 2L, 4L);
        expect(m, "ssd_missing_rhi_accepted|301|202324|Total", 50.0, 1L, 2L);
    }

    /*
     * The extract's edge: extracted on 30/04/2025 with the SSD's 6 years (targets.yaml extract_timeframe_years), whole
     * from 30/04/2019. Contacts on 10/05/2018, 01/03/2019 (2018-19) and 01/06/2024, 01/03/2025 (2024-25):
     * 2018-19 starts before 30/04/2019 and is marked not published (its contacts are only those the extract kept);
     * 2024-25 (2 contacts) is published.
     */
    @Test
    void periodsBeforeTheExtractsTimeframeAreNotPublished() {
        java.sql.Timestamp at = java.sql.Timestamp.valueOf("2025-04-30 09:00:00");
        CinSilverFixture contact = CinSilverFixture.of("contact");
        for (String d : List.of("2018-05-10", "2019-03-01", "2024-06-01", "2025-03-01")) {
            contact.row("contact_id", "K" + d, "contact_date", d, "extracted_at", at);
        }
        Dataset<Row> out = new SsdCaseHistoryMeasures().compute(MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .table("contact", contact.frame()).build()).filter("measure_id = 'ssd_contacts'");
        Map<String, Row> m = results(out);
        Row early = m.get("ssd_contacts|301|201819|Total"), late = m.get("ssd_contacts|301|202425|Total");
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(early.getAs("note")), early.toString());
        assertTrue(((String) early.getAs("note")).contains("the SSD extract reaches back to 2019-04-30"), early.toString());
        assertEquals(Trends.Status.PUBLISHED, Trends.status(late.getAs("note")), late.toString());
        assertEquals(2L, ((Number) late.getAs("numerator")).longValue());
    }
}
