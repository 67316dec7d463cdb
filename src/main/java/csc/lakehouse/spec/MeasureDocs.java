package csc.lakehouse.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code docs/measures.md} from the measure catalogue, data-schemas/measures.yaml (a test fails when the
 * file is out of date). Regenerate with {@code mvn -B -q test -Dtest=MeasureDocsTest -Dcsc.updateCatalogue=true}.
 */
public final class MeasureDocs {
    public static final String FILE = "docs/measures.md";

    private MeasureDocs() {}

    public static String render(MeasureSpec spec) {
        Map<String, List<MeasureSpec.Measure>> byTheme = new LinkedHashMap<>();
        for (String t : spec.themes().keySet()) byTheme.put(t, new ArrayList<>());
        for (MeasureSpec.Measure m : spec.measures()) byTheme.get(m.theme()).add(m);
        StringBuilder sb = new StringBuilder();
        sb.append("# Measure catalogue\n\n");
        sb.append("<!-- Generated from data-schemas/measures.yaml: do not edit by hand.\n");
        sb.append("     Regenerate: mvn -B -q test -Dtest=MeasureDocsTest -Dcsc.updateCatalogue=true -->\n\n");
        sb.append("Every measure the pipeline computes, by `measure_id` (the `measure_id` column of `trends.csv`), from the ");
        sb.append("catalogue `data-schemas/measures.yaml`. Conventions (reporting years, rates, snapshots, row shapes) are those ");
        sb.append("of the design's measure catalogue; interpretations are recorded in [measures-cla.md](measures-cla.md), ");
        sb.append("[measures-national-framework.md](measures-national-framework.md) and ");
        sb.append("the other families' notes. *Links* are the counts a measure repeats from another, which disclosure control ");
        sb.append("suppresses together; *from* is the first collection year whose data can support the measure; *reproduces* names the DfE national ");
        sb.append("framework dashboard row or LAIT item a measure reproduces.\n");
        for (Map.Entry<String, List<MeasureSpec.Measure>> e : byTheme.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            sb.append("\n## ").append(spec.themeTitle(e.getKey())).append("\n\n");
            sb.append("| measure_id | unit | title | definition | breakdowns | links | polarity | target, recommendation | from |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|\n");
            for (MeasureSpec.Measure m : e.getValue()) {
                sb.append("| `").append(m.id()).append("` | ").append(m.unit()).append(" | ").append(cell(m.title()))
                  .append(" | ").append(cell(m.definition())).append(" (").append(m.family()).append(")")
                  .append(" | ").append(cell(breakdowns(m))).append(" | ").append(cell(links(m)))
                  .append(" | ").append(m.polarity().replace('_', ' '))
                  .append(" | ").append(cell(targetAndRecommendation(m)))
                  .append(" | ").append(m.firstYear() == null ? "" : m.firstYear()).append(" |\n");
            }
        }
        return sb.toString();
    }

    public static String render() { return render(MeasureSpec.load()); }

    private static String breakdowns(MeasureSpec.Measure m) {
        List<String> out = new ArrayList<>();
        for (MeasureSpec.Breakdown b : m.breakdowns()) {
            String s = "`" + b.name() + "`: " + String.join(", ", b.values());
            if (!b.nonAdditive().isEmpty()) s += " (" + String.join(", ", b.nonAdditive()) + " not part of the 100%)";
            out.add(s);
        }
        return String.join("; ", out);
    }

    private static String links(MeasureSpec.Measure m) {
        List<String> out = new ArrayList<>();
        if (m.numerator() != null) out.add("numerator = " + ref(m.numerator()));
        if (m.denominator() != null) out.add("denominator = " + ref(m.denominator()));
        if (m.total() != null) out.add("Total = " + ref(m.total()));
        return String.join("; ", out);
    }

    private static String ref(MeasureSpec.Ref r) {
        return "`" + r.measureId() + "`" + (r.isTotal() ? "" : " " + r.breakdownValue());
    }

    private static String targetAndRecommendation(MeasureSpec.Measure m) {
        List<String> out = new ArrayList<>();
        if (m.target() != null) out.add("target (targets.yaml `" + m.target() + "`)");
        if (m.recommendation() != null) out.add("recommendation " + m.recommendation());
        if (m.headline()) out.add("headline");
        if (m.frameworkRef() != null) out.add("reproduces " + m.frameworkRef());
        return String.join("; ", out);
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** Writes docs/measures.md under the given project folder (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args.length > 0 ? args[0] : ".").resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.err.println("wrote " + file);
    }
}
