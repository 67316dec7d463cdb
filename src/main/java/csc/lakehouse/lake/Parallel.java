package csc.lakehouse.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent table writes concurrently from a few driver threads. Most of a small Delta write is
 * driver-side work (planning, log replay, commit), so a handful of tables in flight keeps both cores busy
 * where one-at-a-time leaves them idle. Results come back in input order; the first failure is rethrown.
 */
public final class Parallel {
    /** Threads used for table writes: {@code -Dcsc.table.threads=N} (default 4). */
    public static int defaultThreads() {
        return Math.max(1, Integer.getInteger("csc.table.threads", 4));
    }

    private Parallel() {}

    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> fn) {
        if (items.size() <= 1 || threads <= 1) {
            List<R> out = new ArrayList<>();
            for (T t : items) out.add(fn.apply(t));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "csc-table-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T t : items) futures.add(pool.submit(() -> fn.apply(t)));
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    for (Future<R> other : futures) other.cancel(true);
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error err) throw err;
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing tables", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
