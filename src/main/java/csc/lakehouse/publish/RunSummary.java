package csc.lakehouse.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the console prints when a run ends: every warning (grouped, paths reduced to file names), then every
 * output with one line of what it is for, then the next command to try.
 */
public final class RunSummary {
    private RunSummary() {}

    /** Output file (relative to the out folder) and what it is for. */
    static final String[][] OUTPUTS = {
            {"evidence-pack.html", "the evidence pack for Ofsted and scrutiny: open in a browser, print to PDF (summary on page 1)"},
            {"trends.xlsx", "the workbook for analysts: a sheet per theme with charts, recommendations, data quality, a Data sheet to pivot"},
            {"trends.csv", "every figure, unsuppressed, for the council's own use (current layout, kept for one release)"},
            {"trends_ees.csv", "the same figures in the DfE's explore-education-statistics layout (with .meta.csv), to stack with DfE files"},
            {"trends_ees_as_at.csv", "as-at snapshots in the DfE layout"},
            {"trends_ees_projections.csv", "demand projections in the DfE layout"},
            {"trends_notes.csv", "method and population notes per figure (joins trends.csv on measure_id, time_period, new_la_code)"},
            {"recommendations.csv", "each Ofsted recommendation's measures: latest, previous, target, direction"},
            {"reported_figures.csv", "the council's reported figures (ofsted_recommendations.yaml) beside the lakehouse's for the same date"},
            {"published/trends.csv", "suppressed figures (DfE disclosure control): the file that is safe to share"},
            {"published/trends_ees.csv", "suppressed figures in the DfE layout"},
            {"manifest.json", "the run's record: inputs with checksums, row counts, timings, warnings"},
    };

    /** The lines to print; {@code warnings} as from {@link EvidencePack#warnings}. */
    public static List<String> lines(OutputFolder out, List<String[]> warnings, String nextCommand) {
        List<String> lines = new ArrayList<>();
        if (warnings.isEmpty()) lines.add("No warnings.");
        else {
            lines.add("Warnings (" + warnings.size() + "; also in the evidence pack and the workbook's Data quality sheet):");
            for (String[] w : warnings) lines.add(String.format(Locale.UK, "  ! %s: %s (x%s)", w[0], w[1], w[2]));
        }
        lines.add("Outputs in " + out.display("") + ":");
        for (String[] o : OUTPUTS) {
            if (out.exists(o[0])) lines.add(String.format(Locale.UK, "  %-28s %s", o[0], o[1]));
        }
        if (nextCommand != null) lines.add("Next: " + nextCommand);
        return lines;
    }
}
