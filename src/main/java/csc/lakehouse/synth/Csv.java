package csc.lakehouse.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A CSV file written row by row (LF line ends, no quoting needed: generated values hold no commas). Counts rows. */
public final class Csv implements AutoCloseable {
    private final BufferedWriter w;
    public final String relPath;
    public long rows;

    public Csv(Path root, String relPath, String header) {
        this.relPath = relPath;
        try {
            Path p = root.resolve(relPath);
            Files.createDirectories(p.getParent());
            w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
            w.write(header); w.write('\n');
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    public void row(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) w.write(',');
                Object v = values[i];
                if (v != null) w.write(field(v.toString()));
            }
            w.write('\n');
            rows++;
        } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    /** RFC 4180: a value holding a comma, a quote or a line break is quoted, its quotes doubled (the SSD's JSON columns). */
    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    public void blankLine() {
        try { w.write('\n'); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    @Override
    public void close() {
        try { w.close(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
