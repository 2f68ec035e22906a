package dev.salvo.internal.engine;

import dev.salvo.internal.transport.Outcome;

/**
 * Told how each hop ended, while its job still holds the lease ({@link Job#host} is the host that
 * answered, its in-flight count still includes this hop) and before the scheduler hears of it.
 * This is where what a host's answers say about the host itself (how many requests it can take,
 * when it wants the next) is read, apart from what the answer means for its URL.
 *
 * <p>Implementations run on the engine's event-loop thread and must not start or release work.
 */
@FunctionalInterface
interface HopObserver {

    HopObserver NONE = (job, outcome, nowNanos) -> { };

    void completed(Job job, Outcome outcome, long nowNanos);

    /** This observer, then {@code next}. */
    default HopObserver andThen(HopObserver next) {
        if (this == NONE) {
            return next;
        }
        return (job, outcome, nowNanos) -> {
            completed(job, outcome, nowNanos);
            next.completed(job, outcome, nowNanos);
        };
    }
}
