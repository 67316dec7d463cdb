package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NationalFrameworkMeasuresTest {

    /*
     * A lakehouse that holds the 2023-24 CIN census and SSDA903 returns of LA 301 but none of the silver tables
     * these measures read (a council without a missing or social-worker file, say): every part still computes,
     * from empty frames of the declared schemas, and the one gold table holds exactly the declared measure ids.
     * Counts are 0 by hand: no episodes, so cla_ceased Total = 0 and its shares 0.0; cla_missing 0 of 0 -> null;
     * cla_3plus_social_workers for 2023-24 (collected from 2024) 0 of 0 -> null; no OC3 rows, so care_leavers_17_18
     * = 0 and its EET share 0 of 0 -> null; no OC2 rows, so cla_12m_31mar = 0 and the SDQ average (no scores) null.
     * The Annex A part is the exception: its rows are dated at a workbook's latest date, and without a workbook there
     * is no date to publish at, so it emits no row at all (AnnexAMeasuresTest covers a workbook that lacks columns).
     */
    @Test
    void everyPartComputesOverAnEmptyLakehouseAndEmitsItsDeclaredIds() {
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2024).ret("301", MeasureContext.SSDA903, 2024).build();
        NationalFrameworkMeasures f = new NationalFrameworkMeasures();
        Map<String, Row> r = CinSilverFixture.results(f.compute(c));
        TreeSet<String> emitted = new TreeSet<>();
        for (Row row : r.values()) emitted.add(row.getAs("measure_id"));
        TreeSet<String> declared = new TreeSet<>(f.definitions().stream().map(MeasureDefinition::id).toList());
        new AnnexAMeasures().definitions().forEach(d -> declared.remove(d.id()));
        assertEquals(declared, emitted);
        assertEquals(List.of("national_framework"), List.of(f.name()));
        expect(r, "cla_ceased|301|202324|Total", 0.0, 0L, null);
        expect(r, "cla_ceased|301|202324|E41", 0.0, 0L, 0L);
        expect(r, "cla_missing|301|202324|Total", null, 0L, 0L);
        expect(r, "cla_3plus_social_workers|301|202324|Total", null, 0L, 0L);
        expect(r, "assessment_factors|301|202324|Total", 0.0, 0L, null);
        expect(r, "care_leavers_17_18|301|202324|Total", 0.0, 0L, null);
        expect(r, "care_leavers_17_18_eet|301|202324|Total", null, 0L, 0L);
        expect(r, "cla_12m_31mar|301|202324|Total", 0.0, 0L, null);
        expect(r, "cla_12m_sdq_average|301|202324|Total", null, 0L, 0L);
    }
}
