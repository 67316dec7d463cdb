package csc.lakehouse;

import csc.lakehouse.lake.WorkCounter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * After every test class: the Spark jobs, tasks, Delta commits and files it caused, and its seconds, appended to
 * {@code target/class-work.txt} (one line per class). Jobs do not depend on the machine's load, so this file says
 * which classes cost the suite most even on a busy machine; the shared fixture's run is charged to the class that
 * first asked for it. Registered through META-INF/services (extension autodetection).
 */
public final class ClassWork implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ClassWork.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("start", WorkCounter.snapshot());
        context.getStore(NS).put("t0", System.nanoTime());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        WorkCounter.Snapshot start = context.getStore(NS).get("start", WorkCounter.Snapshot.class);
        Long t0 = context.getStore(NS).get("t0", Long.class);
        if (start == null || t0 == null) return;
        WorkCounter.Snapshot w = WorkCounter.snapshot().since(start);
        String line = String.format(Locale.ROOT, "%-60s %8.1f s %s%n", context.getRequiredTestClass().getName(),
                (System.nanoTime() - t0) / 1e9, w.line());
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/class-work.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a figure only
        }
    }
}
