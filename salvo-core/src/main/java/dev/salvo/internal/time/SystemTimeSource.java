package dev.salvo.internal.time;

import dev.salvo.TimeSource;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock. Delays run on one shared daemon thread; tasks are expected to hand their work to
 * the engine's own thread at once, so this thread never does real work. Thread-safe.
 */
public final class SystemTimeSource implements TimeSource {

    public static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private final ScheduledThreadPoolExecutor timer;

    private SystemTimeSource() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "salvo-timer");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled backoffs would otherwise pile up in the queue until their time comes.
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = timer.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
