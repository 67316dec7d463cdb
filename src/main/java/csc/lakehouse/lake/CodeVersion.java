package csc.lakehouse.lake;

import java.io.InputStream;
import java.util.Properties;

/** The code version stamped into manifests: the git commit the build was made from, when known. */
public final class CodeVersion {
    private static final String VERSION = load();

    private CodeVersion() {}

    public static String get() { return VERSION; }

    /**
     * The version and when the classes were built (the jar's or class folder's modification time): what a stage
     * that skips unchanged work compares, so that a new build redoes the work once. An unknown build is never equal.
     */
    public static String build() {
        try {
            return VERSION + " built " + new java.io.File(CodeVersion.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).lastModified();
        } catch (Exception e) {
            return VERSION + " built at an unknown time " + System.nanoTime();
        }
    }

    private static String load() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/csc-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "unknown");
                String c = p.getProperty("commit", "");
                return c.isBlank() || c.startsWith("${") ? v : v + "+" + c;
            }
        } catch (Exception ignored) {
            // fall through: a missing version file must not stop a run
        }
        return "unknown";
    }
}
