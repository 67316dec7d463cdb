package csc.lakehouse.conform;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Silver from bronze: the silver tables whose bronze changed are rebuilt from the current bronze submissions and
 * written, then the derived tables and {@code silver.returns_held}. Runs when bronze changed since the last complete
 * conform (or when forced); otherwise no table is touched.
 *
 * <p>Only what changed (issue 16, item 4): a complete conform records the version of every bronze table and the
 * build of the code ({@link #BRONZE_VERSIONS_MARKER}). Next time, a builder is run and written only when a bronze
 * table it reads has another version now (new files, a purge), when its silver table is missing, or when the code
 * is another build (or {@code --la} another default); every other silver table is left as it is and read as it stands. Adding a year's returns so
 * re-conforms the sources that year brought, not the trackers, Annex A or SSD extracts that came unchanged.
 *
 * <p>With no lakehouse ({@code validate}) the same rules run over the bronze rows held in memory and nothing
 * is written.
 */
public final class ConformJob {
    static final String CONFORMED_MARKER = "_state/conformed_ingest_log_version";
    /** The bronze versions and code build of the last complete conform: {@code code=...}, then {@code table=version}. */
    static final String BRONZE_VERSIONS_MARKER = "_state/conformed_bronze_versions";
    /** the drop's postcode-to-coordinates files the last complete conform used (names and SHA-256), for the distance band */
    static final String POSTCODES_MARKER = "_state/conformed_postcode_files";

    /**
     * What conform did: whether it ran, each builder's outcome and the silver tables (in a dry run, the frames
     * themselves). Unmodifiable.
     */
    public record Result(boolean conformed, List<SilverWriter.Outcome> silver, Map<String, Dataset<Row>> silverTables) {
        public Result {
            silver = List.copyOf(silver);
            silverTables = Collections.unmodifiableMap(new LinkedHashMap<>(silverTables));
        }
    }

    private final Lakehouse lake;
    private final RunManifest manifest;
    private ConformContext ctx;
    private boolean force = false;

    /** @param lake null for a dry run */
    public ConformJob(SparkSession spark, Lakehouse lake, RunManifest manifest, String defaultLaCode) {
        this.lake = lake;
        this.manifest = manifest;
        this.ctx = new ConformContext(spark, defaultLaCode);
    }

    /** null until {@link #postcodes} is called (a run without a drop, such as one reading a database only) */
    private String postcodeFiles = null;

    /**
     * The drop's postcode coordinates (postcode, lat, lon), or null: see {@link ConformContext}; {@code files} names
     * the files they came from with their SHA-256 ("" when none). Silver is a function of them (the episodes'
     * distance band), so a drop whose files differ from the last conform's is conformed again in full.
     */
    public ConformJob postcodes(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> postcodes, String files) {
        this.ctx = new ConformContext(ctx.spark(), ctx.defaultLaCode(), postcodes);
        this.postcodeFiles = files == null ? "" : files;
        return this;
    }

    /** The coordinates files differ from those the last complete conform used (none counts as ""). */
    private boolean postcodeFilesChanged() {
        if (lake == null || postcodeFiles == null || conformedVersion() < 0) return false;   // a first conform runs anyway
        return !postcodeFiles.equals(lake.readText(POSTCODES_MARKER).orElse(""));
    }

    /** Rebuild silver from bronze even when no new file arrived (after a code or rule change). */
    public ConformJob force(boolean f) {
        this.force = f;
        return this;
    }

    /**
     * @param bronze        bronze as conform reads it (the lakehouse's, or a dry run's frames)
     * @param bronzeChanged whether the ingest just before wrote new bronze rows
     */
    public Result run(BronzeView bronze, boolean bronzeChanged) {
        Progress progress = new Progress();
        List<SilverWriter.Outcome> outcomes = new ArrayList<>();
        Map<String, Dataset<Row>> silverTables = new LinkedHashMap<>();
        // Conform when bronze changed since the last complete conform. The marker is written only after
        // every silver table is merged, so a run killed half-way conforms again next time.
        boolean bronzeAhead = lake != null && bronzeVersion() > conformedVersion();
        if (postcodeFilesChanged()) {
            Progress.say("the postcode-to-coordinates files in reference/ changed: every silver table is conformed again");
            force = true;
        }
        if (bronzeChanged || force || bronzeAhead) {
            conform(bronze, progress, outcomes, silverTables);
            if (lake != null) {
                if (postcodeFiles != null) lake.writeText(POSTCODES_MARKER, postcodeFiles);
                lake.writeText(BRONZE_VERSIONS_MARKER, bronzeVersionsText(bronzeVersions()));
                lake.writeText(CONFORMED_MARKER, Long.toString(bronzeVersion()));
            }
            return new Result(true, outcomes, silverTables);
        }
        Progress.say("no new input files: bronze and silver left as they are");
        // a lakehouse conformed before silver.returns_held existed gets it now (gold reads it, not bronze)
        if (lake != null && !lake.exists(Layer.SILVER, ReturnsHeld.TABLE)) ReturnsHeld.write(lake).ifPresent(this::recordReturnsHeld);
        return new Result(false, outcomes, silverTables);
    }

    private long bronzeVersion() {
        return lake.version(Layer.BRONZE, BronzeSpec.INGEST_LOG).orElse(-1L);
    }

    private long conformedVersion() {
        try {
            return lake.readText(CONFORMED_MARKER).map(t -> Long.parseLong(t.trim())).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1L;   // an unreadable marker: conform again
        }
    }

    /** Every bronze table's current version (the ingest log's included). */
    private Map<String, Long> bronzeVersions() {
        Map<String, Long> out = new TreeMap<>();
        for (String t : lake.tables(Layer.BRONZE)) out.put(t, lake.version(Layer.BRONZE, t).orElse(-1L));
        return out;
    }

    /** What silver is a function of besides bronze: the code build and the --la default for rows without an LA. */
    private String settings() {
        return csc.lakehouse.lake.CodeVersion.build() + " la=" + ctx.defaultLaCode();
    }

    private String bronzeVersionsText(Map<String, Long> versions) {
        StringBuilder sb = new StringBuilder("code=").append(settings()).append('\n');
        versions.forEach((t, v) -> sb.append(t).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /**
     * The bronze versions the last complete conform read, or null when it must not be trusted: none recorded (a
     * lakehouse conformed before issue 16), another build of the code or --la default, or a forced conform.
     */
    private Map<String, Long> conformedBronzeVersions() {
        if (lake == null || force) return null;
        Optional<String> text = lake.readText(BRONZE_VERSIONS_MARKER);
        if (text.isEmpty()) return null;
        Map<String, Long> out = new TreeMap<>();
        String code = null;
        for (String line : text.get().split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String k = line.substring(0, eq), v = line.substring(eq + 1).trim();
            if (k.equals("code")) {
                code = v;
                continue;
            }
            try {
                out.put(k, Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;   // an unreadable marker: conform everything
            }
        }
        return settings().equals(code) ? out : null;
    }

    /** A bronze view that notes every table a builder asks for (its inputs). */
    private static BronzeView noting(BronzeView view, java.util.Set<String> asked) {
        return table -> {
            asked.add(table);
            return view.all(table);
        };
    }

    private void conform(BronzeView view, Progress progress, List<SilverWriter.Outcome> outcomes,
                         Map<String, Dataset<Row>> silverTables) {
        Map<String, Map<String, Long>> errorsByRule = new TreeMap<>();
        Map<String, Map<String, Long>> warningsByRule = new TreeMap<>();
        Map<String, Long> before = conformedBronzeVersions(), now = lake == null ? Map.of() : bronzeVersions();
        // silver tables kept as they are: their bronze is unchanged since the last complete conform
        List<String> kept = java.util.Collections.synchronizedList(new ArrayList<>());
        // silver tables built from bronze are independent of each other: write them concurrently
        List<SilverWriter.Outcome> built = csc.lakehouse.lake.Parallel.map(SilverTables.builders(),
                csc.lakehouse.lake.Parallel.defaultThreads(), b -> {
                    java.util.Set<String> inputs = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    Optional<Dataset<Row>> typed = b.build(noting(view, inputs), ctx);
                    if (typed.isEmpty()) return null;
                    if (before != null && lake.exists(Layer.SILVER, b.table()) && inputs.stream()
                            .allMatch(t -> java.util.Objects.equals(before.get(t), now.get(t)))) {
                        kept.add(b.table());
                        return null;
                    }
                    SilverWriter.Outcome o = SilverWriter.write(lake, b.table(), typed.get());
                    progress.stage("silver", b.table(), o.rowsWritten());
                    return o;
                });
        if (!kept.isEmpty()) {
            java.util.Collections.sort(kept);
            Progress.say("kept %d silver table(s) whose bronze is as the last conform left it: %s", kept.size(), String.join(", ", kept));
            manifest.put("silver_unchanged", new ArrayList<>(kept));
            for (String t : kept) {
                silverTables.put(t, lake.read(Layer.SILVER, t));
                keptRuleCounts(t, errorsByRule, warningsByRule);
            }
        }
        boolean anyBuilt = built.stream().anyMatch(java.util.Objects::nonNull);
        Dataset<Row> vanished = null;
        long vanishedCount = 0;
        if (!kept.isEmpty() && anyBuilt && lake.exists(Layer.SILVER, SilverWriter.VANISHED_ITEMS)) {
            // the kept tables' vanished items stay listed (a handful of rows, held in the driver like the others)
            Dataset<Row> old = lake.read(Layer.SILVER, SilverWriter.VANISHED_ITEMS)
                    .filter(org.apache.spark.sql.functions.col("table_name").isin(kept.toArray()));
            List<Row> rows = old.collectAsList();
            vanished = lake.spark().createDataFrame(rows, old.schema());
            vanishedCount = rows.size();
        }
        for (SilverWriter.Outcome o : built) {
            if (o == null) continue;
            outcomes.add(o);
            vanished = vanished == null ? o.vanished() : vanished.unionByName(o.vanished());
            vanishedCount += o.vanishedCount();
            silverTables.put(o.table(), o.silver());
            manifest.table(Lakehouse.name(Layer.SILVER, o.table()), Layer.SILVER, o.rowsIn(), o.rowsWritten(),
                    o.rowsQuarantined(), o.rowsDuplicate(), o.deltaVersion());
            if (o.rowsQuarantined() > 0) {
                manifest.table(Lakehouse.name(Layer.QUARANTINE, o.table()), Layer.QUARANTINE, null,
                        o.rowsQuarantined(), null, null,
                        lake == null ? null : lake.version(Layer.QUARANTINE, o.table()).orElse(null));
            }
            if (!o.errorsByRule().isEmpty()) errorsByRule.put(o.table(), o.errorsByRule());
            if (!o.warningsByRule().isEmpty()) warningsByRule.put(o.table(), o.warningsByRule());
        }
        if (vanished != null) {
            // one table for every source's vanished items (the per-table lists are small, held in the driver)
            Long version = null;
            if (lake != null) {
                version = lake.mergeReplace(vanished, Layer.SILVER, SilverWriter.VANISHED_ITEMS,
                        TableSchema.load("silver", SilverWriter.VANISHED_ITEMS).keys, SilverWriter.ROW_HASH);
                vanished = lake.read(Layer.SILVER, SilverWriter.VANISHED_ITEMS);
            }
            silverTables.put(SilverWriter.VANISHED_ITEMS, vanished);
            manifest.table(Lakehouse.name(Layer.SILVER, SilverWriter.VANISHED_ITEMS), Layer.SILVER, vanishedCount,
                    vanishedCount, 0L, 0L, version);
            manifest.put("vanished_items", vanishedCount);
        }
        for (DerivedSilverTable d : SilverTables.derived()) {
            // derived tables read the silver tables above: unchanged when every one of them was kept
            if (!anyBuilt && !kept.isEmpty() && lake.exists(Layer.SILVER, d.table())) {
                silverTables.put(d.table(), lake.read(Layer.SILVER, d.table()));
                continue;
            }
            Optional<Dataset<Row>> rows = d.build(silverTables, ctx);
            if (rows.isEmpty()) continue;
            TableSchema schema = TableSchema.load("silver", d.table());
            Dataset<Row> conformed = SilverWriter.conformToSchema(rows.get(), schema);
            long n;
            Long version = null;
            if (lake != null) {
                version = lake.mergeReplace(conformed, Layer.SILVER, d.table(), schema.keys, SilverWriter.ROW_HASH);
                conformed = lake.read(Layer.SILVER, d.table());
            }
            // the write is an overwrite whose commit records its rows: no count job (issue 16)
            final Dataset<Row> written = conformed;
            n = version == null ? conformed.count()
                    : lake.rowsWritten(Layer.SILVER, d.table(), version).orElseGet(written::count);
            silverTables.put(d.table(), conformed);
            if (d.table().equals(ReturnCorrections.TABLE)) manifest.put(ReturnCorrections.TABLE, n);
            manifest.table(Lakehouse.name(Layer.SILVER, d.table()), Layer.SILVER, n, n, 0L, 0L, version);
            progress.stage("silver", d.table(), n);
        }
        if (lake != null) ReturnsHeld.write(lake).ifPresent(this::recordReturnsHeld);
        manifest.put("quarantine_by_rule", errorsByRule);
        manifest.put("warnings_by_rule", warningsByRule);
    }

    /** A kept table's rule counts for the data-quality report, from its quarantine and warnings tables as they stand. */
    private void keptRuleCounts(String table, Map<String, Map<String, Long>> errorsByRule,
                                Map<String, Map<String, Long>> warningsByRule) {
        Map<String, Long> errors = csc.lakehouse.lake.RuleCounts.quarantined(lake, table);
        if (!errors.isEmpty()) errorsByRule.put(table, errors);
        Map<String, Long> warnings = csc.lakehouse.lake.RuleCounts.warned(lake, table);
        if (!warnings.isEmpty()) warningsByRule.put(table, warnings);
    }

    private void recordReturnsHeld(ReturnsHeld.Written w) {
        manifest.table(Lakehouse.name(Layer.SILVER, ReturnsHeld.TABLE), Layer.SILVER, w.rows(), w.rows(), 0L, 0L, w.version());
    }

}
