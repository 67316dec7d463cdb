package csc.lakehouse.cli;

import csc.lakehouse.lake.CodeVersion;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.synth.Generator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The synthetic drop a command runs on ({@code demo}, {@code bench}): generator seed, scale and years,
 * and the rule for reusing a drop already generated. A drop is reused while its stamp file names the
 * same parameters and code version (the generator is deterministic, so the bytes would be the same).
 */
public final class SyntheticDropOptions {
    @Option(names = "--seed", defaultValue = "20231", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "borough", description = "borough | national | FACTOR (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--from", defaultValue = "2013", description = "first collection year (default: ${DEFAULT-VALUE})")
    int from;

    @Option(names = "--to", defaultValue = "2026", description = "last collection year (default: ${DEFAULT-VALUE})")
    int to;

    /** Bad usage (unknown scale, years reversed) as a one-line usage error. */
    void check() {
        try {
            Generator.factor(scale);
        } catch (IllegalArgumentException e) {
            throw new Csc.UsageError(e.getMessage());
        }
        if (from > to) throw new Csc.UsageError("--from must not be after --to");
    }

    String describe() {
        return "seed=" + seed + " scale=" + scale + " from=" + from + " to=" + to;
    }

    /**
     * Generates the drop into {@code dir} unless its stamp ({@code dir/<stampName>}) says it already holds
     * these parameters from this code version; returns the drop's input rows.
     */
    long generateOrReuse(Path dir, String stampName) throws Exception {
        Path stamp = dir.resolve(stampName);
        String want = describe() + " code=" + CodeVersion.get();
        if (Files.exists(stamp)) {
            List<String> lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(want) && lines.get(1).startsWith("rows=")) {
                Progress.say("reusing the synthetic drop in %s (%s)", dir, describe());
                return Long.parseLong(lines.get(1).substring(5));
            }
        }
        if (Files.exists(dir)) deleteTree(dir);
        Progress.say("generating the synthetic drop into %s (%s)...", dir, describe());
        Generator.Result r = Generator.generate(new Generator.Options(dir, seed, scale, from, to, false, false, 2), System.err);
        Files.writeString(stamp, want + "\nrows=" + r.rows() + "\n", StandardCharsets.UTF_8);
        return r.rows();
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
