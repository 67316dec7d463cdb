package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 parsing for small CSV texts: the spec files in data-schemas and local tracker files. */
public final class SimpleCsv {
    private SimpleCsv() {}

    /** One line's cells (a line without a newline inside quotes). */
    public static List<String> parseLine(String line) {
        List<List<String>> rows = parse(line);
        return rows.isEmpty() ? new ArrayList<>(List.of("")) : rows.get(0);
    }

    /** A whole (small) CSV text: quoted fields may hold commas, quotes and newlines; a BOM is dropped. */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> row = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> { quoted = true; any = true; }
                case ',' -> { row.add(cur.toString()); cur.setLength(0); any = true; }
                case '\r' -> { }
                case '\n' -> {
                    row.add(cur.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    cur.setLength(0);
                    any = false;
                }
                default -> { cur.append(ch); any = true; }
            }
        }
        if (any || cur.length() > 0) {
            row.add(cur.toString());
            rows.add(row);
        }
        return rows;
    }
}
