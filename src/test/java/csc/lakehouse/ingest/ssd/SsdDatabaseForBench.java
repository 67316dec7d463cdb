package csc.lakehouse.ingest.ssd;

import csc.lakehouse.spec.SsdSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL holding an SSD extract's CSV files, for timing {@code ./csc ingest --ssd-jdbc} against the CSV
 * path on the same rows (README, performance). Not a test: run it with the test classpath,
 * {@code java -cp target/test-classes:target/classes:<deps> csc.lakehouse.ingest.ssd.SsdDatabaseForBench demo-drop/ssd},
 * read the URL it prints, and close its stdin to stop it. Tables are made from the vendored SSD specification, as
 * {@link SsdJdbcIngestTest} makes them, and loaded with COPY.
 */
public final class SsdDatabaseForBench {
    private SsdDatabaseForBench() {}

    /** CREATE TABLE for an SSD table from the vendored specification (its dates as timestamps, as the SSD's SQL has them). */
    static String createTable(SsdSpec.Table t) {
        List<String> cols = new ArrayList<>();
        for (SsdSpec.Field f : t.fields()) {
            String type = switch (f.kind()) {
                case "date" -> "timestamp";
                case "int" -> "integer";
                case "float" -> "double precision";
                default -> "varchar(4000)";
            };
            cols.add(f.name() + " " + type);
        }
        return "CREATE TABLE " + t.name() + " (" + String.join(", ", cols) + ")";
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "demo-drop/ssd");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            long rows = 0;
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                List<Path> files;
                try (var s = Files.list(dir)) {
                    files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
                }
                for (Path f : files) {
                    String table = f.getFileName().toString().replaceAll("\\.csv$", "");
                    var spec = SsdSpec.get().table(table);
                    if (spec.isEmpty()) continue;
                    st.execute(createTable(spec.get()));
                    String header;
                    try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
                        header = lines.findFirst().orElseThrow().replace("\uFEFF", "");
                    }
                    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + header
                                + ") FROM STDIN WITH (FORMAT csv, HEADER true)", r);
                        rows += n;
                        System.out.printf("%s: %,d rows%n", table, n);
                    }
                }
            }
            System.out.printf("%,d rows in all%nURL jdbc:postgresql://localhost:%d/postgres (user postgres, no password)%n",
                    rows, pg.getPort());
            System.out.flush();
            while (System.in.read() >= 0) { /* until stdin closes */ }
        }
    }
}
