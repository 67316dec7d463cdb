package csc.lakehouse.conform.cin;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.RunManifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Builds temporary drops from test resources and runs the ingest on them. */
final class CinTestSupport {
    private CinTestSupport() {}

    static Path drop(String prefix, String... resources) {
        Path dir = SparkTestSession.tempDir(prefix);
        try {
            Path cin = Files.createDirectories(dir.resolve("cin_census"));
            for (String r : resources) {
                try (InputStream in = CinTestSupport.class.getResourceAsStream("/cin/" + r)) {
                    Files.copy(in, cin.resolve(r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static IngestAndConform.Result run(Path drop, Lakehouse lake) {
        try {
            return new IngestAndConform(SparkTestSession.get(), lake, new RunManifest("test"), null).run(drop.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, SilverWriter.Outcome> byTable(IngestAndConform.Result r) {
        Map<String, SilverWriter.Outcome> m = new TreeMap<>();
        for (SilverWriter.Outcome o : r.silver()) m.put(o.table(), o);
        return m;
    }

    /** The expected id: first 16 hex chars of sha256("la|person|date"). */
    static String id(String la, String person, String date) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((la + "|" + person + "|" + date)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
