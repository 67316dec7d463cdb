package csc.lakehouse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An extract drop (architecture.md section 4): {@code cin_census/}, {@code ssda903/<YYYY>/},
 * {@code annex_a/}, {@code population/}, {@code benchmarks/}, {@code local/}, optionally under
 * {@code la=<code>/} prefixes. Read through Hadoop's FileSystem, so a drop on object storage works too.
 */
public final class ExtractDrop {
    private static final Pattern LA = Pattern.compile("^la=([^/]+)/(.*)$");
    private static final Pattern YEAR = Pattern.compile("^ssda903/(\\d{4})/.*");

    private final String root;
    private final List<InputFile> files;

    private ExtractDrop(String root, List<InputFile> files) {
        this.root = root;
        this.files = files;
    }

    public String root() { return root; }

    /** No files: a run whose inputs all come from elsewhere (a database). */
    public static ExtractDrop empty() { return new ExtractDrop("", List.of()); }

    public List<InputFile> files() { return files; }

    /** Lists every regular file of the drop with its size and SHA-256. Hidden files and sidecars are ignored. */
    public static ExtractDrop open(String dir, Configuration conf) throws IOException {
        Path base = new Path(dir);
        FileSystem fs = base.getFileSystem(conf);
        if (!fs.exists(base) || !fs.getFileStatus(base).isDirectory()) {
            throw new IOException("input folder " + dir + " does not exist or is not a folder");
        }
        String basePath = fs.getFileStatus(base).getPath().toString();
        List<InputFile> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
        while (it.hasNext()) {
            LocatedFileStatus st = it.next();
            String full = st.getPath().toString();
            String rel = full.startsWith(basePath) ? full.substring(basePath.length()) : st.getPath().getName();
            while (rel.startsWith("/")) rel = rel.substring(1);
            if (isIgnored(rel)) continue;
            String la = null;
            String inner = rel;
            Matcher m = LA.matcher(rel);
            if (m.matches()) {
                la = m.group(1);
                inner = m.group(2);
            }
            int slash = inner.indexOf('/');
            String source = slash < 0 ? "" : inner.substring(0, slash);
            Matcher y = YEAR.matcher(inner);
            Integer year = y.matches() ? Integer.valueOf(y.group(1)) : null;
            out.add(new InputFile(full, rel, source, st.getLen(), sha256(fs, st), la, year));
        }
        out.sort(Comparator.comparing(InputFile::relative));
        return new ExtractDrop(basePath, out);
    }

    private static boolean isIgnored(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) return true;
        }
        return false;
    }

    public static String sha256(FileSystem fs, FileStatus st) {
        try (InputStream in = fs.open(st.getPath())) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
