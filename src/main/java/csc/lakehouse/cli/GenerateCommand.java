package csc.lakehouse.cli;

import csc.lakehouse.synth.CalibrationReport;
import csc.lakehouse.synth.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** ./csc generate: writes a synthetic extract drop (architecture.md section 4). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic extract drop (CIN census XML, SSDA903 CSVs, population, Annex A, local trackers) from simulated journeys.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "output folder") Path out;
    @Option(names = "--seed", defaultValue = "20231", description = "random seed (default ${DEFAULT-VALUE})") long seed;
    @Option(names = "--scale", defaultValue = "borough", description = "borough | national | FACTOR (multiplies the borough)") String scale;
    @Option(names = "--from", defaultValue = "2013", description = "first collection year (default ${DEFAULT-VALUE})") int from;
    @Option(names = "--to", defaultValue = "2026", description = "last collection year (default ${DEFAULT-VALUE})") int to;
    @Option(names = "--dirty", description = "inject real-extract defects, counted in DIR/_dirty.json") boolean dirty;
    @Option(names = "--report", description = "print the calibration table against published Barking and Dagenham figures") boolean report;
    @Option(names = "--threads", defaultValue = "2", description = "LAs generated in parallel at national scale") int threads;
    @Option(names = "--debug", description = "stack traces on error") boolean debug;

    @Override
    public Integer call() {
        try {
            Generator.factor(scale);
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            return 2;
        }
        if (from > to) { System.err.println("generate: --from must not be after --to"); return 2; }
        try {
            long t0 = System.nanoTime();
            Generator.Result r = Generator.generate(new Generator.Options(out, seed, scale, from, to, dirty, report, threads), System.err);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "generated %s: %d LA(s), years %d-%d, %d rows in %.1f s%s%n", out, r.las().size(), from, to, r.rows(), s,
                    dirty ? " (defects counted in _dirty.json)" : "");
            if (report) {
                for (Generator.LaResult la : r.las()) {
                    if (!la.la().equals(Generator.BOROUGH_LA)) continue;
                    CalibrationReport rep = la.report();
                    System.out.println("calibration: LA " + la.la() + " (Barking and Dagenham) generated vs published (reference.md 5.2, 5.3)");
                    System.out.print(rep.table());
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("generate: failed: " + e);
            if (debug) e.printStackTrace();
            return 1;
        }
    }
}
