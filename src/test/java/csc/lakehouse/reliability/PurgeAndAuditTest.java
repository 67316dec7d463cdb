package csc.lakehouse.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ingest (2023 episodes) -> purge --before tomorrow -> ingest (2024 episodes, so silver is conformed
 * again from a bronze that no longer holds 2023): the 2023 silver rows survive, the purge is in its
 * manifest and the ingest log, and audit.runs holds exactly one row per run.
 */
@org.junit.jupiter.api.Tag("slow")
class PurgeAndAuditTest {
    static final String EP = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";

    @Test
    void purgedFilesKeepTheirSilverRowsAndEveryRunIsAudited() throws Exception {
        Path base = SparkTestSession.tempDir("purge");
        Path key = base.resolve("key");
        Files.writeString(key, SparkTestSession.TEST_KEY);
        Path lake = base.resolve("lake");
        Path drop = base.resolve("drop");
        Files.createDirectories(drop.resolve("ssda903/2023"));
        // 2023: two children, one episode each (2 silver rows)
        Files.writeString(drop.resolve("ssda903/2023/episodes.csv"), EP
                + "P1,01/05/2022,S,C2,N1,U4,PR1,,,,RM10 9XX,RM9 4AA,SC1\n"
                + "P2,01/06/2022,S,C2,N1,U4,PR1,,,,RM10 9XX,RM9 4AA,SC1\n");
        String[] common = {"--lakehouse", lake.toString(), "--key-file", key.toString(), "--la", "301"};
        assertEquals(Csc.OK, Csc.execute(concat(new String[]{"ingest", "--input", drop.toString()}, common)));
        Lakehouse lh = new Lakehouse(SparkTestSession.get(), lake.toString());
        assertEquals(2, lh.read(Layer.SILVER, "cla_episode").count());

        String tomorrow = LocalDate.now().plusDays(1).toString();
        assertEquals(Csc.OK, Csc.execute("purge", "--before", tomorrow, "--lakehouse", lake.toString()));
        assertEquals(0, lh.read(Layer.BRONZE, "ssda903_episodes").count(), "raw rows purged");
        assertEquals(1, lh.read(Layer.BRONZE, "_ingest_log").where("purged_at is not null").count(), "ingest log marks the purge");

        // 2024: a third child; silver is rebuilt from bronze (2024 only) and merged
        Files.createDirectories(drop.resolve("ssda903/2024"));
        Files.writeString(drop.resolve("ssda903/2024/episodes.csv"), EP
                + "P3,01/05/2023,S,C2,N1,U4,PR1,,,,RM10 9XX,RM9 4AA,SC1\n");
        assertEquals(Csc.OK, Csc.execute(concat(new String[]{"ingest", "--input", drop.toString()}, common)));
        assertEquals(3, lh.read(Layer.SILVER, "cla_episode").count(), "2023 rows of the purged file survive the re-conform");
        assertEquals(2, lh.read(Layer.SILVER, "cla_episode").where("collection_year = 2023").count());
        // and a forced re-conform keeps them too
        assertEquals(Csc.OK, Csc.execute(concat(new String[]{"ingest", "--input", drop.toString(), "--reconform"}, common)));
        assertEquals(3, lh.read(Layer.SILVER, "cla_episode").count(), "after --reconform");

        // manifests: four runs, the purge one records the bronze table going from 2 rows to 0
        ObjectMapper om = new ObjectMapper();
        List<Map<String, Object>> manifests;
        try (Stream<Path> s = Files.list(lake.resolve("_manifests"))) {
            manifests = s.filter(p -> p.toString().endsWith(".json")).map(p -> {
                try { return (Map<String, Object>) om.readValue(p.toFile(), Map.class); }
                catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
            }).collect(Collectors.toList());
        }
        assertEquals(4, manifests.size());
        Map<String, Object> purge = manifests.stream().filter(m -> "purge".equals(m.get("command"))).findFirst().orElseThrow();
        String purgeJson = om.writeValueAsString(purge);
        assertTrue(purgeJson.contains("bronze.ssda903_episodes"), purgeJson);
        assertNotNull(((Map<?, ?>) purge.get("parameters")).get("before"), purgeJson);

        // audit.runs: one row per run, the same run ids as the manifests
        var runs = lh.read(Layer.AUDIT, "runs");
        assertEquals(4, runs.count(), "one audit row per run");
        TreeSet<String> auditIds = new TreeSet<>(runs.select("run_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        TreeSet<String> manifestIds = manifests.stream().map(m -> String.valueOf(m.get("run_id")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(manifestIds, auditIds);
        assertEquals(List.of("ingest", "ingest", "ingest", "purge"),
                runs.select("command").as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList());
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
