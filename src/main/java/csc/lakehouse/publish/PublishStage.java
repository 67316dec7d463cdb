package csc.lakehouse.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The local folder a publish writes its outputs into before {@link OutputFolder} publishes them (the driver's
 * temporary folder, owner-only like every output). Named {@code csc-publish-<pid>-*}: a publish that was killed
 * leaves its folder behind, and the next one removes the folders of processes that are gone.
 */
final class PublishStage {
    static final String PREFIX = "csc-publish-";

    private PublishStage() {}

    static Path create() {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        try {
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path d : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                    if (!alive(d.getFileName().toString())) delete(d);
                }
            }
            return Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder in " + tmp + ": " + e.getMessage(), e);
        }
    }

    private static boolean alive(String name) {
        String[] parts = name.substring(PREFIX.length()).split("-", 2);
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;   // not ours to remove
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover staging folder is removed by the next publish; not worth failing this one
        }
    }
}
