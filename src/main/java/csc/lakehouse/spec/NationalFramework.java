package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DfE's children's social care national framework dashboard, indicator by indicator
 * ({@code data-schemas/reference/national_framework.csv}, from the DfE's indicator list): the catalogue measure and
 * breakdown value that reproduce each one, or why none does (a published-only figure, or an input not held). The
 * evidence pack and the workbook list all of them in this order.
 */
public final class NationalFramework {
    public static final String FILE = "reference/national_framework.csv";

    /**
     * One dashboard indicator. {@code measureId} is null when {@code notComputed} says why. {@code laitItem}: for an
     * indicator only national data holds, the LAIT data item (its {@code Short Desc}) whose published value for the
     * council is shown instead, with its unit, its better direction (higher or lower) and LAIT's year type.
     */
    public record Indicator(int row, String tab, String heading, String text, String dfeDataset, String measureId,
                            String breakdownValue, String notComputed, String laitItem, String laitUnit,
                            String laitPolarity, String laitYearType) {
        public boolean computed() { return measureId != null; }

        public boolean publishedOnly() { return measureId == null && laitItem != null; }

        /** LAIT's polarity: true when higher is better, false when lower is, null when neither. */
        public Boolean laitHigherIsBetter() {
            return "higher".equals(laitPolarity) ? Boolean.TRUE : "lower".equals(laitPolarity) ? Boolean.FALSE : null;
        }
    }

    private NationalFramework() {}

    public static List<Indicator> indicators() {
        List<List<String>> recs = SimpleCsv.parse(DataSchemas.readText(FILE));
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < recs.get(0).size(); i++) ix.put(recs.get(0).get(i).trim(), i);
        List<Indicator> out = new ArrayList<>();
        for (List<String> r : recs.subList(1, recs.size())) {
            if (r.size() < ix.size()) continue;
            String measure = blankToNull(r.get(ix.get("measure_id")));
            out.add(new Indicator(Integer.parseInt(r.get(ix.get("row")).trim()), r.get(ix.get("tab")), r.get(ix.get("heading")),
                    r.get(ix.get("indicator")), r.get(ix.get("dfe_dataset")), measure,
                    measure == null ? null : r.get(ix.get("breakdown_value")), blankToNull(r.get(ix.get("not_computed"))),
                    optional(r, ix, "lait_item"), optional(r, ix, "lait_unit"), optional(r, ix, "lait_polarity"),
                    optional(r, ix, "lait_year_type")));
        }
        return List.copyOf(out);
    }

    /** What is wrong with the list against the catalogue, in words (empty when nothing). */
    public static List<String> problems(List<Indicator> indicators, MeasureSpec catalogue) {
        List<String> p = new ArrayList<>();
        for (Indicator i : indicators) {
            String at = "national framework row " + i.row() + ": ";
            if (i.computed() == (i.notComputed() != null)) p.add(at + "needs either a measure_id or a not_computed reason");
            if (i.laitItem() != null && (i.computed() || i.laitHigherIsBetter() == null || i.laitUnit() == null)) {
                p.add(at + "a LAIT item is for an indicator not computed here, with its unit and polarity (higher or lower)");
            }
            if (!i.computed()) continue;
            var m = catalogue.get(i.measureId());
            if (m.isEmpty()) { p.add(at + i.measureId() + " is not in the catalogue"); continue; }
            boolean known = MeasureSpec.TOTAL.equals(i.breakdownValue())
                    || m.get().breakdowns().stream().anyMatch(b -> b.values().contains(i.breakdownValue()));
            if (!known) p.add(at + "'" + i.breakdownValue() + "' is not a breakdown value of " + i.measureId());
        }
        return p;
    }

    /** The LAIT items the published-only indicators show (read from the LAIT long file by Benchmarks). */
    public static java.util.Set<String> laitItems() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Indicator i : indicators()) if (i.publishedOnly()) out.add(i.laitItem());
        return out;
    }

    private static String optional(List<String> r, Map<String, Integer> ix, String col) {
        Integer i = ix.get(col);
        return i == null || i >= r.size() ? null : blankToNull(r.get(i));
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
