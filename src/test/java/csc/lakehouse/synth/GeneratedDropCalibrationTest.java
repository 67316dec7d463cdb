package csc.lakehouse.synth;

import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.measures.MeasuresJob;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue acceptance (c): the calibration indicators computed by the pipeline (ingest + MeasuresJob on the tiny clean
 * drop, scale 0.1, 2023-2025) agree with the generator's own journey-based report for the same drop. They measure the
 * same thing; the tolerances allow only the known differences (see docs/generator.md "Calibration against the
 * pipeline"): the first year's look-back measures (re-referrals, repeat plans), which are not published because the
 * drop has no return for the year before.
 */
@org.junit.jupiter.api.Tag("slow")
class GeneratedDropCalibrationTest {
    static GeneratedDrop drop;
    static List<Row> gold;

    @BeforeAll
    static void measures() {
        drop = GeneratedDrop.get(false);
        if (drop.ingest != null && !drop.measured) new MeasuresJob(drop.lake, new RunManifest("measures")).run(MeasuresJob.Options.defaults());
        gold = new ArrayList<>();
        List<String> wanted = new ArrayList<>(List.of(CalibrationReport.INDICATORS));
        wanted.addAll(ClaCalibration.PIPELINE_MEASURES);
        for (String t : drop.lake.tables(Layer.GOLD)) {
            Dataset<Row> g = drop.lake.read(Layer.GOLD, t);
            if (!List.of(g.columns()).containsAll(List.of("measure_id", "breakdown", "time_identifier"))) continue;
            gold.addAll(g.filter(g.col("measure_id").isin(wanted.toArray())).collectAsList());
        }
    }

    @Test
    void pipelineAgreesWithTheJourneyReport() {
        double scale = Generator.factor(GeneratedDrop.SCALE);
        CalibrationReport journeys = drop.generated.las().get(0).report();
        Map<String, Map<Integer, Double>> pipeline = PipelineCalibration.values(gold, Generator.BOROUGH_LA, scale);
        System.err.println(PipelineCalibration.table(gold, Generator.BOROUGH_LA, scale));
        StringBuilder cmp = new StringBuilder(String.format(Locale.ROOT, "%-30s %5s %10s %10s %8s%n", "indicator", "year", "pipeline", "journeys", "diff"));
        List<String> bad = new ArrayList<>();
        for (String ind : CalibrationReport.INDICATORS) {
            for (int y = GeneratedDrop.FROM; y <= GeneratedDrop.TO; y++) {
                double j = journeys.value(ind, y);
                Double p = pipeline.getOrDefault(ind, Map.of()).get(y);
                cmp.append(String.format(Locale.ROOT, "%-30s %5d %10s %10.1f %8s%n", ind, y, p == null ? "-" : String.format(Locale.ROOT, "%.1f", p), j,
                        p == null ? "" : String.format(Locale.ROOT, "%+.1f", p - j)));
                if (Double.isNaN(j)) continue;
                if ((ind.equals("rereferrals_12m") || ind.equals("cpp_repeat")) && y == GeneratedDrop.FROM) {
                    // look-back measures need return Y-1 (measures.md); the drop's first year has none, so the
                    // pipeline must not publish it as if it were real
                    if (p != null) bad.add(ind + " " + y + ": first year has no previous return and must not be published, was " + p);
                    continue;
                }
                if (p == null) { bad.add(ind + " " + y + ": no pipeline value"); continue; }
                if (!agrees(ind, y, p, j)) bad.add(String.format(Locale.ROOT, "%s %d: pipeline %.1f vs journeys %.1f", ind, y, p, j));
            }
        }
        System.err.println("[calibration] pipeline vs journeys\n" + cmp);
        assertTrue(bad.isEmpty(), String.join("\n", bad) + "\n" + cmp);
    }

    /**
     * The looked-after and care-leaver indicators the pipeline publishes (care leavers' EET and suitable accommodation,
     * 3+ placements, 3+ social workers) are computed by the report on the same definitions from the same journeys, so
     * they agree to the pipeline's rounding; a year the journeys have no value for (no care leaver of the age, no
     * social worker episodes before 2024) is skipped.
     */
    @Test
    void pipelineAgreesWithTheJourneysOnLookedAfterChildren() {
        CalibrationReport journeys = drop.generated.las().get(0).report();
        Map<String, Map<Integer, Double>> pipeline = PipelineCalibration.values(gold, Generator.BOROUGH_LA,
                Generator.factor(GeneratedDrop.SCALE), ClaCalibration.PIPELINE_MEASURES);
        StringBuilder cmp = new StringBuilder(String.format(Locale.ROOT, "%-41s %5s %10s %10s%n", "indicator", "year", "pipeline", "journeys"));
        List<String> bad = new ArrayList<>();
        for (String ind : ClaCalibration.PIPELINE_MEASURES) {
            for (int y = GeneratedDrop.FROM; y <= GeneratedDrop.TO; y++) {
                double j = journeys.value(ind, y);
                Double p = pipeline.getOrDefault(ind, Map.of()).get(y);
                cmp.append(String.format(Locale.ROOT, "%-41s %5d %10s %10.1f%n", ind, y, p == null ? "-" : String.format(Locale.ROOT, "%.1f", p), j));
                if (Double.isNaN(j)) continue;
                if (p == null) bad.add(ind + " " + y + ": no pipeline value");
                else if (!agrees(ind, y, p, j)) bad.add(String.format(Locale.ROOT, "%s %d: pipeline %.1f vs journeys %.1f", ind, y, p, j));
            }
        }
        System.err.println("[calibration] looked-after children, pipeline vs journeys\n" + cmp);
        assertTrue(bad.isEmpty(), String.join("\n", bad) + "\n" + cmp);
    }

    /**
     * The pipeline rounds to 1 dp and the journeys do not; otherwise they agree exactly on this drop (observed: every
     * indicator-year but the first year's re-referrals identical to 0.1). cla_starts is a count divided by the scale.
     */
    static boolean agrees(String ind, int year, double p, double j) {
        return Math.abs(p - j) <= 0.1 + 1e-9;
    }
}
