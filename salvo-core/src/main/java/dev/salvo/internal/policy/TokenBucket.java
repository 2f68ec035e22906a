package dev.salvo.internal.policy;

/**
 * A token bucket: {@code ratePerSecond} tokens a second flow in, up to {@code capacity} are kept,
 * and each request takes one. It starts full, so a run may open with a burst of {@code capacity}.
 *
 * <p>Pure state machine over the time passed in; it never reads a clock. Not thread-safe: the
 * engine uses each bucket from its single event-loop thread.
 */
public final class TokenBucket {

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, int capacity, long nowNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.tokensPerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /**
     * How long until one token is available: 0 when one is there now. Takes nothing; call
     * {@link #take} once the request actually goes.
     */
    public long nanosUntilAvailable(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1.0) {
            return 0;
        }
        // Round up so that waking after this delay always finds the token.
        return (long) Math.ceil((1.0 - tokens) / tokensPerNano);
    }

    /** Takes one token; only after {@link #nanosUntilAvailable} returned 0 for the same now. */
    public void take(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1.0) {
            throw new IllegalStateException("no token available; ask nanosUntilAvailable first");
        }
        tokens -= 1.0;
    }

    /** Tokens available now (fractional); for tests and diagnostics. */
    public double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    /** How long until the bucket is full again: 0 when it is. */
    public long nanosUntilFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity ? 0 : (long) Math.ceil((capacity - tokens) / tokensPerNano);
    }

    /** True when the bucket holds its full capacity. */
    public boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefillNanos = nowNanos;
        }
    }
}
