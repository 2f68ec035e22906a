package dev.salvo.internal.policy;

/**
 * Exponential backoff with full jitter: the delay before retry {@code k} (0-based) is drawn
 * uniformly from [0, min(max, base * 2^k)). Full jitter spreads retries of many URLs that failed
 * together, so they do not return to the server in one wave.
 *
 * <p>Pure function; thread-safe.
 */
public final class Backoff {

    private Backoff() {
    }

    /** The ceiling of the delay before retry {@code retryIndex}: min(max, base * 2^k). */
    public static long ceilingNanos(int retryIndex, long baseNanos, long maxNanos) {
        if (retryIndex < 0) {
            throw new IllegalArgumentException("retryIndex must be >= 0, was " + retryIndex);
        }
        if (baseNanos <= 0) {
            return 0;
        }
        // Shifting past 62 bits overflows; long before that the cap applies anyway.
        if (retryIndex >= 62 || baseNanos > (maxNanos >> retryIndex)) {
            return maxNanos;
        }
        return Math.min(maxNanos, baseNanos << retryIndex);
    }

    /**
     * The delay before retry {@code retryIndex}, given {@code random} uniform in [0, 1).
     */
    public static long delayNanos(int retryIndex, long baseNanos, long maxNanos, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1), was " + random);
        }
        return (long) (ceilingNanos(retryIndex, baseNanos, maxNanos) * random);
    }
}
