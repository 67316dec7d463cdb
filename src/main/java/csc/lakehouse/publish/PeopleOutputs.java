package csc.lakehouse.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The publish step's entry point for the people-facing files: {@code published/trends.csv} (DfE
 * disclosure control), {@code trends.xlsx} (unsuppressed, for analysts) and {@code evidence-pack.html}
 * (built from the suppressed rows). Each file is replaced atomically ({@link AtomicFile}). No Spark.
 */
public final class PeopleOutputs {
    private PeopleOutputs() {}

    /** What was written. */
    public record Written(Path publishedTrends, Path workbook, Path evidencePack, int rows, int suppressedCells) {}

    /**
     * @param trends the unsuppressed trends rows (as in {@code DIR/trends.csv})
     * @param catalogue measure_id to title/theme/definition/unit; null: the code's catalogue ({@link PublishedCatalogue})
     * @param benchmarks comparators, or null
     * @param manifestJson the run manifest JSON (may be null)
     */
    public static Written write(Path outDir, List<TrendRow> trends, Map<String, ? extends MeasureDefinitionLike> catalogue,
            Benchmarks benchmarks, String manifestJson) {
        return write(outDir, trends, catalogue, benchmarks, manifestJson, Map.of());
    }

    /** As above; {@code notes}: the gold rows' notes by {@link EvidencePack#noteKey}, for the pack. */
    public static Written write(Path outDir, List<TrendRow> trends, Map<String, ? extends MeasureDefinitionLike> catalogue,
            Benchmarks benchmarks, String manifestJson, Map<String, String> notes) {
        Map<String, MeasureDefinitionLike> cat = new java.util.LinkedHashMap<>(PublishedCatalogue.get());
        if (catalogue != null) cat.putAll(catalogue);
        List<TrendRow> published = Suppression.apply(trends);
        int suppressed = 0;
        for (TrendRow r : published) {
            for (String f : List.of(r.numerator(), r.denominator(), r.value())) if (Suppression.MARK.equals(f)) suppressed++;
        }
        try {
            Files.createDirectories(outDir.resolve("published"));
            Path csv = outDir.resolve("published").resolve("trends.csv");
            TrendsFile.write(csv, published);
            // the DfE's explore-education-statistics layout, beside each trends.csv (docs/publishing.md)
            EesFiles.write(trends, outDir, cat);
            EesFiles.write(published, outDir.resolve("published"), cat);
            Path xlsx = outDir.resolve("trends.xlsx");
            AtomicFile.write(xlsx, out -> TrendsWorkbook.write(out, trends, cat, benchmarks, manifestJson));
            Path html = outDir.resolve("evidence-pack.html");
            String page = EvidencePack.render(published, cat, benchmarks, manifestJson, PublishConfig.get(), notes);
            AtomicFile.writeString(html, page);
            return new Written(csv, xlsx, html, published.size(), suppressed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write published outputs to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stand-alone renderer: {@code PeopleOutputs TRENDS_CSV OUT_DIR [MANIFEST_JSON] [BENCHMARKS_DIR [LA_CODE]]}.
     * Uses the code's catalogue.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PeopleOutputs TRENDS_CSV OUT_DIR [MANIFEST_JSON] [BENCHMARKS_DIR [LA_CODE]]");
            System.exit(2);
        }
        List<TrendRow> rows = TrendsFile.read(Path.of(args[0]));
        String manifest = args.length > 2 && !args[2].isEmpty() ? Files.readString(Path.of(args[2])) : null;
        String la = args.length > 4 ? args[4] : rows.isEmpty() ? null : rows.get(0).newLaCode();
        Benchmarks b = args.length > 3 ? Benchmarks.load(Path.of(args[3]), la) : null;
        Written w = write(Path.of(args[1]), rows, null, b, manifest);
        System.out.println(w.evidencePack());
    }
}
