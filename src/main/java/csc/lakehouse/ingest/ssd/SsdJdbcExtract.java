package csc.lakehouse.ingest.ssd;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.SsdSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.apache.spark.sql.functions.col;

/**
 * Reads the {@code ssd_*} tables straight from the council's reporting database over JDBC (PostgreSQL for
 * Eclipse, SQL Server for Liquidlogic and Mosaic), read-only, into the same bronze rows as the CSV export.
 *
 * <ul>
 *   <li>Credentials come from the environment ({@code CSC_SSD_DB_USER}, {@code CSC_SSD_DB_PASSWORD}) or a
 *       properties file named by {@code CSC_SSD_DB_CREDENTIALS} ({@code user=}, {@code password=}); a URL that
 *       carries a password is refused, and the URL is recorded without its parameters.</li>
 *   <li>Incremental: a table read before from this database is read again only where one of its date
 *       columns is on or after the previous read less {@code csc.ssd.jdbc.lookbackDays} (default 90: the
 *       SSD has no last-changed column, so back-dated entries are caught only within the look-back), or
 *       where all its date columns are empty. Tables without date columns, and every table with
 *       {@code full}, are read whole. Rows whose hash bronze already holds are not stored again.</li>
 *   <li>All tables are read inside one read-only transaction and held until the last one is complete: a
 *       refused connection or a read that fails or times out ({@code csc.ssd.jdbc.timeoutSeconds}, default
 *       600) half-way throws {@link ExtractFailed} and nothing reaches bronze.</li>
 * </ul>
 */
public final class SsdJdbcExtract {
    public static final String USER_ENV = "CSC_SSD_DB_USER";
    public static final String PASSWORD_ENV = "CSC_SSD_DB_PASSWORD";
    public static final String CREDENTIALS_FILE_ENV = "CSC_SSD_DB_CREDENTIALS";

    /** A read that failed as a whole: nothing of it may be written. The message is one line. */
    public static final class ExtractFailed extends Exception {
        public ExtractFailed(String m, Throwable cause) { super(m, cause); }
    }

    /** Database credentials; never from the command line or a job file. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() { return "Credentials[user=" + user + ", password=***]"; }

        /** From {@code CSC_SSD_DB_CREDENTIALS} (a properties file) or {@code CSC_SSD_DB_USER}/{@code _PASSWORD}. */
        public static Credentials fromEnvironment(Map<String, String> env) {
            String file = env.get(CREDENTIALS_FILE_ENV);
            if (file != null && !file.isBlank()) {
                Properties p = new Properties();
                Path path = Paths.get(file);
                try (InputStream in = Files.newInputStream(path)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new IllegalArgumentException(CREDENTIALS_FILE_ENV + " names " + file + ", which cannot be read");
                }
                return new Credentials(p.getProperty("user"), p.getProperty("password"));
            }
            return new Credentials(env.get(USER_ENV), env.get(PASSWORD_ENV));
        }
    }

    /** What was read: one pre-parsed input per table, and notes about the read. */
    public record Extract(List<Map.Entry<InputFile, ParsedFile>> tables, List<String> warnings, long rows) {}

    private SsdJdbcExtract() {}

    /** The URL as recorded in lineage and logs: no parameters (they may hold secrets). */
    public static String safeUrl(String url) {
        String s = url;
        int q = s.indexOf('?');
        if (q >= 0) s = s.substring(0, q);
        if (s.startsWith("jdbc:sqlserver:")) {
            int semi = s.indexOf(';');
            if (semi >= 0) {
                // keep databaseName, which says what was read; drop the rest
                String db = null;
                for (String part : s.substring(semi + 1).split(";")) {
                    if (part.toLowerCase(Locale.ROOT).startsWith("databasename=")) db = part;
                }
                s = s.substring(0, semi) + (db == null ? "" : ";" + db);
            }
        }
        return s.replaceAll("//[^/@]*@", "//");
    }

    /** Refuses a URL that carries a password: it would land in shell history and process lists. */
    public static void checkUrl(String url) {
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlserver:")) {
            throw new IllegalArgumentException("--ssd-jdbc takes a jdbc:postgresql: or jdbc:sqlserver: URL");
        }
        String l = url.toLowerCase(Locale.ROOT);
        if (l.contains("password=") || l.matches("^jdbc:[a-z]+://[^/]*:[^/]*@.*")) {
            throw new IllegalArgumentException("the --ssd-jdbc URL holds a password: put it in " + PASSWORD_ENV
                    + " or a file named by " + CREDENTIALS_FILE_ENV + " instead");
        }
    }

    /**
     * Reads every SSD table the database has.
     *
     * @param lake the lakehouse whose bronze decides what is new (null: read everything, keep every row)
     */
    public static Extract read(SparkSession spark, String url, Credentials cred, Lakehouse lake, boolean full)
            throws ExtractFailed {
        checkUrl(url);
        String where = safeUrl(url);
        int timeout = Integer.getInteger("csc.ssd.jdbc.timeoutSeconds", 600);
        long lookbackDays = Long.getLong("csc.ssd.jdbc.lookbackDays", 90L);
        Timestamp extractedAt = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Properties props = new Properties();
        if (cred.user() != null) props.setProperty("user", cred.user());
        if (cred.password() != null) props.setProperty("password", cred.password());
        DriverManager.setLoginTimeout(timeout);
        List<String> warnings = new ArrayList<>();
        Map<String, SsdBronze.Rows> read = new LinkedHashMap<>();
        Map<String, Long> windows = new TreeMap<>();
        ExecutorService net = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ssd-jdbc-timeout");
            t.setDaemon(true);
            return t;
        });
        Connection conn;
        try {
            conn = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            net.shutdownNow();
            throw new ExtractFailed("could not connect to " + where + ": " + oneLine(e) + "; nothing was read, bronze is as it was", e);
        }
        String current = null;
        int rowsOfCurrent = 0;
        try (conn) {
            conn.setNetworkTimeout(net, (int) Math.min(Integer.MAX_VALUE, timeout * 1000L));
            conn.setReadOnly(true);
            conn.setAutoCommit(false);   // one read-only transaction; lets PostgreSQL stream with a fetch size
            if (conn.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)
                    && url.startsWith("jdbc:postgresql:")) {
                conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);   // one snapshot for all tables
            }
            Map<String, String[]> inDb = ssdTablesIn(conn.getMetaData());
            for (SsdSpec.Table table : SsdSpec.get().tables().values()) {
                String[] found = inDb.get(table.name());
                if (found == null) continue;
                current = table.name();
                rowsOfCurrent = 0;
                List<String> columns = columnsOf(conn.getMetaData(), found);
                List<String> dates = new ArrayList<>();
                for (String c : columns) {
                    if (table.field(c).map(f -> f.kind().equals("date")).orElse(false)) dates.add(c);
                }
                Timestamp since = full || dates.isEmpty() ? null : previousRead(lake, table.name(), where);
                Timestamp from = since == null ? null : Timestamp.from(since.toInstant().minus(lookbackDays, ChronoUnit.DAYS));
                String q = conn.getMetaData().getIdentifierQuoteString().trim();
                StringBuilder sql = new StringBuilder("SELECT * FROM ");
                if (found[0] != null) sql.append(q).append(found[0]).append(q).append('.');
                sql.append(q).append(found[1]).append(q);
                if (from != null) {
                    List<String> any = new ArrayList<>(), none = new ArrayList<>();
                    for (String d : dates) {
                        any.add(q + d + q + " >= ?");
                        none.add(q + d + q + " IS NULL");
                    }
                    sql.append(" WHERE ").append(String.join(" OR ", any)).append(" OR (")
                       .append(String.join(" AND ", none)).append(")");
                }
                SsdBronze.Rows rows;
                try (PreparedStatement st = conn.prepareStatement(sql.toString())) {
                    st.setQueryTimeout(timeout);
                    st.setFetchSize(5_000);
                    if (from != null) for (int i = 1; i <= dates.size(); i++) st.setTimestamp(i, from);
                    try (ResultSet rs = st.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int n = md.getColumnCount();
                        List<String> labels = new ArrayList<>();
                        for (int i = 1; i <= n; i++) labels.add(md.getColumnLabel(i));
                        SsdBronze.Columns cols;
                        try {
                            cols = SsdBronze.columns(table, labels);
                        } catch (FileRejected e) {
                            // like a CSV without its key: this table is rejected by name, the others go on
                            warnings.add(e.getMessage() + "; table not read");
                            continue;
                        }
                        if (cols.extrasWarning() != null) warnings.add(cols.extrasWarning());
                        rows = new SsdBronze.Rows(cols);
                        List<String> values = new ArrayList<>(n);
                        long rowNumber = 0;
                        while (rs.next()) {
                            values.clear();
                            for (int i = 1; i <= n; i++) values.add(rs.getString(i));
                            rows.add(values, ++rowNumber, "database", extractedAt);
                            rowsOfCurrent++;
                        }
                    }
                }
                read.put(table.name(), rows);
                if (from != null) windows.put(table.name(), from.getTime());
            }
            conn.rollback();   // nothing was changed; end the read-only transaction
        } catch (SQLException e) {
            throw new ExtractFailed((current == null ? "" : current + ": ") + "the read from " + where + " failed"
                    + (current == null ? "" : " after " + rowsOfCurrent + " row(s)") + ": " + oneLine(e)
                    + "; nothing was written, bronze is as it was", e);
        } finally {
            net.shutdownNow();
        }

        List<Map.Entry<InputFile, ParsedFile>> out = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, SsdBronze.Rows> e : read.entrySet()) {
            String table = e.getKey();
            Dataset<Row> frame = e.getValue().toFrame(spark);
            if (lake != null && lake.exists(Layer.BRONZE, table)) {
                // idempotent: a row bronze already holds unchanged is not stored again
                Dataset<Row> held = lake.read(Layer.BRONZE, table).select(col(BronzeSpec.SSD_ROW_HASH).as("_held")).distinct();
                frame = frame.join(held, col(BronzeSpec.SSD_ROW_HASH).equalTo(col("_held")), "left_anti");
            }
            // materialise now: the frame must not depend on bronze, which is about to change
            frame = spark.createDataFrame(frame.collectAsList(), frame.schema());
            long n = frame.count();
            total += n;
            List<String> notes = new ArrayList<>();
            if (windows.containsKey(table)) {
                notes.add(table + ": incremental read of rows dated from " + new Timestamp(windows.get(table)).toInstant()
                        .toString().substring(0, 10) + " (" + e.getValue().size() + " read, " + n + " new or changed)");
            }
            String relative = where + "#" + table;
            InputFile f = new InputFile(relative, relative, SsdBronze.FOLDER, 0L,
                    sha256(relative + "|" + extractedAt.getTime() + "|" + e.getValue().size()), null, null);
            Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
            tables.put(table, frame);
            out.add(new AbstractMap.SimpleEntry<>(f, new ParsedFile(SsdBronze.yearOf(extractedAt), null, tables, n, notes)));
        }
        return new Extract(out, warnings, total);
    }

    /** The previous read of this table from this database, from bronze lineage; null when none. */
    static Timestamp previousRead(Lakehouse lake, String table, String where) {
        if (lake == null || !lake.exists(Layer.BRONZE, table)) return null;
        Row r = lake.read(Layer.BRONZE, table)
                .where(col(BronzeSpec.SSD_SOURCE_KIND).equalTo("database").and(col(Lineage.SOURCE_FILE).equalTo(where + "#" + table)))
                .agg(org.apache.spark.sql.functions.max(BronzeSpec.SSD_EXTRACTED_AT)).first();
        return r.isNullAt(0) ? null : r.getTimestamp(0);
    }

    /** SSD table name (lower case) to {schema, name as the database spells it}. */
    static Map<String, String[]> ssdTablesIn(DatabaseMetaData md) throws SQLException {
        Map<String, String[]> out = new TreeMap<>();
        try (ResultSet rs = md.getTables(null, null, "%", new String[]{"TABLE", "VIEW"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String schema = rs.getString("TABLE_SCHEM");
                String key = name.toLowerCase(Locale.ROOT);
                if (!key.startsWith("ssd_")) continue;
                if (schema != null && (schema.equalsIgnoreCase("information_schema") || schema.startsWith("pg_"))) continue;
                out.putIfAbsent(key, new String[]{schema, name});
            }
        }
        return out;
    }

    static List<String> columnsOf(DatabaseMetaData md, String[] table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, table[0], table[1], "%")) {
            while (rs.next()) cols.add(rs.getString("COLUMN_NAME"));
        }
        return cols;
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
