package dev.salvo;

/**
 * The single seam through which Salvo reads time and waits.
 *
 * <p>Every time-based policy (backoff, Retry-After, rate limits, circuit cool-downs, timeouts)
 * reads the clock and schedules its waits through this interface, never through
 * {@link System#nanoTime()} or {@link Thread#sleep(long)} directly, so that tests can substitute a
 * fake clock and drive time deterministically.
 *
 * <p><b>Thread-safety:</b> implementations must be thread-safe. All methods may be called
 * concurrently from any thread.
 *
 * <p><b>Tasks:</b> a task passed to {@link #schedule} may run on any thread (an event loop, a
 * timer thread, or in tests the thread that advances a fake clock), so it must be short and must
 * not block: typically it only hands work back to the engine.
 */
public interface TimeSource {

    /**
     * Returns a monotonic time in nanoseconds, for measuring elapsed time only. The origin is
     * arbitrary; only differences between two readings from the same source are meaningful.
     */
    long nanoTime();

    /**
     * Returns the wall-clock time in milliseconds since the Unix epoch, for interpreting absolute
     * times such as an HTTP-date {@code Retry-After}. Not monotonic: it may jump.
     */
    long epochMillis();

    /**
     * Runs {@code task} once, after at least {@code delayNanos} of {@link #nanoTime()} time has
     * passed. A zero or negative delay means "as soon as possible". Thread-safe.
     *
     * @return a handle that cancels the task if it has not started yet
     */
    Cancellable schedule(long delayNanos, Runnable task);

    /** A handle for a scheduled task. */
    interface Cancellable {
        /**
         * Prevents the task from running if it has not started yet; does nothing otherwise.
         * Idempotent and thread-safe.
         */
        void cancel();
    }
}
