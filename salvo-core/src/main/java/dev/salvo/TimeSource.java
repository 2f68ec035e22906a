package dev.salvo;

/**
 * The one seam through which the engine reads time and waits.
 *
 * <p>Every delay the engine takes (backoff before a retry, a Retry-After pause, a rate-limit wait,
 * a circuit cool-down) goes through {@link #schedule}; nothing in the engine sleeps. Tests pass a
 * controllable implementation and advance it, so policies are checked in microseconds.
 *
 * <p>Implementations must be thread-safe: the engine schedules from its event-loop thread while
 * tasks may be run on any thread. Tasks must be short; the engine hops back onto its own thread
 * before touching its state.
 */
public interface TimeSource {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch; used to read Retry-After given as an HTTP date. */
    long epochMillis();

    /** Runs {@code task} once after {@code delayNanos} (at once when zero or negative). */
    Cancellable schedule(long delayNanos, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling later is a no-op. */
    interface Cancellable {
        void cancel();
    }

    /** The real clock; delays run on a shared daemon timer thread. */
    static TimeSource system() {
        return dev.salvo.internal.time.SystemTimeSource.INSTANCE;
    }
}
