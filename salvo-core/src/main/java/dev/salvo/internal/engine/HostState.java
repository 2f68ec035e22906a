package dev.salvo.internal.engine;

import dev.salvo.TimeSource;
import dev.salvo.internal.policy.CircuitBreaker;
import dev.salvo.internal.policy.TokenBucket;

import java.util.ArrayDeque;

/**
 * What the dispatcher knows about one host: its queue of ready jobs, requests in flight, its rate
 * bucket, its circuit, and whether a timer will wake it. Confined to the engine thread.
 */
final class HostState {

    final String key;
    final ArrayDeque<Job> ready = new ArrayDeque<>();
    final CircuitBreaker circuit;
    /** Null when there is no per-host rate limit. */
    final TokenBucket bucket;

    int inFlight;
    /** Jobs for this host not yet completed: queued, in flight or waiting to retry. */
    int pending;
    /** A Retry-After from this host pauses all its requests until then. */
    long pausedUntilNanos = Long.MIN_VALUE;
    /** True while this host sits in the dispatcher's runnable queue. */
    boolean queued;
    /** Set while a timer (rate wait or pause) will make this host runnable again. */
    TimeSource.Cancellable wake;

    HostState(String key, CircuitBreaker circuit, TokenBucket bucket) {
        this.key = key;
        this.circuit = circuit;
        this.bucket = bucket;
    }

    /** Whether the host could start another request if limits and timers allow. */
    boolean hasStartableWork(int perHostLimit) {
        return !ready.isEmpty() && inFlight < perHostLimit && wake == null && !circuit.isAwaitingProbe();
    }

    /**
     * Whether this host's state can be dropped without losing anything worth keeping: no work, no
     * timer, a circuit that is closed without recent failures or whose cool-down has passed (a
     * fresh one would let the next request through as well), no pause, and a full bucket (a fresh
     * one would start full too, so no burst is gained by forgetting it).
     */
    boolean isIdle(long nowNanos) {
        return pending == 0 && !queued && wake == null && circuit.isForgettable(nowNanos)
                && pausedUntilNanos <= nowNanos
                && (bucket == null || bucket.isFull(nowNanos));
    }
}
