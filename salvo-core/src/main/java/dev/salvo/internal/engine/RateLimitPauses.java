package dev.salvo.internal.engine;

import dev.salvo.SalvoConfig;
import dev.salvo.TimeSource;
import dev.salvo.internal.policy.RateLimitHeaders;
import dev.salvo.internal.transport.Outcome;

import java.util.OptionalLong;

/**
 * Pauses a host whose answer says its rate limit has nothing left ({@link RateLimitHeaders}),
 * until the reset it names, exactly as a {@code Retry-After} pauses it: the host's queued work
 * waits holding no slot, and the pause is remembered while the host has no work. This applies
 * to every answer, a 200 included, so the next request does not go out only to be refused. A
 * reset further away than {@code retryAfterMax} pauses nothing: it is treated as such a
 * Retry-After is, and a 429 or 503 carrying it ends its URL with that response
 * ({@link OutcomeRules}).
 *
 * <p>Not thread-safe: runs on the engine's event-loop thread.
 */
final class RateLimitPauses implements HopObserver {

    private final Scheduler scheduler;
    private final TimeSource time;
    private final long maxMillis;

    RateLimitPauses(SalvoConfig config, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.time = config.timeSource();
        this.maxMillis = config.retryAfterMax().toMillis();
    }

    @Override
    public void completed(Job job, Outcome outcome, long nowNanos) {
        if (!(outcome instanceof Outcome.Response response) || response.rateLimit() == null || job.host == null) {
            return;
        }
        OptionalLong wait = RateLimitHeaders.exhaustedForMillis(response.rateLimit(), time.epochMillis());
        if (wait.isEmpty() || wait.getAsLong() <= 0 || wait.getAsLong() > maxMillis) {
            return;
        }
        scheduler.pauseHost(job, nowNanos, wait.getAsLong() * 1_000_000L);
    }
}
