package csc.lakehouse.ingest.cin;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode_outer;

/**
 * Timing harness for docs/cin-ingest.md, off by default: {@code mvn -B -q test -Dtest=CinXmlBenchmarkTest
 * -Dcsc.excludedGroups=none -Dgroups=benchmark [-Dcin.bench.children=50000] [-Dcsc.shared.dir=/work/shared]}. Writes a synthetic file
 * into target/test-tmp (never committed) and prints wall times (System.nanoTime around read + count of
 * every bronze table) for the StAX reader and Spark's built-in XML source, plus per-reference-file counts.
 */
@org.junit.jupiter.api.Tag("benchmark")
class CinXmlBenchmarkTest {

    @Test
    void measure() throws Exception {
        SparkSession spark = SparkTestSession.get();
        int n = Integer.getInteger("cin.bench.children", 50_000);
        Path dir = SparkTestSession.tempDir("cin-bench");
        Path synth = dir.resolve("synthetic_" + n + ".xml");
        writeSynthetic(synth, n);
        System.out.printf("BENCH synthetic file: %d children, %.1f MB%n", n, Files.size(synth) / 1e6);

        Path shared = null;
        for (String c : new String[]{System.getProperty("csc.shared.dir"), "../shared", "../../shared"}) {
            if (c != null && Files.isDirectory(Paths.get(c, "reference-data", "cin_census"))) {
                shared = Paths.get(c, "reference-data", "cin_census");
                break;
            }
        }
        // warm-up so neither side pays the JVM/Spark start
        stax(spark, synth.getParent().resolve("warm.xml"), writeSynthetic(dir.resolve("warm.xml"), 200));
        sparkXml(spark, dir.resolve("warm.xml"));
        for (int rep = 1; rep <= 2; rep++) {
            if (shared != null) {
                Path big = shared.resolve("fake_CIN_data.xml");
                System.out.printf("BENCH rep %d fake_CIN_data.xml StAX %.2f s, Spark XML %.2f s%n", rep,
                        stax(spark, big, big), sparkXml(spark, big));
            }
            System.out.printf("BENCH rep %d synthetic %d StAX %.2f s, Spark XML %.2f s%n", rep, n,
                    stax(spark, synth, synth), sparkXml(spark, synth));
        }

        if (shared != null) {
            // per reference file: a dry-run ingest of that file alone
            try (Stream<Path> s = Files.list(shared)) {
                for (Path f : s.sorted().toList()) {
                    Path drop = SparkTestSession.tempDir("cin-bench-one");
                    Files.createDirectories(drop.resolve("cin_census"));
                    Files.copy(f, drop.resolve("cin_census").resolve(f.getFileName()));
                    IngestAndConform.Result r = new IngestAndConform(spark, null, new RunManifest("bench"), null).run(drop.toString());
                    StringBuilder sb = new StringBuilder();
                    for (SilverWriter.Outcome o : r.silver()) {
                        sb.append(String.format("%s kept %d q %d dup %d %s; ", o.table(), o.rowsWritten(),
                                o.rowsQuarantined(), o.rowsDuplicate(), o.errorsByRule()));
                    }
                    System.out.printf("BENCH file %s: %s%n", f.getFileName(), sb);
                }
            }
            for (String what : new String[]{"fake_CIN_data.xml", "*"}) {
                Path drop = SparkTestSession.tempDir("cin-bench-lake");
                Path cin = Files.createDirectories(drop.resolve("cin_census"));
                try (Stream<Path> s = Files.list(shared)) {
                    for (Path f : s.toList()) {
                        if (what.equals("*") || f.getFileName().toString().equals(what)) Files.copy(f, cin.resolve(f.getFileName()));
                    }
                }
                Lakehouse lake = new Lakehouse(spark, SparkTestSession.tempDir("cin-bench-lakehouse").toString());
                long t0 = System.nanoTime();
                new IngestAndConform(spark, lake, new RunManifest("bench"), null).run(drop.toString());
                double lakeSecs = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                new IngestAndConform(spark, null, new RunManifest("bench"), null).run(drop.toString());
                System.out.printf("BENCH ingest %s: with Delta lake %.1f s, dry run %.1f s%n", what, lakeSecs,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    static double stax(SparkSession spark, Path f, Path ignored) throws Exception {
        long t0 = System.nanoTime();
        InputFile in = new InputFile(f.toUri().toString(), "cin_census/" + f.getFileName(), "cin_census",
                Files.size(f), "x", null, null);
        ParsedFile p = new CinCensusReader().read(spark, in);
        long rows = 0;
        for (Dataset<Row> d : p.tables().values()) rows += d.count();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCH   StAX %s: %d bronze rows%n", f.getFileName(), rows);
        return s;
    }

    static double sparkXml(SparkSession spark, Path f) {
        long t0 = System.nanoTime();
        Dataset<Row> children = spark.read().format("xml").option("rowTag", "Child")
                .option("inferSchema", "false").load(f.toString());
        long rows = children.count();
        rows += children.select(col("ChildIdentifiers.*")).count();
        Dataset<Row> details = explode(children, "CINdetails");
        rows += details.count();
        for (String sub : new String[]{"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"}) {
            if (has(details.schema(), sub)) {
                Dataset<Row> x = explode(details, sub);
                rows += x.count();
                if (sub.equals("ChildProtectionPlans") && has(x.schema(), "Reviews")) {
                    rows += x.select(explode_outer(col("Reviews.CPPreviewDate"))).count();
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCH   Spark XML %s: %d rows counted%n", f.getFileName(), rows);
        return s;
    }

    static boolean has(StructType s, String f) {
        return List.of(s.fieldNames()).contains(f);
    }

    static Dataset<Row> explode(Dataset<Row> d, String field) {
        DataType t = d.schema().apply(field).dataType();
        Column c = t instanceof ArrayType ? explode_outer(col(field)) : col(field);
        Dataset<Row> one = d.select(c.as("x")).filter(col("x").isNotNull());
        return one.select(col("x.*"));
    }

    static Path writeSynthetic(Path f, int children) throws Exception {
        Random rnd = new Random(42);
        String[] eth = {"WBRI", "BAFR", "AIND", "MWBC", "WOTH"};
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection>"
                    + "<Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>"
                    + "<LEA>301</LEA></Source></Header>\n<Children>\n");
            for (int i = 0; i < children; i++) {
                w.write("<Child><ChildIdentifiers><LAchildID>SYN" + i + "</LAchildID><UPN>A" + (100000000000L + i)
                        + "</UPN><PersonBirthDate>20" + (10 + rnd.nextInt(13)) + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(9)
                        + "</PersonBirthDate><GenderCurrent>" + (1 + rnd.nextInt(2)) + "</GenderCurrent></ChildIdentifiers>"
                        + "<ChildCharacteristics><Ethnicity>" + eth[rnd.nextInt(eth.length)] + "</Ethnicity>"
                        + (rnd.nextInt(5) == 0 ? "<Disabilities><Disability>AUT</Disability><Disability>LD</Disability></Disabilities>" : "")
                        + "</ChildCharacteristics>\n");
                int episodes = 1 + rnd.nextInt(2);
                for (int e = 0; e < episodes; e++) {
                    w.write("<CINdetails><CINreferralDate>2023-0" + (4 + e) + "-1" + rnd.nextInt(9) + "</CINreferralDate>"
                            + "<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N" + rnd.nextInt(10) + "</PrimaryNeedCode>"
                            + "<Assessments><AssessmentActualStartDate>2023-0" + (4 + e) + "-20</AssessmentActualStartDate>"
                            + "<AssessmentAuthorisationDate>2023-0" + (6 + e) + "-01</AssessmentAuthorisationDate>"
                            + "<FactorsIdentifiedAtAssessment><AssessmentFactors>16A</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors>"
                            + "</FactorsIdentifiedAtAssessment></Assessments>"
                            + "<CINPlanDates><CINPlanStartDate>2023-0" + (6 + e) + "-02</CINPlanStartDate></CINPlanDates>"
                            + "<Section47><S47ActualStartDate>2023-0" + (4 + e) + "-21</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>"
                            + "<ReferralNFA>0</ReferralNFA>"
                            + (rnd.nextInt(4) == 0 ? "<ChildProtectionPlans><CPPstartDate>2023-0" + (6 + e) + "-05</CPPstartDate>"
                            + "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
                            + "<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>2023-0" + (8 + e) + "-01</CPPreviewDate>"
                            + "<CPPreviewDate>2023-1" + e + "-01</CPPreviewDate></Reviews></ChildProtectionPlans>" : "")
                            + "</CINdetails>\n");
                }
                w.write("</Child>\n");
            }
            w.write("</Children></Message>\n");
        }
        return f;
    }
}
