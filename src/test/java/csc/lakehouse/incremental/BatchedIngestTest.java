package csc.lakehouse.incremental;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A drop read one file per batch (each written to bronze before the next files are read, as a national
 * drop is) gives the same bronze rows, the same silver tables and the same manifest counts as one batch. The one
 * batch is the suite's shared run ({@link SmallDrop}), whose ingest read the whole drop in one batch.
 */
@org.junit.jupiter.api.Tag("slow")
class BatchedIngestTest {

    @Test
    void smallBatchesEqualOneBatch() throws Exception {
        SmallDrop shared = SmallDrop.get();
        Path base = SparkTestSession.tempDir("batched");
        Path drop = shared.dir;
        Lakehouse one = shared.lake;
        Lakehouse many = new Lakehouse(SparkTestSession.get(), base.resolve("many").toString());
        RunManifest m1 = shared.manifest(), m2 = new RunManifest("ingest");
        IngestAndConform.Result r1 = shared.ingest();
        // the same LA resolution as the shared run (no --la); a batch per file, so each year's file of a source
        // lands in its own bronze commit (a quarter of the drop's rows per batch kept every table in one batch)
        IngestAndConform.Result r2 = new IngestAndConform(SparkTestSession.get(), many, m2, null).batchRows(1)
                .run(drop.toString());
        assertEquals(r1.filesIngested(), r2.filesIngested());
        assertTrue(r1.filesIngested() > 20, "files: " + r1.filesIngested());

        // more than one batch really happened: some bronze table got more than one commit
        long batchedTables = many.tables(Layer.BRONZE).stream()
                .filter(t -> !t.equals(BronzeSpec.INGEST_LOG) && many.version(Layer.BRONZE, t).orElse(-1L) > 0).count();
        assertTrue(batchedTables > 0, "no bronze table was written in more than one batch");

        for (Layer layer : new Layer[]{Layer.BRONZE, Layer.SILVER}) {
            assertEquals(one.tables(layer), many.tables(layer), layer + " tables");
            for (String t : one.tables(layer)) {
                Dataset<Row> a = one.read(layer, t), b = many.read(layer, t);
                if (layer == Layer.BRONZE) {   // ingested-at and run ids differ between the two runs
                    a = a.drop("_ingested_at", "ingested_at", "run_id");
                    b = b.drop("_ingested_at", "ingested_at", "run_id");
                }
                assertEquals(java.util.List.of(), csc.lakehouse.SameRows.differences(a, b),
                        layer + "." + t + ": rows missing from the batched ingest, or only it has");
            }
        }
        // every bronze, silver and quarantine table of the batched ingest, against the shared run's manifest
        // (which also lists the gold tables its measures wrote)
        assertTrue(m2.tables().size() > 20, "tables in the batched manifest: " + m2.tables().keySet());
        for (Map.Entry<String, Map<String, Object>> e : m2.tables().entrySet()) {
            Map<String, Object> other = m1.tables().get(e.getKey());
            assertNotNull(other, e.getKey());
            assertEquals(e.getValue().get("rows_in"), other.get("rows_in"), e.getKey() + " rows_in in the manifest");
            assertEquals(e.getValue().get("rows_written"), other.get("rows_written"), e.getKey() + " rows_written");
        }
    }
}
