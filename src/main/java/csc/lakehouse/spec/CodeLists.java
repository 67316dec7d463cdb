package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Statutory code lists, versioned by collection year: {@code data-schemas/codelists/<list>.csv} with
 * columns {@code code,label,from_year,to_year}. Years are collection years (the year ending 31 March);
 * an empty bound is open. A new DfE year that changes a list is a change to these files, not to code.
 */
public final class CodeLists {
    public record Entry(String code, String label, Integer fromYear, Integer toYear) {
        boolean validIn(int year) {
            return (fromYear == null || year >= fromYear) && (toYear == null || year <= toYear);
        }
    }

    private static volatile CodeLists instance;
    private final Map<String, List<Entry>> lists = new LinkedHashMap<>();

    public static CodeLists get() {
        if (instance == null) {
            synchronized (CodeLists.class) {
                if (instance == null) instance = load();
            }
        }
        return instance;
    }

    private static CodeLists load() {
        CodeLists c = new CodeLists();
        for (String f : DataSchemas.list("codelists")) {
            if (!f.endsWith(".csv")) continue;
            String name = f.substring(0, f.length() - 4);
            List<Entry> entries = new ArrayList<>();
            String[] lines = DataSchemas.readText("codelists/" + f).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                List<String> cells = SimpleCsv.parseLine(lines[i]);
                entries.add(new Entry(cells.get(0).trim(), cells.size() > 1 ? cells.get(1) : "",
                        year(cells, 2), year(cells, 3)));
            }
            c.lists.put(name, entries);
        }
        return c;
    }

    private static Integer year(List<String> cells, int i) {
        return cells.size() > i && !cells.get(i).isBlank() ? Integer.valueOf(cells.get(i).trim()) : null;
    }

    public boolean has(String list) { return lists.containsKey(list); }

    public List<Entry> entries(String list) {
        List<Entry> e = lists.get(list);
        if (e == null) throw new IllegalArgumentException("no code list data-schemas/codelists/" + list + ".csv");
        return e;
    }

    /** Codes valid in the given collection year. */
    public TreeSet<String> codes(String list, int year) {
        TreeSet<String> out = new TreeSet<>();
        for (Entry e : entries(list)) if (e.validIn(year)) out.add(e.code());
        return out;
    }

    /** Codes valid in any year (used when a row's year is unknown). */
    public TreeSet<String> allCodes(String list) {
        TreeSet<String> out = new TreeSet<>();
        for (Entry e : entries(list)) out.add(e.code());
        return out;
    }

    public boolean valid(String list, String code, int year) {
        return code != null && codes(list, year).contains(code.trim());
    }

    public String label(String list, String code) {
        for (Entry e : entries(list)) if (e.code().equals(code)) return e.label();
        return null;
    }

    /** Distinct years at which a list changes; used to build year-specific checks. */
    public TreeSet<Integer> boundaries(String list) {
        TreeSet<Integer> out = new TreeSet<>();
        for (Entry e : entries(list)) {
            if (e.fromYear() != null) out.add(e.fromYear());
            if (e.toYear() != null) out.add(e.toYear() + 1);
        }
        return out;
    }
}
