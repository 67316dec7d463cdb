package csc.lakehouse.synth;

import csc.lakehouse.conform.SilverWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue acceptance (a): a clean generated drop (no --dirty) parses with the project's own readers, no file is
 * rejected, and no row is quarantined in any silver table. Warnings are listed and must be none of the kinds the
 * generator should never produce.
 */
@org.junit.jupiter.api.Tag("slow")
class GeneratedDropCleanTest {
    static GeneratedDrop drop;

    @BeforeAll
    static void ingest() { drop = GeneratedDrop.get(false); }

    @Test
    void everyFileIsIngestedNoneRejected() {
        assertEquals(0, drop.ingest.filesRejected(), "rejected files in a clean drop: " + drop.manifest);
        assertEquals(0, drop.ingest.filesUnrecognised(), "unrecognised files in a clean drop");
        assertTrue(drop.ingest.filesIngested() > 20, "files ingested: " + drop.ingest.filesIngested());
    }

    @Test
    void noRowIsQuarantined() {
        Map<String, Long> q = drop.quarantinedByTableRule();
        System.err.println("[clean] quarantined by table/rule: " + q);
        System.err.println("[clean] warnings by table/rule: " + drop.warningsByTableRule());
        assertEquals(Map.of(), q, "quarantined rows in a clean drop:\n" + drop.examples());
        for (SilverWriter.Outcome o : drop.ingest.silver()) {
            assertEquals(0, o.rowsQuarantined(), o.table());
            csc.lakehouse.conform.SilverCounts.reconcile(o);
        }
    }

    /**
     * The drop's postcode-to-coordinates file (PostcodeCoordinatesWriter) holds every home and placement postcode of the
     * episodes: conform takes every episode's distance (none "not known"), some placements are more than 20 miles
     * away, and the measure is published for every year.
     */
    @Test
    void everyPlacementDistanceIsTaken() {
        Map<String, Long> bands = new java.util.TreeMap<>();
        for (org.apache.spark.sql.Row r : drop.lake.read(csc.lakehouse.lake.Layer.SILVER, "cla_episode")
                .groupBy("placement_distance_band").count().collectAsList()) {
            bands.put(String.valueOf(r.get(0)), r.getLong(1));
        }
        assertEquals(java.util.Set.of("20 miles or less", "more than 20 miles"), bands.keySet(), bands.toString());
        assertTrue(bands.get("more than 20 miles") > 0 && bands.get("20 miles or less") > bands.get("more than 20 miles"),
                bands.toString());
    }
}
