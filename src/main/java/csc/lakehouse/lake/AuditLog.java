package csc.lakehouse.lake;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.List;

/**
 * {@code audit.runs}: every run's manifest, appended, so "which inputs produced the figures we showed
 * Ofsted in March?" is one query: {@code select * from delta.`<root>/audit/runs` where command = 'publish'}.
 */
public final class AuditLog {
    public static final String TABLE = "runs";

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("command", DataTypes.StringType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("finished_at", DataTypes.TimestampType, true)
            .add("code_version", DataTypes.StringType, true)
            .add("manifest_path", DataTypes.StringType, false)
            .add("manifest_json", DataTypes.StringType, false);

    private AuditLog() {}

    public static void append(Lakehouse lake, RunManifest manifest, String manifestPath) {
        String json = manifest.toJson(lake);
        Object finished = manifest.toMap(java.util.Map.of(), java.util.Map.of()).get("finished_at");
        Row r = RowFactory.create(manifest.runId, manifest.command, Timestamp.from(manifest.startedAt),
                finished == null ? null : Timestamp.from(java.time.Instant.parse(finished.toString())),
                CodeVersion.get(), manifestPath, json);
        lake.append(lake.spark().createDataFrame(List.of(r), SCHEMA), Layer.AUDIT, TABLE);
    }
}
