package csc.lakehouse.lake;

import csc.lakehouse.SparkTestSession;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {
    @Test
    void secondRunIsRefusedWhileTheFirstHoldsTheLock() {
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("lock").toString());
        try (RunLock first = RunLock.acquire(lake, "ingest", 0)) {
            RunLock.Held held = assertThrows(RunLock.Held.class, () -> RunLock.acquire(lake, "measures", 0));
            assertTrue(held.getMessage().contains("ingest"), held.getMessage());
        }
        // released: the next run gets it
        assertDoesNotThrow(() -> RunLock.acquire(lake, "publish", 0).close());
    }

    @Test
    void aLockLeftByADeadProcessIsClearedAsStale() throws Exception {
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("stale").toString());
        Path p = new Path(lake.root() + "/_lock");
        // pid 2^22+1 is above Linux's pid_max default ceiling, so no live process has it
        String host = java.net.InetAddress.getLocalHost().getHostName();
        try (OutputStream out = lake.fileSystem(p).create(p, true)) {
            out.write(("pid=4194305\nhost=" + host + "\ncommand=ingest\nstarted_at=2026-01-01T00:00:00Z\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        assertDoesNotThrow(() -> RunLock.acquire(lake, "ingest", 0).close());
    }
}
