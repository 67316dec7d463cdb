package csc.lakehouse.lake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The run manifest of architecture.md section 5: what went in (files, hashes, rows, status), what came
 * out (tables, rows, Delta versions), parameters and timings. Written to
 * {@code <lakehouse>/_manifests/<run_id>.json}; anything shown to Ofsted can be regenerated from it.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    public final String runId;
    public final String command;
    public final Instant startedAt;
    private Instant finishedAt;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
    private final List<Map<String, Object>> stages = new ArrayList<>();
    private final List<Map<String, Object>> warnings = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public RunManifest(String command) {
        this.startedAt = Instant.now();
        this.command = command;
        this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(startedAt)
                + "-" + command + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public RunManifest parameter(String name, Object value) {
        parameters.put(name, value == null ? null : value.toString());
        return this;
    }

    public enum InputStatus { ingested, skipped_seen, rejected }

    public synchronized void input(String path, String sha256, long bytes, Long rows, InputStatus status, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("sha256", sha256);
        m.put("bytes", bytes);
        m.put("rows", rows);
        m.put("status", status.name());
        m.put("reason", reason);
        inputs.add(m);
    }

    public List<Map<String, Object>> inputs() { return inputs; }

    /** Records (or adds to) the counts of one table. Null counts are left as they are. */
    public synchronized void table(String name, Layer layer, Long rowsIn, Long rowsWritten, Long rowsQuarantined,
                                   Long rowsDuplicate, Long deltaVersion) {
        Map<String, Object> m = tables.computeIfAbsent(name, k -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", k);
            t.put("layer", layer.folder());
            t.put("rows_in", null);
            t.put("rows_written", null);
            t.put("rows_quarantined", null);
            t.put("rows_duplicate", null);
            t.put("delta_version", null);
            return t;
        });
        if (rowsIn != null) m.put("rows_in", rowsIn);
        if (rowsWritten != null) m.put("rows_written", rowsWritten);
        if (rowsQuarantined != null) m.put("rows_quarantined", rowsQuarantined);
        if (rowsDuplicate != null) m.put("rows_duplicate", rowsDuplicate);
        if (deltaVersion != null) m.put("delta_version", deltaVersion);
    }

    public Map<String, Map<String, Object>> tables() { return tables; }

    public synchronized void stage(String name, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seconds", Math.round(seconds * 1000.0) / 1000.0);
        stages.add(m);
    }

    public synchronized void warning(String file, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("message", message);
        warnings.add(m);
    }

    /** Free-form sections (data-quality summary, rule counts, population vintage...). */
    public synchronized void put(String key, Object value) { extra.put(key, value); }

    public Object get(String key) { return extra.get(key); }

    public void finish() { finishedAt = Instant.now(); }

    public boolean anyRejected() {
        return inputs.stream().anyMatch(i -> InputStatus.rejected.name().equals(i.get("status")));
    }

    public Map<String, Object> toMap(Map<String, Long> deltaRead, Map<String, Long> deltaWritten) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("command", command);
        m.put("started_at", startedAt.toString());
        m.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        m.put("code_version", CodeVersion.get());
        m.put("parameters", parameters);
        m.put("inputs", inputs);
        m.put("tables", new ArrayList<>(tables.values()));
        m.put("stages", stages);
        m.put("delta_versions_read", deltaRead);
        m.put("delta_versions_written", deltaWritten);
        m.put("warnings", warnings);
        m.putAll(extra);
        return m;
    }

    public String toJson(Lakehouse lake) {
        try {
            return JSON.writeValueAsString(toMap(lake.versionsRead(), lake.versionsWritten()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code <lakehouse>/_manifests/<run_id>.json}, appends the run to {@code audit.runs}, and
     * returns the manifest's relative path.
     */
    public String write(Lakehouse lake) {
        if (finishedAt == null) finish();
        String rel = "_manifests/" + runId + ".json";
        lake.writeText(rel, toJson(lake));
        AuditLog.append(lake, this, rel);
        return rel;
    }
}
