package csc.lakehouse.conform;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pseudonym reuses one Mac per thread: it must still be HMAC-SHA-256 over {@code <la>|<id>} under the key it is
 * given, whatever key the thread used before, and the same on every thread.
 */
class PseudonymiserTest {
    /** The definition, computed independently with a fresh Mac: first 32 hex characters of the HMAC. */
    static String reference(String key, String la, String id) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((la + "|" + id).getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    @Test
    void alternatingKeysGiveEachKeysPseudonym() throws Exception {
        byte[] a = "key-a".getBytes(StandardCharsets.UTF_8), b = "key-b".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            assertEquals(reference("key-a", "301", "C1"), Pseudonymiser.hash(a, "301", "C1"));
            assertEquals(reference("key-b", "301", "C1"), Pseudonymiser.hash(b, "301", "C1"));
        }
        assertNotEquals(Pseudonymiser.hash(a, "301", "C1"), Pseudonymiser.hash(b, "301", "C1"));
        // trimmed, null LA as empty, blank id as null
        assertEquals(reference("key-a", "301", "C1"), Pseudonymiser.hash(a, " 301 ", " C1 "));
        assertEquals(reference("key-a", "", "C1"), Pseudonymiser.hash(a, null, "C1"));
        assertNull(Pseudonymiser.hash(a, "301", "  "));
    }

    @Test
    void everyThreadGivesTheSamePseudonyms() throws Exception {
        byte[] k = "key-a".getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Boolean>> all = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        if (!reference("key-a", "301", "C" + i).equals(Pseudonymiser.hash(k, "301", "C" + i))) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : all) assertTrue(f.get());
        } finally {
            pool.shutdown();
        }
    }
}
