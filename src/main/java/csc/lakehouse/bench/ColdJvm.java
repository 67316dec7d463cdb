package csc.lakehouse.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a new JVM on this JVM's class path with the flags Spark needs on Java 17 (the launcher's
 * {@code --add-opens} and friends, as this JVM got them): a cold start, for timings that must not inherit this JVM's
 * warm JIT and loaded classes, and for runs a test kills.
 */
public final class ColdJvm {
    private ColdJvm() {}

    public static List<String> command(String heap, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-XX:+Ignore") || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-Dio.netty") || a.startsWith("-Duser.timezone")) cmd.add(a);
        }
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** This JVM's maximum heap, as an -Xmx value (megabytes). */
    public static String sameHeap() {
        return (Runtime.getRuntime().maxMemory() >> 20) + "m";
    }
}
