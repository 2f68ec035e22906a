package dev.salvo.internal.engine;

import dev.salvo.TimeSource;
import dev.salvo.internal.policy.AdaptiveLimit;
import dev.salvo.internal.policy.CircuitBreaker;
import dev.salvo.internal.policy.TokenBucket;

import java.util.ArrayDeque;

/**
 * What the engine knows about one host: its queue, the leases it has granted, its rate bucket,
 * pause and circuit, and whether a timer will wake it. Everything about a host lives here and
 * nothing about one host refers to another, so hosts can be split between event loops (see the
 * README's "Inside the engine"). Kept small: a run may know many hosts at once.
 *
 * <p>Confined to the engine thread.
 */
final class HostState {

    /** {@link #forgetAtNanos} of a host that has work, so is not waiting to be forgotten. */
    static final long NOT_DORMANT = Long.MIN_VALUE;

    final String key;
    final CircuitBreaker circuit;
    /** Null when there is no per-host rate limit. */
    final TokenBucket bucket;

    /** Jobs waiting to start here; created on first use, as most hosts of a crawl see one job. */
    private ArrayDeque<Job> ready;
    /** Leases held: requests in flight to this host. */
    int inFlight;
    /** A Retry-After from this host pauses all its requests until then. */
    long pausedUntilNanos = Long.MIN_VALUE;
    /** True while this host sits in the scheduler's round-robin queue. */
    boolean runnable;
    /** Set while a timer (rate wait or pause) will make this host runnable again. */
    TimeSource.Cancellable wake;
    /** With {@code adaptive}: the host's own in-flight limit (see {@link AdaptiveConcurrency}); else null. */
    AdaptiveLimit.State adaptive;
    /** With {@code perIp}: the address its requests count against, once known (see {@link PerIpLimits}); else null. */
    String address;
    /** With {@code perIp}: woken for a slot held for it at {@link #address}, until decided. */
    boolean addressSlotPromised;
    /** While dormant (no work, but state worth keeping): when the host table may forget it. */
    long forgetAtNanos = NOT_DORMANT;

    HostState(String key, CircuitBreaker circuit, TokenBucket bucket) {
        this.key = key;
        this.circuit = circuit;
        this.bucket = bucket;
    }

    void enqueue(Job job, boolean first) {
        if (ready == null) {
            ready = new ArrayDeque<>(4);
        }
        if (first) {
            ready.addFirst(job);
        } else {
            ready.addLast(job);
        }
    }

    /** The next queued job, or null. */
    Job poll() {
        if (ready == null) {
            return null;
        }
        Job job = ready.pollFirst();
        if (ready.isEmpty()) {
            ready = null;   // a host that goes quiet keeps no empty queue around
        }
        return job;
    }

    /** The next queued job, left in the queue, or null. */
    Job peek() {
        return ready == null ? null : ready.peekFirst();
    }

    boolean hasQueued() {
        return ready != null;
    }

    /** Queued jobs or leases out: the host must be kept. */
    boolean hasWork() {
        return ready != null || inFlight > 0;
    }

    /** Whether the host could start another request if limits and timers allow. */
    boolean hasStartableWork(int perHostLimit) {
        return ready != null && inFlight < cap(perHostLimit) && wake == null && !circuit.isAwaitingProbe();
    }

    /** Most requests this host may have in flight: its adaptive limit, or else the per-host cap. */
    int cap(int perHostLimit) {
        return adaptive == null ? perHostLimit : adaptive.permits();
    }

    /** While dormant: true when held for its pause or bucket, false when only for its circuit. */
    boolean heldForPoliteness;

    /**
     * Until when this host must be remembered to stay polite: its pause, and until its bucket is
     * full again (a new host starts full, so forgetting it sooner would allow an extra burst).
     * {@link Long#MIN_VALUE} when neither applies. The host table never forgets a host before this.
     */
    long politeUntilNanos(long nowNanos) {
        long at = Long.MIN_VALUE;
        if (pausedUntilNanos != Long.MIN_VALUE && pausedUntilNanos - nowNanos > 0) {
            at = pausedUntilNanos;
        }
        if (bucket != null) {
            long untilFull = bucket.nanosUntilFull(nowNanos);
            if (untilFull > 0 && (at == Long.MIN_VALUE || nowNanos + untilFull - at > 0)) {
                at = nowNanos + untilFull;
            }
        }
        return at;
    }
}
