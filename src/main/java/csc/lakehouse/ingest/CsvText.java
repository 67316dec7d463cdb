package csc.lakehouse.ingest;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 parsing of a whole (small) CSV file: quoted fields may hold commas, quotes and newlines; a BOM is dropped. */
public final class CsvText {
    private CsvText() {}

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
