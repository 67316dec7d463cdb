package csc.lakehouse.publish;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The out folder, wherever it is: a local folder or any Hadoop URI ({@code s3a://}, {@code abfss://},
 * {@code hdfs://}), written only through Hadoop's {@link FileSystem}.
 *
 * <p>What a reader may rely on (docs/object-storage.md):
 * <ul>
 *   <li>every file appears whole or not at all: on a filesystem with an atomic rename it is written to a hidden
 *       {@code .<name>.<random>.tmp} beside it and renamed; on an object store, where a rename is a copy, it is
 *       written in place, and the store makes the object visible only when its upload completes;</li>
 *   <li>a publish writes the whole set first under {@code runs/<run_id>/}, which is never rewritten, then the
 *       files under their usual names, then {@code manifest.json} last. The manifest names the run's files (path,
 *       bytes, SHA-256), so a reader that starts from {@code manifest.json} always reads one complete run's set,
 *       even while the next run publishes or after one was killed. The usual names are each whole, but during a
 *       publish they may mix two runs.</li>
 * </ul>
 * The two newest runs' folders are kept; older ones are removed once the new manifest is written.
 */
public final class OutputFolder {
    /** Where each run's set is kept, under the out folder. */
    public static final String RUNS = "runs";
    /** Schemes whose rename is a copy (objects appear whole on close, so files are written in place). */
    static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "wasb", "wasbs", "oss", "cosn");

    private final FileSystem fs;
    private final Path root;
    private final boolean objectStore;

    private OutputFolder(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
        this.objectStore = OBJECT_STORES.contains(root.toUri().getScheme());
    }

    /** {@code location}: a local folder (relative or absolute) or a Hadoop URI; {@code conf} holds the store's settings. */
    public static OutputFolder at(Configuration conf, String location) {
        String uri = location;
        while (uri.length() > 1 && uri.endsWith("/")) uri = uri.substring(0, uri.length() - 1);
        if (URI.create(uri.replace(" ", "%20")).getScheme() == null) {
            uri = new java.io.File(uri).getAbsoluteFile().toURI().toString();
        }
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            // the local filesystem without Hadoop's .crc files beside every output
            if (fs instanceof ChecksumFileSystem c) fs = c.getRawFileSystem();
            return new OutputFolder(fs, fs.makeQualified(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the output folder " + location + ": " + e.getMessage(), e);
        }
    }

    /** The folder's URI, for messages and the manifest. */
    public String uri() {
        return root.toString();
    }

    /** A file's full name, for messages. */
    public String display(String relative) {
        return "file".equals(root.toUri().getScheme()) ? new java.io.File(root.toUri().getPath(), relative).getPath()
                : root + "/" + relative;
    }

    /** Whether files are written in place (object stores) rather than to a temporary name and renamed. */
    public boolean objectStore() {
        return objectStore;
    }

    private Path path(String relative) {
        return relative.isEmpty() ? root : new Path(root, relative);
    }

    /** Writes one file so that a reader sees it whole or not at all (see the class comment). */
    public void write(String relative, AtomicFile.Body body) throws IOException {
        Path target = path(relative);
        fs.mkdirs(target.getParent());
        if (objectStore) {
            try (OutputStream out = fs.create(target, true)) {
                body.write(out);
            }
            return;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                body.write(out);
            }
            if (!fs.rename(tmp, target)) {
                // HDFS and ABFS refuse to rename onto an existing file: remove it first (a short window without it)
                fs.delete(target, false);
                if (!fs.rename(tmp, target)) throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } finally {
            if (fs.exists(tmp)) fs.delete(tmp, false);
        }
    }

    public void writeString(String relative, String text) throws IOException {
        write(relative, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Copies a local file to {@code relative}; returns its size and SHA-256. */
    public Map<String, Object> put(String relative, java.nio.file.Path local) throws IOException {
        MessageDigest sha = sha256();
        long[] bytes = {0};
        write(relative, out -> {
            try (InputStream in = java.nio.file.Files.newInputStream(local)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    bytes[0] += n;
                }
            }
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", bytes[0]);
        m.put("sha256", HexFormat.of().formatHex(sha.digest()));
        return m;
    }

    public boolean exists(String relative) {
        try {
            return fs.exists(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> readString(String relative) {
        try (InputStream in = fs.open(path(relative))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display(relative) + ": " + e.getMessage(), e);
        }
    }

    public byte[] readBytes(String relative) throws IOException {
        try (InputStream in = fs.open(path(relative))) {
            return in.readAllBytes();
        }
    }

    /** Names directly under {@code relative} (files and folders); empty when it does not exist. */
    public List<String> list(String relative) {
        return listing(relative, out -> {
            for (FileStatus s : fs.listStatus(path(relative))) out.add(s.getPath().getName());
        });
    }

    /** Every file under {@code relative}, relative to it, sorted; empty when it does not exist. */
    public List<String> files(String relative) {
        Path dir = path(relative);
        return listing(relative, out -> {
            org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(dir, true);
            String prefix = fs.makeQualified(dir).toUri().getPath() + "/";
            while (it.hasNext()) {
                String p = it.next().getPath().toUri().getPath();
                out.add(p.startsWith(prefix) ? p.substring(prefix.length()) : p);
            }
        });
    }

    private interface Lister {
        void into(List<String> out) throws IOException;
    }

    /** A sorted listing; empty when the folder does not exist. */
    private List<String> listing(String relative, Lister lister) {
        List<String> out = new ArrayList<>();
        try {
            lister.into(out);
        } catch (FileNotFoundException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + display(relative) + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    public void delete(String relative) throws IOException {
        fs.delete(path(relative), true);
    }

    public void mkdirs() throws IOException {
        fs.mkdirs(root);
    }

    /** Removes the hidden temporary files a killed publish left (a rename never made), in the folder and published/. */
    public void removeAbandonedTempFiles() throws IOException {
        for (String dir : List.of("", "published")) {
            for (String n : list(dir)) {
                if (n.startsWith(".") && n.endsWith(".tmp")) {
                    Path p = path(dir.isEmpty() ? n : dir + "/" + n);
                    if (fs.getFileStatus(p).isFile()) fs.delete(p, false);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
