package csc.lakehouse.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link BronzeView} that reads each bronze table once per conform and keeps its rows (and its latest
 * submissions) cached for every builder that asks (issue 16: "read each bronze table once per run and reuse it").
 * Several builders read the same table (the CIN header by every CIN builder); uncached, each of their queries
 * re-plans the Delta scan, which costs file-listing and snapshot jobs per query. {@link #close()} releases the cache.
 */
public final class CachedBronzeView implements BronzeView, AutoCloseable {
    private final Function<String, Optional<Dataset<Row>>> read;
    private final Map<String, Optional<Dataset<Row>>> all = new ConcurrentHashMap<>();
    private final Map<String, Optional<Dataset<Row>>> current = new ConcurrentHashMap<>();

    /** @param read the table's rows, or empty when it has none (called at most once per table) */
    public CachedBronzeView(Function<String, Optional<Dataset<Row>>> read) {
        this.read = read;
    }

    @Override
    public Optional<Dataset<Row>> all(String bronzeTable) {
        return all.computeIfAbsent(bronzeTable, t -> read.apply(t).map(d -> d.persist(StorageLevel.MEMORY_AND_DISK())));
    }

    @Override
    public Optional<Dataset<Row>> current(String bronzeTable) {
        return current.computeIfAbsent(bronzeTable, t -> all(t).map(d -> BronzeView.latestSubmissions(d)
                .persist(StorageLevel.MEMORY_AND_DISK())));
    }

    @Override
    public void close() {
        current.values().forEach(d -> d.ifPresent(Dataset::unpersist));
        all.values().forEach(d -> d.ifPresent(Dataset::unpersist));
        current.clear();
        all.clear();
    }
}
