package dev.salvo.internal.policy;

import dev.salvo.ErrorType;

/**
 * A host's in-flight limit found by additive increase and multiplicative decrease (AIMD), as TCP
 * finds its congestion window and as Netflix concurrency-limits' {@code AIMDLimit} and
 * {@code Gradient2Limit} find a service's. The limit lives between 1 and {@code max} (the
 * configured per-host cap):
 * <ul>
 *   <li><b>Start</b> at {@value #INITIAL} (or {@code max} if lower), in slow start: each fast
 *       response that came back while the limit was in use adds 1, so the limit doubles per round
 *       trip until the first sign of trouble or the first slow response.</li>
 *   <li><b>Grow</b> after that by 1/limit per such response: one more slot per full window of
 *       fast responses.</li>
 *   <li><b>Shrink</b> to {@value #DECREASE} of itself (at least 1) on a 429, a 503, a timeout or
 *       a reset: at most once per window, since every request sent before the last decrease was
 *       sent under the old limit and its failure says nothing new (TCP's one reduction per
 *       round trip).</li>
 *   <li><b>Hold</b> on a slow response: one taking more than {@value #SLOW_FACTOR} times the
 *       host's baseline latency, which follows the fastest response at once and slower ones
 *       slowly, so a server that really got slower moves it up in time.</li>
 * </ul>
 * <p>Growth counts only responses that completed while the host had as many requests in flight
 * as its limit allowed (the limit was "validated", RFC 7661). A host with little work, or one
 * paused by Retry-After or a rate-limit header, therefore never earns a limit it has not tried,
 * so it does not overshoot when it starts again.
 *
 * <p>Pure functions of (now, state) on an immutable {@link State}; thread-safe.
 */
public final class AdaptiveLimit {

    /** Where a host starts; slow start takes it to the cap in a few round trips if all is well. */
    public static final int INITIAL = 2;
    /** What a decrease keeps of the limit (CUBIC's 0.7: gentler than Reno's half, so a host settles closer to its real capacity). */
    public static final double DECREASE = 0.7;
    /** A response slower than this many times the baseline latency earns no growth. */
    public static final double SLOW_FACTOR = 2.0;
    /** How slowly the baseline follows slower responses: 1/64 of the gap per response. */
    private static final int BASELINE_FOLLOW = 64;

    /**
     * One host's limit.
     *
     * @param limit             the limit, fractional; {@link #permits} is what the scheduler uses
     * @param slowStart         true until the first decrease or slow response
     * @param baselineNanos     the latency taken as "fast", or -1 before the first response
     * @param lastDecreaseNanos when the limit last shrank (at creation before that): failures of
     *                          requests sent before it do not shrink it again
     */
    public record State(double limit, boolean slowStart, long baselineNanos, long lastDecreaseNanos) {

        /** The whole number of requests the limit allows in flight, at least 1. */
        public int permits() {
            return Math.max(1, (int) limit);
        }
    }

    /**
     * How one request to the host ended.
     *
     * @param sentNanos when it was sent
     * @param inFlight  requests in flight to the host when it completed, itself included
     * @param dropped   whether it ended in a sign of overload ({@link #isOverload})
     */
    public record Sample(long sentNanos, int inFlight, boolean dropped) { }

    private AdaptiveLimit() {
    }

    /** A new host's state, for a per-host cap of {@code max}. */
    public static State initial(int max, long nowNanos) {
        return new State(Math.min(max, INITIAL), true, -1, nowNanos);
    }

    /** The state after {@code sample} completed at {@code nowNanos}, for a per-host cap of {@code max}. */
    public static State onSample(State state, Sample sample, int max, long nowNanos) {
        if (sample.dropped()) {
            if (sample.sentNanos() - state.lastDecreaseNanos() < 0) {
                return state;   // sent under the old limit: this window already paid for it
            }
            return new State(Math.max(1.0, state.limit() * DECREASE), false, state.baselineNanos(), nowNanos);
        }
        long latency = Math.max(0, nowNanos - sample.sentNanos());
        long baseline = state.baselineNanos();
        boolean fast = baseline < 0 || latency <= SLOW_FACTOR * baseline;
        long nextBaseline = baseline < 0 || latency < baseline ? latency
                : baseline + (latency - baseline) / BASELINE_FOLLOW;
        double limit = state.limit();
        boolean slowStart = state.slowStart() && fast;
        boolean validated = sample.inFlight() >= state.permits();
        if (fast && validated && limit < max) {
            limit = Math.min(max, state.slowStart() ? limit + 1 : limit + 1 / limit);
        }
        return new State(limit, slowStart, nextBaseline, state.lastDecreaseNanos());
    }

    /**
     * Whether an answer is a sign that the host is overloaded: 429, 503, a timeout or a reset.
     * Other failures (a refused connection, a TLS error, a 500) say nothing about how many
     * requests it can take at once.
     *
     * @param status the response status, or null when none arrived
     * @param error  the failure, or null for a response
     */
    public static boolean isOverload(Integer status, ErrorType error) {
        if (status != null && (status == 429 || status == 503)) {
            return true;
        }
        return error == ErrorType.TIMEOUT || error == ErrorType.RESET;
    }
}
