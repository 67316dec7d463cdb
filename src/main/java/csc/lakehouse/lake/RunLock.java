package csc.lakehouse.lake;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writing run per lakehouse at a time. The lock is a file {@code <root>/_lock} created with
 * create-if-absent semantics, holding the owner's pid, host and start time, and touched every
 * {@value #HEARTBEAT_SECONDS} s. A second run waits up to its {@code --wait} time, then exits with a
 * message naming the holder. A lock whose process is gone (same host) or whose heartbeat is older than
 * {@value #STALE_SECONDS} s (another host) is stale and is cleared.
 */
public final class RunLock implements AutoCloseable {
    static final int HEARTBEAT_SECONDS = 10;
    static final int STALE_SECONDS = 120;

    private final FileSystem fs;
    private final Path path;
    private final ScheduledExecutorService heartbeat;
    /** on s3a://: the lock object's ETag, so the heartbeat rewrites only our own lock */
    private volatile String etag;
    /** the holder's properties; the heartbeat on s3a:// rewrites them with the time of the beat */
    private final Properties holder;
    /** set when the lock was found to be another run's (it is then neither refreshed nor deleted) */
    private volatile boolean lost;

    /** Thrown when another live run holds the lock. */
    public static final class Held extends RuntimeException {
        public Held(String m) { super(m); }
    }

    private RunLock(FileSystem fs, Path path, Created created) {
        this.fs = fs;
        this.path = path;
        this.etag = created.etag;
        this.holder = created.holder;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "csc-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    public static RunLock acquire(Lakehouse lake, String command, long waitSeconds) {
        try {
            Path p = new Path(lake.root() + "/_lock");
            FileSystem fs = lake.fileSystem(p);
            fs.mkdirs(p.getParent());
            long deadline = System.currentTimeMillis() + waitSeconds * 1000;
            boolean announced = false;
            while (true) {
                Created created = tryCreate(fs, p, command);
                if (created != null) {
                    return new RunLock(fs, p, created);
                }
                Properties holder = read(fs, p);
                if (holder != null && isStale(fs, p, holder)) {
                    Progress.say("clearing a stale lock left by %s (pid %s on %s, started %s)",
                            holder.getProperty("command"), holder.getProperty("pid"), holder.getProperty("host"),
                            holder.getProperty("started_at"));
                    fs.delete(p, false);
                    continue;
                }
                if (System.currentTimeMillis() >= deadline) {
                    throw new Held("another run holds the lakehouse " + lake.root() + ": "
                            + (holder == null ? "unknown holder" : holder.getProperty("command") + " (pid "
                            + holder.getProperty("pid") + " on " + holder.getProperty("host") + ", started "
                            + holder.getProperty("started_at") + ")")
                            + "; wait for it to finish or pass --wait SECONDS");
                }
                if (!announced) {
                    Progress.say("waiting for another run to release the lakehouse lock...");
                    announced = true;
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lakehouse lock", e);
        }
    }

    private record Created(Properties holder, String etag) {}

    private static byte[] bytes(Properties pr) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        pr.store(out, "csc-lakehouse run lock");
        return out.toByteArray();
    }

    /** The lock written if absent, in one step where the store allows it; null when another run's lock is there. */
    private static Created tryCreate(FileSystem fs, Path p, String command) throws IOException {
        Properties pr = new Properties();
        pr.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        pr.setProperty("host", host());
        pr.setProperty("command", command);
        pr.setProperty("started_at", Instant.now().toString());
        byte[] content = bytes(pr);
        if (S3ConditionalPut.applies(fs)) {
            // S3A's create(overwrite=false) checks, then writes: S3's If-None-Match makes it one step
            String etag = S3ConditionalPut.createIfAbsent(fs, p, content);
            return etag == null ? null : new Created(pr, etag);
        }
        // HDFS, ABFS and the local filesystem refuse an existing file in create(overwrite=false)
        try (FSDataOutputStream out = fs.create(p, false)) {
            out.write(content);
            return new Created(pr, null);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return null;
        } catch (IOException e) {
            if (fs.exists(p)) return null;
            throw e;
        }
    }

    private static Properties read(FileSystem fs, Path p) {
        try (FSDataInputStream in = fs.open(p)) {
            Properties pr = new Properties();
            pr.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            return pr;
        } catch (IOException e) {
            return null; // vanished between exists and open: the caller retries
        }
    }

    static boolean isStale(FileSystem fs, Path p, Properties holder) throws IOException {
        String host = holder.getProperty("host", "");
        if (host.equals(host())) {
            try {
                long pid = Long.parseLong(holder.getProperty("pid", "-1"));
                return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        long age = System.currentTimeMillis() - fs.getFileStatus(p).getModificationTime();
        return age > STALE_SECONDS * 1000L;
    }

    private void touch() {
        try {
            refresh();
        } catch (IOException | RuntimeException ignored) {
            // a missed heartbeat only matters after STALE_SECONDS; the next one will try again
        }
    }

    /**
     * What the heartbeat does every {@value #HEARTBEAT_SECONDS} s, now: marks the lock as alive. On s3a://, where
     * S3A ignores {@code setTimes}, the object is rewritten with the beat's time, only if it is still the one this run
     * wrote ({@code If-Match} on its ETag). Returns false once the lock is another run's (another host cleared it as
     * stale and took it): it is then no longer refreshed, nor deleted at close.
     */
    public boolean refresh() throws IOException {
        if (lost) return false;
        if (etag != null) {
            holder.setProperty("heartbeat_at", Instant.now().toString());
            String next = S3ConditionalPut.replaceIfUnchanged(fs, path, bytes(holder), etag);
            if (next == null) {
                lost = true;
                Progress.say("warning: the lakehouse lock %s is now another run's; this run no longer holds it", path);
                heartbeat.shutdown();
                return false;
            }
            etag = next;
            return true;
        }
        fs.setTimes(path, System.currentTimeMillis(), -1);
        return true;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        if (lost) return;   // another run's lock now
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
