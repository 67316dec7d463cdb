package csc.lakehouse;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test class: drops cached frames and Delta's cache of table logs. The whole suite shares one
 * JVM and one SparkSession, and the full-pipeline tests touch hundreds of temporary tables; without this
 * their snapshots pile up until the heap is exhausted late in the run (seen in CI as executor heartbeat
 * timeouts and "Failed to allocate a page" in the DuckDB bench test). Registered through
 * META-INF/services and junit-platform.properties (extension autodetection).
 */
public final class ReleaseSparkCaches implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        scala.Option<SparkSession> s = SparkSession.getDefaultSession();
        if (s.isDefined()) s.get().catalog().clearCache();
        org.apache.spark.sql.delta.DeltaLog.clearCache();
    }
}
