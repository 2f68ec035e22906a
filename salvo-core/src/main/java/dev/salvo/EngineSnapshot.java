package dev.salvo;

/**
 * What a run's engine holds at one moment, from {@link FetchRun#snapshot()}. Each figure is
 * exact as of a recent turn of the engine's loop; taken together they may be a few requests
 * apart. Immutable; thread-safe.
 *
 * @param inFlight       requests sent and not yet answered (redirect hops included)
 * @param waitingToRetry URLs whose attempt failed and whose retry timer is running
 * @param queued         URLs waiting for a host's or the global limits to let them start
 * @param openCircuits   hosts whose circuit is open or half-open
 * @param hosts          hosts the engine remembers (with work, or with recent failures, a pause
 *                       or a rate limit to honour)
 */
public record EngineSnapshot(int inFlight, int waitingToRetry, int queued, int openCircuits, int hosts) {

    /** The snapshot of a run that holds nothing. */
    public static final EngineSnapshot EMPTY = new EngineSnapshot(0, 0, 0, 0, 0);
}
