package dev.salvo.internal.engine;

import dev.salvo.internal.policy.TokenBucket;

/**
 * The limits that span every host: the global cap on requests in flight and the global rate.
 * This is the only scheduling state that is not a host's own, so it is the one piece that
 * engines split over several event loops would share (an atomic counter and a token bucket taken
 * under compare-and-set, or tokens handed to each loop in small batches); see the README.
 *
 * <p>Confined to the engine thread.
 */
final class GlobalLimits {

    private final int concurrency;
    /** Null when there is no global rate limit. */
    private final TokenBucket bucket;
    private int inFlight;

    GlobalLimits(int concurrency, TokenBucket bucket) {
        this.concurrency = concurrency;
        this.bucket = bucket;
    }

    boolean hasSlot() {
        return inFlight < concurrency;
    }

    /** Nanoseconds until the global rate allows a request; 0 now. */
    long nanosUntilToken(long nowNanos) {
        return bucket == null ? 0 : bucket.nanosUntilAvailable(nowNanos);
    }

    /** Takes a slot and a token; only after {@link #hasSlot} and a zero {@link #nanosUntilToken}. */
    void acquire(long nowNanos) {
        inFlight++;
        if (bucket != null) {
            bucket.take(nowNanos);
        }
    }

    void release() {
        inFlight--;
    }

    int inFlight() {
        return inFlight;
    }
}
