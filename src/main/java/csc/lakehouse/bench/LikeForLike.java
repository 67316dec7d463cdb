package csc.lakehouse.bench;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.SparkSessions;
import csc.lakehouse.lake.WorkSettings;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The like-for-like benchmark (issue 16, item 7): the six headline measures from one lakehouse's silver tables, by
 * Spark ({@link SparkHeadlineMeasures}: the pipeline's own measure functions over the Delta tables) and by DuckDB
 * ({@link SilverInDuckDb}: SQL written from measures.md over the same Parquet files), each in a JVM of its own
 * started cold and timed from its start to its exit (JVM start, engine start, reading, computing, writing the
 * figures to a CSV). Neither persists anything to the lakehouse or pseudonymises: the inputs are silver. Then the two
 * sets of figures are compared, untimed. {@code main} is each JVM's entry point.
 */
public final class LikeForLike {
    public record Result(double sparkSeconds, double duckdbSeconds, long figures, List<String> differences) {
        public double ratio() { return duckdbSeconds > 0 ? sparkSeconds / duckdbSeconds : 0.0; }
    }

    private LikeForLike() {}

    /** Times both engines on {@code lakehouse}, each in a cold JVM with {@code heap}; scratch files go in {@code work}. */
    public static Result run(Path lakehouse, Path work, String heap, int shufflePartitions) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(work);
        Path sparkFigures = work.resolve("spark-figures.csv"), duckFigures = work.resolve("duckdb-figures.csv");
        double spark = time(heap, List.of("spark", lakehouse.toString(), sparkFigures.toString(), Integer.toString(shufflePartitions)),
                work.resolve("spark.log"));
        double duck = time(heap, List.of("duckdb", lakehouse.toString(), duckFigures.toString()), work.resolve("duckdb.log"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDbHeadlineMeasures figures = new DuckDbHeadlineMeasures(db, work.resolve("compare")) {
                @Override
                public void load() { }
            };
            Files.createDirectories(work.resolve("compare"));
            try (java.sql.Statement st = db.createStatement()) {
                st.execute("CREATE TABLE ref AS SELECT * FROM read_csv(" + DuckDbHeadlineMeasures.q(duckFigures) + ", header=true,"
                        + " columns={'measure_id':'VARCHAR','la':'VARCHAR','year':'INTEGER','breakdown':'VARCHAR','breakdown_value':'VARCHAR',"
                        + "'numerator':'BIGINT','denominator':'BIGINT','value':'DOUBLE'})");
            }
            List<String> diffs = figures.compare(sparkFigures);
            return new Result(spark, duck, figures.compared, diffs);
        }
    }

    /** Wall seconds of a cold JVM running {@code main(args)}; its output goes to {@code log}. */
    private static double time(String heap, List<String> args, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ColdJvm.command(heap, LikeForLike.class.getName(), args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("the " + args.get(0) + " side of the like-for-like benchmark exited " + rc + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        return s;
    }

    /** One side: {@code spark LAKEHOUSE FIGURES PARTITIONS} or {@code duckdb LAKEHOUSE FIGURES}. */
    public static void main(String[] args) throws Exception {
        Path lakehouse = Path.of(args[1]), figures = Path.of(args[2]);
        long t0 = System.nanoTime();
        if (args[0].equals("spark")) {
            SparkSession spark = SparkSessions.embedded(null, Integer.parseInt(args[3]));
            WorkSettings.forLakehouse(spark, lakehouse.toString());
            if (Boolean.getBoolean("csc.lfl.large")) WorkSettings.forLargeWork(spark);
            double session = (System.nanoTime() - t0) / 1e9;
            long n = SparkHeadlineMeasures.compute(new Lakehouse(spark, lakehouse.toString()), figures);
            double computed = (System.nanoTime() - t0) / 1e9;
            spark.stop();
            System.out.printf(java.util.Locale.ROOT, "spark: %d figures; session started at %.1f s, figures written at %.1f s (since main)%n",
                    n, session, computed);
        } else if (args[0].equals("duckdb")) {
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                SilverInDuckDb ref = new SilverInDuckDb(db, lakehouse, figures.resolveSibling("duckdb-scratch"));
                ref.load();
                ref.measures();
                try (java.sql.Statement st = db.createStatement()) {
                    st.execute("COPY (SELECT * FROM ref ORDER BY rowid) TO " + DuckDbHeadlineMeasures.q(figures) + " (HEADER)");
                }
            }
            System.out.println("duckdb: figures written");
        } else {
            throw new IllegalArgumentException("engine spark or duckdb, not " + args[0]);
        }
    }
}
