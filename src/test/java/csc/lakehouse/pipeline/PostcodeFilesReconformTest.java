package csc.lakehouse.pipeline;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.TinyDrop;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Silver is a function of the drop's postcode-to-coordinates files as well as of bronze: a council that adds the file
 * to a drop already ingested gets the placement distances on its next run with no new extract, and a run with
 * nothing new (the same files) conforms nothing. The shared tiny drop (SSDA903 header and episodes, population, and
 * the generator's reference/postcode_coordinates.csv) is copied without, then with, the file.
 */
class PostcodeFilesReconformTest {
    @Test
    void addingTheCoordinatesFileConformsAgainAndTheSameFilesDoNot() throws Exception {
        Path base = SparkTestSession.tempDir("postcode-reconform");
        Path drop = base.resolve("drop");
        SparkTestSession.copyTree(TinyDrop.get().drop(), drop);
        Path reference = drop.resolve("reference");
        Path saved = base.resolve("postcode_coordinates.csv");
        Files.move(reference.resolve("postcode_coordinates.csv"), saved);
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), base.resolve("lake").toString());

        IngestAndConform.Result first = run(lake, drop);
        assertTrue(first.filesIngested() > 0);
        assertEquals(Map.of("null", count(lake)), bands(lake), "no coordinates file: no distance taken");

        // the council adds the file: no new extract, yet the episodes are conformed again with their distances
        Files.copy(saved, reference.resolve("postcode_coordinates.csv"));
        long before = lake.version(Layer.SILVER, "cla_episode").orElseThrow();
        IngestAndConform.Result second = run(lake, drop);
        assertEquals(0, second.filesIngested(), "no new extract file");
        assertTrue(lake.version(Layer.SILVER, "cla_episode").orElseThrow() > before, "silver.cla_episode not rewritten");
        Map<String, Long> bands = bands(lake);
        assertFalse(bands.containsKey("null"), bands.toString());
        assertEquals(count(lake), bands.values().stream().mapToLong(Long::longValue).sum());

        // the same files again: nothing to conform
        long after = lake.version(Layer.SILVER, "cla_episode").orElseThrow();
        run(lake, drop);
        assertEquals(after, lake.version(Layer.SILVER, "cla_episode").orElseThrow(), "a run with nothing new rewrote silver");
    }

    private static IngestAndConform.Result run(Lakehouse lake, Path drop) throws Exception {
        return new IngestAndConform(SparkTestSession.get(), lake, new RunManifest("postcode-reconform"), null)
                .run(drop.toString());
    }

    private static long count(Lakehouse lake) {
        return lake.read(Layer.SILVER, "cla_episode").count();
    }

    private static Map<String, Long> bands(Lakehouse lake) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : lake.read(Layer.SILVER, "cla_episode").groupBy("placement_distance_band").count().collectAsList()) {
            out.put(String.valueOf(r.get(0)), r.getLong(1));
        }
        return out;
    }
}
