package csc.lakehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data files of a Delta table's current version, read from its {@code _delta_log} as the Delta protocol lays it
 * out, with neither Spark nor Delta's library: the last checkpoint's {@code add} actions (a Parquet file, read here by
 * DuckDB), then every later JSON commit in order, an {@code add} adding a file and a {@code remove} removing it. What
 * a DuckDB reader needs to read the same files as Spark without DuckDB's delta extension (which cannot be downloaded
 * here). Refuses what it cannot read right: deletion vectors, v2 (UUID-named) checkpoints, partitioned tables.
 */
public final class DeltaLogFiles {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(\\.\\d{10}\\.\\d{10})?\\.parquet");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaLogFiles() {}

    /** The absolute paths of the table's current data files; empty for a table with no files. */
    public static List<Path> current(Connection db, Path table) throws IOException, SQLException {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) throw new IOException("not a Delta table (no _delta_log): " + table);
        List<Path> log0;
        try (Stream<Path> s = Files.list(log)) {
            log0 = s.sorted().toList();
        }
        for (Path p : log0) {
            String n = p.getFileName().toString();
            if (n.contains(".checkpoint.") && n.endsWith(".parquet") && !CHECKPOINT.matcher(n).matches()) {
                throw new IOException("a v2 checkpoint (" + n + ") in " + log + ": not read here");
            }
        }
        Path last = log.resolve("_last_checkpoint");
        long checkpoint = Files.exists(last) ? JSON.readTree(last.toFile()).path("version").asLong(-1) : -1;
        List<Path> parts = new ArrayList<>();
        List<Path> commitFiles = new ArrayList<>();
        for (Path p : log0) {
            String n = p.getFileName().toString();
            Matcher c = CHECKPOINT.matcher(n), j = COMMIT.matcher(n);
            if (c.matches() && Long.parseLong(c.group(1)) == checkpoint) parts.add(p);
            else if (j.matches() && Long.parseLong(j.group(1)) > checkpoint) commitFiles.add(p);
        }
        if (checkpoint >= 0 && parts.isEmpty()) {
            throw new IOException("_last_checkpoint names version " + checkpoint + " but " + log + " has no such checkpoint");
        }
        Set<String> files = new LinkedHashSet<>();
        if (!parts.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (Path p : parts) list.append(list.length() == 0 ? "" : ", ").append(DuckDbHeadlineMeasures.q(p));
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT add.path, add.deletionVector IS NOT NULL FROM read_parquet([" + list + "], union_by_name=true)"
                            + " WHERE add IS NOT NULL AND add.path IS NOT NULL")) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) throw new IOException(table + " has deletion vectors: not read here");
                    files.add(rs.getString(1));
                }
            } catch (SQLException e) {
                // a checkpoint without a deletionVector field (older writers): the paths alone
                if (!String.valueOf(e.getMessage()).contains("deletionVector")) throw e;
                try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT add.path FROM read_parquet([" + list + "], union_by_name=true) WHERE add IS NOT NULL AND add.path IS NOT NULL")) {
                    while (rs.next()) files.add(rs.getString(1));
                }
            }
        }
        for (Path c : commitFiles) {
            try (BufferedReader r = Files.newBufferedReader(c, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) continue;
                    JsonNode a = JSON.readTree(line);
                    if (a.has("metaData") && a.get("metaData").path("partitionColumns").size() > 0) {
                        throw new IOException(table + " is partitioned: not read here");
                    }
                    if (a.has("add")) {
                        if (!a.get("add").path("deletionVector").isMissingNode() && !a.get("add").get("deletionVector").isNull()) {
                            throw new IOException(table + " has deletion vectors: not read here");
                        }
                        files.add(a.get("add").get("path").asText());
                    } else if (a.has("remove")) {
                        files.remove(a.get("remove").get("path").asText());
                    }
                }
            }
        }
        List<Path> out = new ArrayList<>();
        for (String f : files) out.add(resolve(table, f));
        return out;
    }

    /** A log path is a URI: relative to the table (percent-encoded) or absolute. */
    static Path resolve(Path table, String logPath) {
        URI u = URI.create(logPath);
        if (u.isAbsolute()) return Path.of(u);
        return table.resolve(u.getPath());
    }
}
