package csc.lakehouse.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The publish package's one CSV reader and writer (RFC 4180): a field holding a comma, quote, CR or LF is quoted with its
 * quotes doubled, lines end in "\n", UTF-8 without a byte-order mark; files are replaced atomically ({@link AtomicFile}).
 */
public final class CsvFile {
    private CsvFile() {}

    /** The field as written: quoted when it must be; empty for null. */
    public static String quote(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** One record, fields quoted, with its line ending. */
    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(fields.get(i)));
        }
        return sb.append('\n').toString();
    }

    /** Writes the header and lines to {@code w}. */
    public static void write(Writer w, List<String> header, List<List<String>> lines) throws IOException {
        w.write(line(header));
        for (List<String> l : lines) w.write(line(l));
    }

    /** Replaces {@code file} atomically with the header and lines. */
    public static Path write(Path file, List<String> header, List<List<String>> lines) {
        try {
            return AtomicFile.write(file, out -> {
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                write(w, header, lines);
                w.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String stripBom(String s) {
        return s != null && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /** Every record of a CSV, fields unquoted (a blank last line is not a record). */
    public static List<List<String>> read(Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, any = false;
        int c;
        while ((c = r.read()) != -1) {
            any = true;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    r.mark(1);
                    int next = r.read();
                    if (next == '"') cell.append('"');
                    else { quoted = false; if (next != -1) r.reset(); }
                } else cell.append(ch);
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                rec.add(cell.toString()); cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') { r.mark(1); if (r.read() != '\n') r.reset(); }
                rec.add(cell.toString()); cell.setLength(0);
                out.add(rec); rec = new ArrayList<>(); any = false;
            } else cell.append(ch);
        }
        if (any) { rec.add(cell.toString()); out.add(rec); }
        return out;
    }
}
