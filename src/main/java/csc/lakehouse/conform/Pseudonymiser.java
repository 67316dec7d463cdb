package csc.lakehouse.conform;

import csc.lakehouse.config.PseudonymKey;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed pseudonyms for child identifiers: HMAC-SHA-256 over {@code <la_code>|<identifier>}, hex, first
 * 32 characters (128 bits). The same child in the CIN census and the SSDA903 of one LA gets the same
 * pseudonym; without the key the pseudonym cannot be reversed or recomputed from a guessed identifier.
 */
public final class Pseudonymiser {
    public static final String UDF_NAME = "csc_pseudonym";

    private Pseudonymiser() {}

    /** Registers {@code csc_pseudonym(la, id)} in the session with this key. */
    public static void register(SparkSession spark, PseudonymKey key) {
        final byte[] k = key.bytes();
        spark.udf().register(UDF_NAME, (UDF2<String, String, String>) (la, id) -> hash(k, la, id),
                DataTypes.StringType);
    }

    /** Column expression: the pseudonym of {@code id} within {@code la}; null when the id is blank. */
    public static Column pseudonym(Column la, Column id) {
        return functions.call_udf(UDF_NAME, la, id);
    }

    public static String hash(byte[] key, String la, String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String msg = (la == null ? "" : la.trim()) + "|" + id.trim();
        // doFinal leaves the Mac ready for the next message under the same key
        return HexFormat.of().formatHex(mac(key).doFinal(msg.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    /**
     * One initialised Mac per thread and key: creating and initialising one per pseudonym cost about three times
     * the hashing itself (issue 16). A Mac is not thread-safe, hence one per thread.
     */
    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    private record KeyedMac(byte[] key, Mac mac) {}

    private static Mac mac(byte[] key) {
        KeyedMac m = MACS.get();
        if (m == null || !java.util.Arrays.equals(m.key(), key)) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                m = new KeyedMac(key.clone(), mac);
                MACS.set(m);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return m.mac();
    }
}
