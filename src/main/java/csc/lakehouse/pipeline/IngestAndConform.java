package csc.lakehouse.pipeline;

import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformJob;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.ingest.IngestJob;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bronze, then silver: {@link IngestJob} and then {@link ConformJob} over what it wrote, the first stage of
 * {@code run} and the whole of {@code ingest} and {@code validate}. With no lakehouse (validate) conform reads
 * the bronze rows ingest holds in memory and nothing is written.
 */
public final class IngestAndConform {
    /** What the two jobs did. */
    public record Result(IngestJob.Result bronze, ConformJob.Result conform) {
        public int filesIngested() { return bronze.filesIngested(); }
        public int filesSkipped() { return bronze.filesSkipped(); }
        public int filesRejected() { return bronze.filesRejected(); }
        public int filesUnrecognised() { return bronze.filesUnrecognised(); }
        public boolean nothingUsable() { return bronze.nothingUsable(); }
        /** Inputs were rejected, or none could be used: the CLI's exit code 3. */
        public boolean inputsRejected() { return bronze.nothingUsable() || bronze.filesRejected() > 0; }
        public List<SilverWriter.Outcome> silver() { return conform.silver(); }
        public Map<String, Dataset<Row>> silverTables() { return conform.silverTables(); }
    }

    private final Lakehouse lake;
    private final IngestJob ingest;
    private final ConformJob conform;
    private final SparkSession spark;
    private final RunManifest manifest;

    /** @param lake null for a dry run */
    public IngestAndConform(SparkSession spark, Lakehouse lake, RunManifest manifest, String defaultLaCode) {
        this.lake = lake;
        this.spark = spark;
        this.manifest = manifest;
        this.ingest = new IngestJob(spark, lake, manifest, defaultLaCode);
        this.conform = new ConformJob(spark, lake, manifest, defaultLaCode);
    }

    /** See {@link IngestJob#batchRows}. */
    public IngestAndConform batchRows(long rows) {
        ingest.batchRows(rows);
        return this;
    }

    /** Rebuild silver from bronze even when no new file arrived (after a code or rule change). */
    public IngestAndConform forceConform(boolean f) {
        conform.force(f);
        return this;
    }

    /** See {@link IngestJob#withInputsReadElsewhere}. */
    public IngestAndConform withInputsReadElsewhere(List<Map.Entry<InputFile, ParsedFile>> inputs) {
        ingest.withInputsReadElsewhere(inputs);
        return this;
    }

    /** @param inputDir the extract drop, or null when the only inputs were read elsewhere */
    public Result run(String inputDir) throws IOException {
        IngestJob.Result bronze = ingest.run(inputDir);
        // the drop's postcode coordinates, read here so conform takes distances before postcodes are degraded
        if (inputDir != null) {
            csc.lakehouse.ingest.PostcodeCoordinates.Read coordinates =
                    csc.lakehouse.ingest.PostcodeCoordinates.read(spark, bronze.referenceFiles(), manifest);
            conform.postcodes(coordinates.rows(), coordinates.files());
        }
        Map<String, Dataset<Row>> held = ingest.bronzeInMemory();
        BronzeView view = lake != null
                ? table -> lake.exists(Layer.BRONZE, table) ? Optional.of(lake.read(Layer.BRONZE, table)) : Optional.empty()
                : table -> Optional.ofNullable(held.get(table));
        return new Result(bronze, conform.run(view, bronze.bronzeChanged()));
    }
}
