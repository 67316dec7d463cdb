package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every SQL cell of notebooks-export/*.sql against empty Delta tables built from
 * data-schemas (silver/*.yaml; gold tables in the trends shape), so a renamed column fails the build.
 *
 * <p>The schema is read here from the YAML with Spark's DDL type parser; the session is the suite's shared one.
 * A second test runs the same cells on the shared small run's lakehouse ({@link SmallDrop}).
 */
class NotebookSqlTest {
    static final List<String> GOLD = List.of("front_door", "cin_cp", "neglect", "looked_after", "demand");

    @TempDir static Path lake;
    static SparkSession spark;

    static StructType schema(Path yaml) throws Exception {
        JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        List<StructField> fields = new ArrayList<>();
        for (JsonNode c : n.path("columns")) {
            fields.add(new StructField(c.path("name").asText(), DataType.fromDDL(c.path("type").asText()),
                    c.path("nullable").asBoolean(true), Metadata.empty()));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    @BeforeAll
    static void lakehouse() throws Exception {
        spark = SparkTestSession.get();
        try (Stream<Path> s = Files.list(Path.of("data-schemas/tables/silver"))) {
            for (Path y : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String table = y.getFileName().toString().replace(".yaml", "");
                write(schema(y), lake.resolve("silver").resolve(table));
            }
        }
        StructType trends = schema(Path.of("data-schemas/tables/gold/trends.yaml"));
        for (String g : GOLD) write(trends, lake.resolve("gold").resolve(g));
    }

    /**
     * An empty Delta table: the first commit (protocol + metaData with the schema) written directly, which
     * is what a Delta writer produces for an empty table, in milliseconds instead of a Spark job per table.
     */
    static void write(StructType schema, Path path) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path log = Files.createDirectories(path.resolve("_delta_log"));
        var protocol = json.createObjectNode();
        protocol.putObject("protocol").put("minReaderVersion", 1).put("minWriterVersion", 2);
        var meta = json.createObjectNode();
        var md = meta.putObject("metaData");
        md.put("id", java.util.UUID.nameUUIDFromBytes(path.toString().getBytes()).toString());
        md.putObject("format").put("provider", "parquet").putObject("options");
        md.put("schemaString", schema.json());
        md.putArray("partitionColumns");
        md.putObject("configuration");
        md.put("createdTime", 0L);
        Files.writeString(log.resolve("00000000000000000000.json"),
                json.writeValueAsString(protocol) + "\n" + json.writeValueAsString(meta) + "\n");
    }

    /** The executable SQL cells of a Databricks source notebook (no markdown, no widget statements). */
    static List<String> cells(Path notebook) throws Exception {
        String text = Files.readString(notebook);
        assertTrue(text.startsWith("-- Databricks notebook source"), notebook + " is not a Databricks source notebook");
        List<String> out = new ArrayList<>();
        for (String cell : text.split("\n-- COMMAND ----------\n")) {
            StringBuilder sql = new StringBuilder();
            for (String line : cell.split("\n")) {
                String t = line.trim();
                if (t.startsWith("--") || t.isEmpty()) continue;
                sql.append(line).append('\n');
            }
            String s = sql.toString().trim();
            if (s.isEmpty() || s.toUpperCase().startsWith("CREATE WIDGET")) continue;
            out.add(s);
        }
        return out;
    }

    @Test
    void everySqlCellRunsAgainstTheSchemas() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(Path.of("notebooks-export"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 4, "notebooks: " + notebooks);
        int run = 0;
        List<String> failures = new ArrayList<>();
        for (Path nb : notebooks) {
            for (String sql : cells(nb)) {
                String q = sql.replace("${lakehouse}", lake.toString()).replace("${as_at}", "2025-03-31");
                assertTrue(!q.contains("${"), nb + ": unsubstituted parameter in " + q);
                try {
                    spark.sql(q).collectAsList();
                    run++;
                } catch (Exception e) {
                    failures.add(nb.getFileName() + ": " + e.getMessage().split("\n")[0] + "\n  in: " + q.split("\n")[0]);
                }
            }
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        assertTrue(run >= 12, "cells run: " + run);
    }

    /**
     * The same cells on real data: the suite's shared run ({@link SmallDrop}, three years of every source). Every
     * cell runs against the tables a real run wrote (types and values, not only column names), and the notebooks
     * together return rows (all of them empty over three years of a borough's returns means a filter lost everything).
     */
    @Test
    void everySqlCellRunsOnTheSharedRun() throws Exception {
        Path real = SmallDrop.get().lakeRoot;
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(Path.of("notebooks-export"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        int run = 0, rows = 0;
        List<String> failures = new ArrayList<>();
        for (Path nb : notebooks) {
            for (String sql : cells(nb)) {
                String q = sql.replace("${lakehouse}", real.toString()).replace("${as_at}", "2025-03-31");
                try {
                    rows += spark.sql(q).collectAsList().size();
                    run++;
                } catch (Exception e) {
                    failures.add(nb.getFileName() + ": " + e.getMessage().split("\n")[0] + "\n  in: " + q.split("\n")[0]);
                }
            }
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        assertTrue(run >= 12, "cells run: " + run);
        assertTrue(rows > 0, "no cell of any notebook returned a row on the shared run");
    }

    @Test
    void aRenamedColumnFails() {
        try {
            spark.sql("SELECT no_such_column FROM delta.`" + lake.resolve("silver/cin_plan") + "`").collectAsList();
            fail("expected an analysis error");
        } catch (Exception e) {
            assertTrue(e.getMessage().contains("no_such_column"));
        }
    }
}
