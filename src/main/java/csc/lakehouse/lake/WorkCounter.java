package csc.lakehouse.lake;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the work a run does, not its time: Spark jobs and tasks (a {@link SparkListener} on the session's
 * context), and Delta commits and data files written (counted by {@link Lakehouse} from the commits it makes).
 * These figures do not depend on how loaded the machine is, so the run manifest and {@code bench} report them
 * and a test can hold them to a budget (issue 16, item 6).
 *
 * <p>The counters are per JVM; a run takes a {@link #snapshot()} when it starts and reports
 * {@link Snapshot#since(Snapshot)} when it ends (one writing run at a time per lakehouse, so per JVM in practice).
 */
public final class WorkCounter extends SparkListener {
    private static final AtomicLong JOBS = new AtomicLong();
    private static final AtomicLong TASKS = new AtomicLong();
    private static final AtomicLong COMMITS = new AtomicLong();
    private static final AtomicLong FILES = new AtomicLong();
    private static SparkContext installedOn;

    private WorkCounter() {}

    /** Registers the listener on the session's context (once per context). */
    public static synchronized void install(SparkSession spark) {
        SparkContext sc = spark.sparkContext();
        if (installedOn != sc) {
            sc.addSparkListener(new WorkCounter());
            installedOn = sc;
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        JOBS.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        TASKS.incrementAndGet();
    }

    /** Called by {@link Lakehouse} for each write: the commits it made and the data files they added. */
    static void committed(long commits, long files) {
        COMMITS.addAndGet(commits);
        FILES.addAndGet(files);
    }

    /** The counters now, after the listener bus has delivered the events already posted (up to 10 s). */
    public static Snapshot snapshot() {
        SparkContext sc;
        synchronized (WorkCounter.class) {
            sc = installedOn;
        }
        if (sc != null && !sc.isStopped()) {
            try {
                sc.listenerBus().waitUntilEmpty(10_000);
            } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
                // the counts may miss the last few events; they are figures, not state
            }
        }
        return new Snapshot(JOBS.get(), TASKS.get(), COMMITS.get(), FILES.get());
    }

    /** Counter values at one moment; {@link #since} gives the work done between two of them. */
    public record Snapshot(long sparkJobs, long sparkTasks, long deltaCommits, long filesWritten) {
        public Snapshot since(Snapshot start) {
            return new Snapshot(sparkJobs - start.sparkJobs, sparkTasks - start.sparkTasks,
                    deltaCommits - start.deltaCommits, filesWritten - start.filesWritten);
        }

        /** As the manifest's {@code work} section. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spark_jobs", sparkJobs);
            m.put("spark_tasks", sparkTasks);
            m.put("delta_commits", deltaCommits);
            m.put("files_written", filesWritten);
            return m;
        }

        /** As bench's last line: {@code jobs=N tasks=N commits=N files=N}. */
        public String line() {
            return "jobs=" + sparkJobs + " tasks=" + sparkTasks + " commits=" + deltaCommits + " files=" + filesWritten;
        }
    }
}
