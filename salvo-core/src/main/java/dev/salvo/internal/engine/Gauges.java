package dev.salvo.internal.engine;

import dev.salvo.EngineSnapshot;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The engine's gauges, kept on the loop and readable from any thread. The loop owns the counts
 * and publishes them with ordered (release) writes after each round of scheduling, which cost
 * next to nothing on the hot path; a reader sees each figure as it was at some recent moment.
 *
 * <p>{@link #snapshot} is thread-safe; everything else is confined to the engine thread.
 */
final class Gauges {

    private static final int IN_FLIGHT = 0;
    private static final int WAITING = 1;
    private static final int QUEUED = 2;
    private static final int OPEN_CIRCUITS = 3;
    private static final int HOSTS = 4;

    private final AtomicIntegerArray published = new AtomicIntegerArray(5);

    /** Loop-owned counts that only the lifecycle and the scheduler change. */
    int waitingToRetry;
    int openCircuits;

    /** Publishes the current figures; called by the loop. */
    void publish(int inFlight, int queued, int hosts) {
        published.lazySet(IN_FLIGHT, inFlight);
        published.lazySet(WAITING, waitingToRetry);
        published.lazySet(QUEUED, queued);
        published.lazySet(OPEN_CIRCUITS, openCircuits);
        published.lazySet(HOSTS, hosts);
    }

    /** The figures last published; safe from any thread. */
    EngineSnapshot snapshot() {
        return new EngineSnapshot(published.get(IN_FLIGHT), published.get(WAITING), published.get(QUEUED),
                published.get(OPEN_CIRCUITS), published.get(HOSTS));
    }
}
