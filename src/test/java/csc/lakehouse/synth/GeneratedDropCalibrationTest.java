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
 * pipeline").
 */
class GeneratedDropCalibrationTest {
    static GeneratedDrop drop;
    static List<Row> gold;

    @BeforeAll
    static void measures() {
        drop = GeneratedDrop.get(false);
        new MeasuresJob(drop.lake, new RunManifest("measures")).run(MeasuresJob.Options.defaults());
        gold = new ArrayList<>();
        List<String> wanted = List.of(CalibrationReport.INDICATORS);
        for (String t : drop.lake.tables(Layer.GOLD)) {
            Dataset<Row> g = drop.lake.read(Layer.GOLD, t);
            if (!List.of(g.columns()).contains("measure_id")) continue;
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
                if (p == null) { bad.add(ind + " " + y + ": no pipeline value"); continue; }
                if (!agrees(ind, y, p, j)) bad.add(String.format(Locale.ROOT, "%s %d: pipeline %.1f vs journeys %.1f", ind, y, p, j));
            }
        }
        System.err.println("[calibration] pipeline vs journeys\n" + cmp);
        assertTrue(bad.isEmpty(), String.join("\n", bad) + "\n" + cmp);
    }

    /** Tolerance per indicator: rates and counts within 2% (rounding to 1 dp), percentages within 2 points. */
    static boolean agrees(String ind, int year, double p, double j) {
        boolean pct = ind.equals("rereferrals_12m") || ind.equals("assessments_45wd") || ind.equals("cpp_repeat")
                || ind.equals("cla_starts_police_protection");
        if (pct) return Math.abs(p - j) <= 2.0;
        return Math.abs(p - j) <= Math.max(0.2, 0.02 * Math.abs(j));
    }
}
