package csc.lakehouse.objectstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.TinyDrop;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.RunLock;
import csc.lakehouse.publish.OutputFolder;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 19: the lakehouse and every output on {@code s3a://}, against a real S3 API server on 127.0.0.1 (S3Proxy,
 * storing to a local folder), not a mocked client. The shared small drop goes through {@code ingest},
 * {@code measures} and {@code publish} with {@code --lakehouse s3a://...} and {@code --out s3a://...}; its
 * trends.csv must be the local run's bytes. Then: nothing is written outside the bucket, a second run is held off
 * by the lock, a publish killed while copying leaves the previous set readable and complete, and the test's
 * secret key appears in no log line, console line or stored object.
 */
class ObjectStorageTest {
    static final String BUCKET = "csc-test";

    /** CI: the shared tiny drop (TinyDrop), whose clean local run the crash test also uses. */
    @Test
    void theTinyDropOnS3() throws Exception {
        TinyDrop.Clean tiny = TinyDrop.get();
        onS3(tiny.drop(), tiny.key(), tiny.out());
    }

    /** Stress tier: the shared small drop (every source, three years), compared with its local run. */
    @Test
    @org.junit.jupiter.api.Tag("stress")
    void theSmallDropOnS3() throws Exception {
        SmallDrop small = SmallDrop.get();
        onS3(small.dir, small.keyFile, small.out);
    }

    /** {@code drop} through ingest, measures and publish on s3a://, compared with {@code localOut} (its local run). */
    static void onS3(Path drop, Path keyFile, Path localOut) throws Exception {
        Path base = SparkTestSession.tempDir("object-storage");
        String secret = "csc-s3-secret-" + UUID.randomUUID();
        Path cwd = Paths.get("").toAbsolutePath();
        Set<String> cwdBefore = names(cwd);
        Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
        String lake = "s3a://" + BUCKET + "/lake";
        String out = "s3a://" + BUCKET + "/out";
        String key = keyFile.toString();
        StringBuilder console = new StringBuilder();
        try (S3Server s3 = new S3Server(base.resolve("store"), secret); LogCapture logs = new LogCapture()) {
            s3.createBucket(BUCKET);
            // the test's credentials through Hadoop's own provider chain (per-bucket settings), never a command line
            for (String[] kv : bucketSettings(s3)) conf.set(kv[0], kv[1]);
            conf.set("fs.s3a.bucket." + BUCKET + ".access.key", S3Server.ACCESS_KEY);
            conf.set("fs.s3a.bucket." + BUCKET + ".secret.key", secret);
            Path bucket = s3.folder.resolve(BUCKET);

            List<String> publish = new ArrayList<>(List.of("publish", "--lakehouse", lake, "--out", out, "--key-file", key));
            if (Files.isDirectory(drop.resolve("benchmarks"))) {
                publish.addAll(List.of("--benchmarks", drop.resolve("benchmarks").toString()));
            }
            assertEquals(Csc.OK, csc(console, "ingest", "--input", drop.toString(), "--lakehouse", lake, "--key-file", key));
            assertEquals(Csc.OK, csc(console, "measures", "--lakehouse", lake, "--key-file", key));
            assertEquals(Csc.OK, csc(console, publish.toArray(String[]::new)));

            // the same figures as the local run of the same drop, read back through s3a
            OutputFolder o = OutputFolder.at(conf, out);
            assertArrayEquals(Files.readAllBytes(localOut.resolve("trends.csv")), o.readBytes("trends.csv"),
                    "trends.csv on s3a:// differs from the local run's");
            assertTrue(Files.isDirectory(bucket.resolve("lake/silver")) && Files.isDirectory(bucket.resolve("lake/gold")),
                    "the tables are in the bucket");
            JsonNode first = manifest(o);
            assertSetComplete(o, first);
            assertEquals(Files.readString(localOut.resolve("published/trends.csv")), o.readString("published/trends.csv").orElseThrow());

            // a drop on the bucket: run/demo read its benchmarks/ through Hadoop's FileSystem into a local folder
            Path sn = csc.lakehouse.publish.BundledBenchmarks.dir().resolve("sn_model_2025_wide.csv");
            OutputFolder.at(conf, "s3a://" + BUCKET + "/drop").put("benchmarks/sn_model_2025_wide.csv", sn);
            Path fromBucket = csc.lakehouse.publish.BundledBenchmarks.fromDrop(conf, "s3a://" + BUCKET + "/drop");
            assertArrayEquals(Files.readAllBytes(sn), Files.readAllBytes(fromBucket.resolve("sn_model_2025_wide.csv")));
            assertNull(csc.lakehouse.publish.BundledBenchmarks.fromDrop(conf, "s3a://" + BUCKET + "/no-such-drop"));

            // nothing outside the bucket: no local folder named after the URI, nothing new where the tests run,
            // and the publish's staging folder removed
            assertEquals(cwdBefore, names(cwd), "files appeared in the working folder");
            assertFalse(Files.exists(Paths.get("s3a:")), "a local folder named s3a: was written");
            try (Stream<Path> s = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
                String mine = "csc-publish-" + ProcessHandle.current().pid() + "-";
                assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(mine)).toList());
            }

            // a second run is held off by the lock, which is an object in the bucket
            Lakehouse lh = new Lakehouse(SparkTestSession.get(), lake);
            try (RunLock held = RunLock.acquire(lh, "the test's holder", 0)) {
                assertTrue(Files.exists(bucket.resolve("lake/_lock")), "the lock object is in the bucket");
                // the heartbeat (S3A ignores setTimes) rewrites the lock object, conditionally on its ETag
                assertTrue(held.refresh(), "the heartbeat refreshes its own lock");
                assertTrue(Files.readString(bucket.resolve("lake/_lock")).contains("heartbeat_at="), "the lock was not rewritten");
                assertThrows(RunLock.Held.class, () -> RunLock.acquire(lh, "a second run", 0));
                assertEquals(Csc.FAILED, csc(console, publish.toArray(String[]::new)));
                assertTrue(console.toString().contains("another run holds the lakehouse " + lake),
                        "the refused run names the lock's holder");
            }
            assertFalse(Files.exists(bucket.resolve("lake/_lock")), "the lock is released");
            // a run whose lock another host cleared as stale and took: its heartbeat must not overwrite the new
            // holder's lock, nor its close delete it
            OutputFolder lakeFolder = OutputFolder.at(conf, lake);
            try (RunLock held = RunLock.acquire(lh, "a run whose lock is taken", 0)) {
                lakeFolder.writeString("_lock", "host=another-host\n");
                assertFalse(held.refresh(), "the heartbeat overwrote another run's lock");
            }
            assertEquals("host=another-host\n", lakeFolder.readString("_lock").orElse("(deleted)"), "close removed another run's lock");
            lakeFolder.delete("_lock");
            assertEquals(first.get("run_id").asText(), manifest(o).get("run_id").asText(), "the refused publish wrote nothing");

            // a publish killed while copying its set: the previous set stays readable and complete
            String childOut = publishKilledWhileCopying(s3, lake, out, key);
            console.append(childOut);
            assertTrue(childOut.contains("[csc] publish   usual names"), "the kill landed before the copy:\n" + childOut);
            assertEquals(first.get("run_id").asText(), manifest(o).get("run_id").asText(),
                    "the killed publish replaced manifest.json");
            assertSetComplete(o, first);
            String firstRun = first.get("run_id").asText();
            for (JsonNode f : first.get("published_files")) {
                // each file under its usual name is whole: the previous run's or the killed run's copy
                byte[] now = o.readBytes(f.get("name").asText());
                boolean whole = false;
                for (String run : o.list(OutputFolder.RUNS)) {
                    String copy = OutputFolder.RUNS + "/" + run + "/" + f.get("name").asText();
                    if (o.exists(copy) && java.util.Arrays.equals(now, o.readBytes(copy))) whole = true;
                }
                assertTrue(whole, f.get("name").asText() + " is neither run's copy");
            }
            assertEquals(2, o.list(OutputFolder.RUNS).size(), "the killed publish wrote its set: " + o.list(OutputFolder.RUNS));

            // the next publish completes; runs/ keeps this run's set and the one the replaced manifest named
            assertEquals(Csc.OK, csc(console, publish.toArray(String[]::new)));
            JsonNode second = manifest(o);
            assertSetComplete(o, second);
            // (S3Proxy's folder store shows an emptied folder as a directory; S3 has none: count the runs holding files)
            assertEquals(new TreeSet<>(List.of(firstRun, second.get("run_id").asText())),
                    new TreeSet<>(o.files(OutputFolder.RUNS).stream().map(f -> f.split("/", 2)[0]).toList()));

            // the secret key: in no log event, console line or stored object
            String logged = logs.text();
            assertTrue(logged.length() + console.length() > 0);
            assertFalse(logged.contains(secret), "a log line holds the secret key");
            assertFalse(console.toString().contains(secret), "a console line holds the secret key");
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            try (Stream<Path> s = Files.walk(s3.folder)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    assertFalse(contains(Files.readAllBytes(f), needle), "the secret key is stored in " + f);
                }
            }
        } finally {
            // Hadoop caches one S3A filesystem per bucket, holding this server's endpoint: drop it with the server
            org.apache.hadoop.fs.FileSystem.get(java.net.URI.create("s3a://" + BUCKET + "/"), conf).close();
            for (String[] kv : bucketSettings(null)) conf.unset(kv[0]);
            conf.unset("fs.s3a.bucket." + BUCKET + ".access.key");
            conf.unset("fs.s3a.bucket." + BUCKET + ".secret.key");
        }
    }

    /** The store's per-bucket settings (values null when only the names are wanted). */
    static List<String[]> bucketSettings(S3Server s3) {
        String b = "fs.s3a.bucket." + BUCKET + ".";
        return List.of(new String[] {b + "endpoint", s3 == null ? null : s3.endpoint()},
                new String[] {b + "path.style.access", "true"}, new String[] {b + "connection.ssl.enabled", "false"},
                new String[] {b + "endpoint.region", "us-east-1"});
    }

    /**
     * {@code csc publish} in a new JVM, credentials in the environment (the AWS chain) and the endpoint as a Spark
     * setting, SIGKILLed the moment its set is in {@code runs/<run_id>/} and it starts on the usual names. Returns
     * its output.
     */
    static String publishKilledWhileCopying(S3Server s3, String lake, String out, String key) throws Exception {
        List<String> cmd = csc.lakehouse.bench.ColdJvm.command("1g", "csc.lakehouse.cli.Csc",
                List.of("publish", "--lakehouse", lake, "--out", out, "--key-file", key, "--shuffle-partitions", "2",
                        "--master", "local[2]"));
        List<String> settings = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        for (String[] kv : bucketSettings(s3)) settings.add("-Dspark.hadoop." + kv[0] + "=" + kv[1]);
        cmd.addAll(1, settings);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", s3.secretKey);
        Process p = pb.start();
        StringBuilder text = new StringBuilder();
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                text.append(line).append('\n');
                if (line.startsWith("[csc] publish   usual names")) {
                    p.destroyForcibly();   // SIGKILL on Unix
                    break;
                }
            }
        }
        p.waitFor();
        return text.toString();
    }

    /** Every file the manifest names is there, with its size and SHA-256. */
    static void assertSetComplete(OutputFolder o, JsonNode manifest) throws Exception {
        JsonNode files = manifest.get("published_files");
        assertNotNull(files, "manifest.json names no files");
        Set<String> names = new TreeSet<>();
        for (JsonNode f : files) {
            byte[] b = o.readBytes(f.get("path").asText());
            assertEquals(f.get("bytes").asLong(), b.length, f.get("path").asText());
            assertEquals(f.get("sha256").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)),
                    f.get("path").asText());
            names.add(f.get("name").asText());
        }
        assertTrue(names.containsAll(List.of("trends.csv", "published/trends.csv", "trends.xlsx", "evidence-pack.html",
                "recommendations.csv")), "the set: " + names);
    }

    static JsonNode manifest(OutputFolder o) throws Exception {
        return new ObjectMapper().readTree(o.readString("manifest.json").orElseThrow());
    }

    /** One {@code csc} command in this JVM, its console output (stderr) appended to {@code console}. */
    static int csc(StringBuilder console, String... args) {
        csc.lakehouse.CscInProcess.Captured c = csc.lakehouse.CscInProcess.run(args);
        console.append(c.stderr());
        return c.exit();
    }

    static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("target")).toList());
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    /**
     * Every log event while open, at the configured levels, plus S3A's credential and client loggers at DEBUG (where
     * a key would be logged if anywhere).
     */
    static final class LogCapture implements AutoCloseable {
        private static final List<String> DEBUG = List.of("org.apache.hadoop.fs.s3a.auth", "org.apache.hadoop.fs.s3a.S3AUtils",
                "org.apache.hadoop.fs.s3a.DefaultS3ClientFactory");
        private final StringWriter text = new StringWriter();
        private final WriterAppender appender;
        private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);

        LogCapture() {
            appender = WriterAppender.newBuilder().setName("secret-scan").setTarget(text)
                    .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n").build()).build();
            appender.start();
            var cfg = ctx.getConfiguration();
            cfg.getRootLogger().addAppender(appender, Level.ALL, null);
            for (String l : DEBUG) {
                cfg.addLogger(l, org.apache.logging.log4j.core.config.LoggerConfig.newBuilder().withLoggerName(l)
                        .withLevel(Level.DEBUG).withAdditivity(false).withConfig(cfg).build());
                cfg.getLoggerConfig(l).addAppender(appender, Level.DEBUG, null);
            }
            ctx.updateLoggers();
        }

        String text() {
            return text.toString();
        }

        @Override
        public void close() {
            var cfg = ctx.getConfiguration();
            cfg.getRootLogger().removeAppender(appender.getName());
            for (String l : DEBUG) cfg.removeLogger(l);
            ctx.updateLoggers();
            appender.stop();
        }
    }
}
