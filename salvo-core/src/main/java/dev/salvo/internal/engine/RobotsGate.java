package dev.salvo.internal.engine;

import dev.salvo.TimeSource;
import dev.salvo.internal.robots.Robots;
import dev.salvo.internal.url.Target;

/**
 * The scheduler's view of robots.txt ({@code --robots obey}): the URL a queued job would be sent
 * to next (its origin, or for a redirected one the hop it waits to make) checked against that
 * origin's {@link Robots}. The scheduler asks before a host's next request, so every hop of every
 * attempt is checked; it holds a lease on the host while the host's robots.txt is fetched.
 *
 * <p>Not thread-safe: confined to the engine's event-loop thread.
 */
final class RobotsGate {

    private final Robots robots;

    RobotsGate(Robots robots) {
        this.robots = robots;
    }

    Robots.Check check(Job job, long nowNanos) {
        return robots.check(nextHop(job), nowNanos);
    }

    void started(Job job, long nowNanos) {
        robots.started(nextHop(job), nowNanos);
    }

    TimeSource.Cancellable fetch(Job job, long nowNanos, Runnable done) {
        return robots.fetch(nextHop(job), nowNanos, done);
    }

    /** The URL {@code job} is sent to when it next starts. */
    private static Target nextHop(Job job) {
        return job.state() == UrlState.REDIRECTED_WAITING ? job.current : job.origin;
    }
}
