package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.CodeLists;
import csc.lakehouse.spec.MeasureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static csc.lakehouse.measures.CinMeasureAsserts.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessmentFactorMeasuresTest {

    /*
     * silver.assessment_factor (derived: one row per factor of each assessment, no per-return columns).
     * LA 301 holds the CIN returns for 2020 and 2024; LA 302 for 2024 (no population).
     * Year 2024 = 2023-04-01..2024-03-31; counted by AssessmentAuthorisationDate.
     *   child start       authorised   factors         note
     *   A     2023-05-01  2023-06-01   16A, 3B         episode 1
     *   A     2023-10-01  2023-11-15   16A             episode 2 (same child, another assessment)
     *   B     2023-07-01  2023-08-01   21              no factors identified: not an episode with factors
     *   C     2024-03-01  2024-03-31   24A, 3B, 18C    authorised on the last day of the year
     *   D     2023-03-01  2023-04-01   17A             started in 2022-23, authorised on the first day of 2023-24
     *   E     2024-03-20  -            16A             not authorised: not counted
     *   F     2024-03-25  2024-04-01   16A             authorised in 2024-25 (not held)
     * 2024: episodes with factors A1, A2, C, D = 4
     *   16A: A1, A2 = 2 -> 50.0%; 3B: A1, C = 2 -> 50.0%; 24A, 18C, 17A: 1 each -> 25.0%; 1A: 0 -> 0.0%
     *   18A (code list to 2020): x
     *   rates over mid-2023 population 20,000: Total 4 -> 2.0; 16A 2 -> 1.0; 17A 1 -> 0.5; 1A 0 -> 0.0; 18A x
     * Year 2020 = 2019-04-01..2020-03-31:
     *   G     2019-06-01  2019-07-01   18A, 16A
     *   H     2019-09-01  2019-10-01   16A
     * 2020: episodes 2; 16A 2 -> 100.0%; 18A 1 -> 50.0%; 18C (from 2021) and 24A (from 2022): x
     *   rates over mid-2019 population 40,000: Total 2 -> 0.5; 18A 1 -> 0.25 -> 0.3 (one decimal place, half up)
     * LA 302, 2024: J 2023-09-01..2023-09-10 16A -> Total 1, 16A 100.0%; its rate has no population: null
     */
    static Dataset<Row> factors() {
        CinSilverFixture f = CinSilverFixture.of("assessment_factor");
        row(f, "301", "A", "2023-05-01", "2023-06-01", "16A", "3B");
        row(f, "301", "A", "2023-10-01", "2023-11-15", "16A");
        row(f, "301", "B", "2023-07-01", "2023-08-01", "21");
        row(f, "301", "C", "2024-03-01", "2024-03-31", "24A", "3B", "18C");
        row(f, "301", "D", "2023-03-01", "2023-04-01", "17A");
        row(f, "301", "E", "2024-03-20", null, "16A");
        row(f, "301", "F", "2024-03-25", "2024-04-01", "16A");
        row(f, "301", "G", "2019-06-01", "2019-07-01", "18A", "16A");
        row(f, "301", "H", "2019-09-01", "2019-10-01", "16A");
        row(f, "302", "J", "2023-09-01", "2023-09-10", "16A");
        // the derived table has no is_latest / vanished (it is built from the history): as in silver
        return f.frame().drop(MeasureContext.IS_LATEST, MeasureContext.VANISHED);
    }

    private static void row(CinSilverFixture f, String la, String child, String start, String authorised,
                            String... codes) {
        for (String code : codes) {
            f.row("la_code", la, "person_id", child, "start_date", start, "authorisation_date", authorised,
                    "factor", code);
        }
    }

    static MeasureContext context() {
        return MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2020).ret("301", MeasureContext.CIN_CENSUS, 2024)
                .ret("302", MeasureContext.CIN_CENSUS, 2024)
                .table("population", CinSilverFixture.population("301", 2019, 40000, "301", 2023, 20000))
                .table("assessment_factor", factors()).build();
    }

    @Test
    void sharesAndRatesOfEveryFactor() {
        Map<String, Row> r = CinSilverFixture.results(new AssessmentFactorMeasures().compute(context()));
        String s = AssessmentFactorMeasures.SHARE + "|301|";
        String rate = AssessmentFactorMeasures.RATE + "|301|";
        expect(r, s + "202324|Total", 4.0, 4L, null);
        expect(r, s + "202324|16A", 50.0, 2L, 4L);
        expect(r, s + "202324|3B", 50.0, 2L, 4L);
        expect(r, s + "202324|24A", 25.0, 1L, 4L);
        expect(r, s + "202324|18C", 25.0, 1L, 4L);
        expect(r, s + "202324|17A", 25.0, 1L, 4L);
        expect(r, s + "202324|1A", 0.0, 0L, 4L);
        expect(r, s + "202324|18A", null, null, null);
        assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(get(r, s + "202324|18A").getAs("note")));
        expect(r, s + "201920|Total", 2.0, 2L, null);
        expect(r, s + "201920|16A", 100.0, 2L, 2L);
        expect(r, s + "201920|18A", 50.0, 1L, 2L);
        expect(r, s + "201920|18C", null, null, null);
        Row cce = get(r, s + "201920|24A");
        assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(cce.getAs("note")));
        assertTrue(((String) cce.getAs("note")).contains("cin_assessment_factor from collection year 2022"), (String) cce.getAs("note"));

        expect(r, rate + "202324|Total", 2.0, 4L, 20000L);
        expect(r, rate + "202324|16A", 1.0, 2L, 20000L);
        expect(r, rate + "202324|17A", 0.5, 1L, 20000L);
        expect(r, rate + "202324|1A", 0.0, 0L, 20000L);
        expect(r, rate + "202324|18A", null, null, null);
        expect(r, rate + "201920|Total", 0.5, 2L, 40000L);
        expect(r, rate + "201920|18A", 0.3, 1L, 40000L);

        expect(r, AssessmentFactorMeasures.SHARE + "|302|202324|Total", 1.0, 1L, null);
        expect(r, AssessmentFactorMeasures.SHARE + "|302|202324|16A", 100.0, 1L, 1L);
        Row noPop = get(r, AssessmentFactorMeasures.RATE + "|302|202324|16A");
        org.junit.jupiter.api.Assertions.assertNull((Object) noPop.getAs("value"));
        assertTrue(((String) noPop.getAs("note")).contains("no ONS mid-2023"), (String) noPop.getAs("note"));
        // 21 is not a factor, and a year without a return has no rows
        assertFalse(r.containsKey(s + "202324|21"));
        assertFalse(r.keySet().stream().anyMatch(k -> k.contains("|202425|")));
        // every code of the code list but 21, for each of the 3 LA-years, in both measures, plus their Totals
        assertEquals(2 * 3 * 44, r.size());
    }

    /** The catalogue publishes exactly the code list's factors (without 21), in its order, in both measures. */
    @Test
    void theCatalogueListsTheCodeListsFactors() {
        List<String> codes = AssessmentFactorMeasures.factorCodes().stream().map(CodeLists.Entry::code).toList();
        assertEquals(43, codes.size());
        MeasureSpec spec = MeasureSpec.load();
        for (String id : List.of(AssessmentFactorMeasures.SHARE, AssessmentFactorMeasures.RATE)) {
            MeasureSpec.Measure m = spec.get(id).orElseThrow();
            assertEquals(codes, m.breakdowns().get(0).values(), id);
            assertEquals(codes, m.breakdowns().get(0).nonAdditive(), id);
            assertTrue(m.frameworkRef() != null && !m.frameworkRef().isBlank(), id);
        }
    }
}
