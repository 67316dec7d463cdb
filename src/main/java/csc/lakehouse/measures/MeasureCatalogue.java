package csc.lakehouse.measures;

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
 * Generates {@code docs/measures.md} from the {@link MeasureDefinition}s of every family in {@link MeasureFamilies}
 * (a test fails when the file is out of date). Regenerate with
 * {@code mvn -B -q test -Dtest=MeasuresCatalogueTest -Dcsc.updateCatalogue=true}.
 */
public final class MeasureCatalogue {
    public static final String FILE = "docs/measures.md";

    private MeasureCatalogue() {}

    public static String render(List<MeasureDefinition> defs) {
        Map<String, List<MeasureDefinition>> byTheme = new LinkedHashMap<>();
        for (MeasureDefinition d : defs) byTheme.computeIfAbsent(d.theme(), k -> new ArrayList<>()).add(d);
        StringBuilder sb = new StringBuilder();
        sb.append("# Measure catalogue\n\n");
        sb.append("<!-- Generated from the MeasureDefinition entries of every family in MeasureFamilies: do not edit by hand.\n");
        sb.append("     Regenerate: mvn -B -q test -Dtest=MeasuresCatalogueTest -Dcsc.updateCatalogue=true -->\n\n");
        sb.append("Every measure the pipeline computes, by `measure_id` (the `measure_id` column of `trends.csv`). ");
        sb.append("Conventions (reporting years, rates, snapshots, row shapes) are those of the design's measure catalogue; ");
        sb.append("interpretations are recorded in [measures-cla.md](measures-cla.md) and the other families' notes.\n");
        for (Map.Entry<String, List<MeasureDefinition>> e : byTheme.entrySet()) {
            sb.append("\n## ").append(e.getKey()).append("\n\n");
            sb.append("| measure_id | unit | title | definition |\n|---|---|---|---|\n");
            for (MeasureDefinition d : e.getValue()) {
                sb.append("| `").append(d.id()).append("` | ").append(cell(d.unit())).append(" | ")
                        .append(cell(d.title())).append(" | ").append(cell(d.definition())).append(" |\n");
            }
        }
        return sb.toString();
    }

    public static String render() { return render(MeasureFamilies.catalogue()); }

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
