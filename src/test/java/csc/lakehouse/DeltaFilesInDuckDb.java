package csc.lakehouse;

import csc.lakehouse.bench.DeltaLogFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A Delta table of a test lakehouse read by DuckDB: the data files its log names as current ({@link DeltaLogFiles}),
 * as a {@code read_parquet} source. Tests that sweep every table of a lakehouse (comparing two, scanning for raw
 * identifiers) read over a hundred tables; through Spark each read paid query planning and Delta's file filtering
 * (about 40 s for two lakehouses), through DuckDB the sweep takes a few seconds and reads the same rows.
 */
public final class DeltaFilesInDuckDb {
    private DeltaFilesInDuckDb() {}

    /** {@code read_parquet([...], union_by_name=true)} over the table's current files; empty when it has none. */
    public static Optional<String> source(Connection db, String tablePath) throws IOException, SQLException {
        List<Path> files = DeltaLogFiles.current(db, local(tablePath));
        if (files.isEmpty()) return Optional.empty();
        StringBuilder list = new StringBuilder();
        for (Path f : files) list.append(list.length() == 0 ? "" : ", ").append("'").append(f.toString().replace("'", "''")).append("'");
        return Optional.of("read_parquet([" + list + "], union_by_name=true)");
    }

    /** A table path as a lakehouse names it (a file: URI or a plain path) as a local path. */
    public static Path local(String tablePath) {
        return tablePath.startsWith("file:") ? Path.of(URI.create(tablePath)) : Path.of(tablePath);
    }
}
