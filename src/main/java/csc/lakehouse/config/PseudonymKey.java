package csc.lakehouse.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret behind the keyed pseudonyms. Real data needs a key from the environment
 * ({@code CSC_PSEUDONYM_KEY}) or a key file ({@code CSC_PSEUDONYM_KEY_FILE} or {@code --key-file}),
 * kept outside the repository. Only the demo may create a throwaway key, in the user's home folder.
 */
public final class PseudonymKey {
    private final byte[] key;
    private final String origin;

    private PseudonymKey(byte[] key, String origin) {
        this.key = key;
        this.origin = origin;
    }

    public byte[] bytes() { return key.clone(); }

    /** Where the key came from (never the key itself), for the manifest. */
    public String origin() { return origin; }

    /** Thrown when no key is configured; the CLI turns it into a one-line usage error. */
    public static final class MissingKey extends RuntimeException {
        public MissingKey(String m) { super(m); }
    }

    public static PseudonymKey resolve(String keyFile) {
        if (keyFile != null && !keyFile.isBlank()) {
            return fromFile(Paths.get(keyFile));
        }
        String env = System.getenv("CSC_PSEUDONYM_KEY");
        if (env != null && !env.isBlank()) {
            return new PseudonymKey(env.getBytes(StandardCharsets.UTF_8), "env:CSC_PSEUDONYM_KEY");
        }
        String file = System.getenv("CSC_PSEUDONYM_KEY_FILE");
        if (file != null && !file.isBlank()) {
            return fromFile(Paths.get(file));
        }
        throw new MissingKey("no pseudonym key: set CSC_PSEUDONYM_KEY or CSC_PSEUDONYM_KEY_FILE, or pass --key-file "
                + "(keep the key outside the repository; see README 'Pseudonymisation')");
    }

    private static PseudonymKey fromFile(Path p) {
        try {
            String k = Files.readString(p, StandardCharsets.UTF_8).trim();
            if (k.length() < 16) {
                throw new MissingKey("pseudonym key file " + p + " holds fewer than 16 characters");
            }
            return new PseudonymKey(k.getBytes(StandardCharsets.UTF_8), "file:" + p.toAbsolutePath());
        } catch (IOException e) {
            throw new MissingKey("cannot read pseudonym key file " + p + ": " + e.getMessage());
        }
    }

    /** The demo's throwaway key: created once in ~/.csc-lakehouse/demo.key, readable by the owner only. */
    public static PseudonymKey demoKey() {
        Path p = Paths.get(System.getProperty("user.home"), ".csc-lakehouse", "demo.key");
        try {
            if (!Files.exists(p)) {
                Files.createDirectories(p.getParent());
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                Files.writeString(p, HexFormat.of().formatHex(b) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // non-POSIX filesystem: best effort
                }
            }
            return fromFile(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests and the generator's self-checks only. */
    public static PseudonymKey of(String key) {
        return new PseudonymKey(key.getBytes(StandardCharsets.UTF_8), "explicit");
    }
}
