package csc.lakehouse.ingest;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.TableSchema;
import csc.lakehouse.synth.Generator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bronze contract: every table declared in {@code data-schemas/tables/bronze/} is written by ingest from
 * a small drop with exactly the declared columns (an {@code optional} one may be absent) of the declared types,
 * and no value of a column declared not nullable is null. The drop: one generated collection year at 2% of a
 * borough (CIN census, SSDA903, EES population) plus the CIN fixture that holds pre-proceedings (2027 schema),
 * the single-year-of-age population fixture and a one-row DOLO file.
 * Bronze only: no conform, no measures.
 */
class BronzeContractTest {
    private static Lakehouse lake;

    @BeforeAll
    static void ingestSmallDrop() throws Exception {
        Path drop = SparkTestSession.tempDir("bronze-contract-drop");
        Generator.generate(new Generator.Options(drop, 77, "0.02", 2024, 2024, false, false, 1), null);
        Path cin = Files.createDirectories(drop.resolve("la=" + Generator.BOROUGH_LA).resolve("cin_census"));
        try (InputStream in = BronzeContractTest.class.getResourceAsStream("/cin/sex_pp_2027.xml")) {
            Files.copy(in, cin.resolve("sex_pp_2027.xml"));
        }
        // the generator writes EES-layout population only; the single-year-of-age layout adds its own columns
        try (InputStream in = BronzeContractTest.class.getResourceAsStream("/population/single_year.csv")) {
            Files.copy(in, Files.createDirectories(drop.resolve("population")).resolve("single_year.csv"));
        }
        // the generator writes no DOLO file: one hand-made row
        Files.writeString(Files.createDirectories(drop.resolve("ssda903").resolve("2024")).resolve("dolo.csv"),
                "CHILD,DOB,DOLO_START,DOLO_END\nC1,01/01/2010,01/02/2024,03/02/2024\n");
        lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("bronze-contract-lake").toString());
        IngestJob.Result r = new IngestJob(SparkTestSession.get(), lake, new RunManifest("test"), null).run(drop.toString());
        assertEquals(0, r.filesRejected(), "the fixture drop is clean");
    }

    @Test
    void everyDeclaredBronzeTableIsWrittenAsDeclared() {
        Map<String, TableSchema> declared = BronzeSpec.declared();
        // the 22 files: 9 CIN census record kinds, 12 SSDA903 tables, population
        assertEquals(22, declared.size(), declared.keySet().toString());
        List<String> problems = new ArrayList<>();
        for (TableSchema t : declared.values()) {
            if (!lake.exists(Layer.BRONZE, t.table)) {
                problems.add(t.table + ": not written from the fixture drop");
                continue;
            }
            Dataset<Row> rows = lake.read(Layer.BRONZE, t.table);
            // by name: a table's column order follows its first file (a population file of either layout first)
            Map<String, String> held = new java.util.LinkedHashMap<>();
            for (StructField f : rows.schema().fields()) held.put(f.name(), TableSchema.typeName(f.dataType()));
            for (TableSchema.ColumnSpec c : t.columns) {
                String type = held.remove(c.name);
                if (type == null && !c.optional) problems.add(t.table + "." + c.name + ": declared, not in Delta");
                if (type != null && !type.equals(c.type)) problems.add(t.table + "." + c.name + ": declared " + c.type + ", Delta holds " + type);
            }
            if (!held.isEmpty()) problems.add(t.table + ": Delta holds undeclared columns " + held);
            for (TableSchema.ColumnSpec c : t.columns) {
                if (!c.nullable && Arrays.asList(rows.columns()).contains(c.name) && !rows.filter(col(c.name).isNull()).isEmpty()) {
                    problems.add(t.table + "." + c.name + ": declared not nullable, holds nulls");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
