package dev.salvo;

import java.time.Duration;

/**
 * A run started with {@link Salvo#start}. Thread-safe.
 */
public interface FetchRun {

    /**
     * Stops the run: no more input is read and nothing new is sent; queued and waiting URLs end at
     * once with {@link ErrorType#CANCELLED}, and requests in flight get {@code grace} to finish
     * before they are aborted and end the same way. Every URL read so far still gets exactly one
     * result. Returns at once; {@link #await} waits for the end.
     */
    void stop(Duration grace);

    /** {@link #stop} with no grace. */
    default void cancel() {
        stop(Duration.ZERO);
    }

    /**
     * Waits until every result has been delivered. Rethrows what ended the run early: an
     * exception thrown by the sink (the run is then stopped), or one thrown by the input iterator.
     */
    void await() throws InterruptedException;

    /** Waits at most {@code timeout}; true when the run has ended. */
    boolean await(Duration timeout) throws InterruptedException;

    /** True once every result has been delivered. */
    boolean isDone();

    /**
     * What the engine holds now: requests in flight, URLs waiting to retry or queued, open
     * circuits and hosts remembered. Cheap and safe to call from any thread, as often as a
     * progress display needs; figures are as of a recent turn of the engine's loop.
     */
    EngineSnapshot snapshot();
}
