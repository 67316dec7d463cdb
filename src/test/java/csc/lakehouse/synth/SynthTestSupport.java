package csc.lakehouse.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers for the generator tests: small drops written to temporary folders. */
final class SynthTestSupport {
    private SynthTestSupport() {}

    static Path generate(Path dir, String scale, int from, int to, boolean dirty) throws Exception {
        Generator.generate(new Generator.Options(dir, 20231, scale, from, to, dirty, false, 1), null);
        return dir;
    }

    static List<Path> files(Path root, String glob) throws IOException {
        var m = root.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> m.matches(root.relativize(p))).sorted().toList();
        }
    }
}
