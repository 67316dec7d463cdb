package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.Family;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One local authority's synthetic history: families arrive at a rate that follows the ONS 0-17 population and the
 * year's demand factor, each is simulated on its own (one family at a time, nothing else held), and handed to the
 * consumer in arrival order. {@link #journeys(Consumer)} is the API writers use (CIN census, SSDA903, Annex A, trackers,
 * calibration); calling it twice yields the same families.
 */
public final class Borough {
    /** families arriving this many years before the first collection year give the early years their open caseload */
    public static final int WARM_UP_YEARS = 12;
    public final LaPopulation pop;
    public final long seed;
    public final double scale;
    public final int fromYear, toYear;
    public final Params params;

    public Borough(LaPopulation pop, long seed, double scale, int fromYear, int toYear, Params params) {
        this.pop = pop; this.seed = seed; this.scale = scale; this.fromYear = fromYear; this.toYear = toYear; this.params = params;
    }

    public LocalDate horizon() { return Dates.yearEnd(toYear); }

    /** streams every family, in arrival order */
    public void journeys(Consumer<Family> sink) {
        SplittableRandom r = new SplittableRandom(Simulator.mix(Simulator.mix(seed, Long.parseLong(pop.laCode)), -1));
        int swPool = (int) Math.max(5, Math.round(pop.population(2024) / 10_000.0 * params.socialWorkersPer10k * scale));
        Simulator sim = new Simulator(params, pop.laCode, horizon(), swPool);
        long n = 0;
        for (int y = fromYear - WARM_UP_YEARS; y <= toYear; y++) {
            double expected = pop.population(y - 1) / 10_000.0 * params.newFamiliesPer10k * params.yearFactor(params.demandByYear, y) * scale;
            // warm-up years: fewer arrivals long ago contribute only long-running cases
            long count = (long) Math.floor(expected);
            if (r.nextDouble() < expected - count) count++;
            LocalDate start = Dates.yearStart(y);
            int days = (int) (Dates.yearEnd(y).toEpochDay() - start.toEpochDay()) + 1;
            // arrival dates in order within the year (sorted uniform draws by the spacing method)
            double acc = 0;
            double[] gaps = new double[(int) count + 1];
            for (int i = 0; i <= count; i++) { gaps[i] = -Math.log(1 - r.nextDouble()); acc += gaps[i]; }
            double cum = 0;
            for (int i = 0; i < count; i++) {
                cum += gaps[i];
                LocalDate first = start.plusDays((long) Math.min(days - 1, Math.floor(cum / acc * days)));
                sink.accept(sim.family(seed, n++, first));
            }
        }
    }
}
