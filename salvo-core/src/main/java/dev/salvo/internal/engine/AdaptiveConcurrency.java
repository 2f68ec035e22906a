package dev.salvo.internal.engine;

import dev.salvo.ErrorType;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import dev.salvo.internal.policy.AdaptiveLimit;
import dev.salvo.internal.transport.Outcome;

/**
 * {@code adaptive}: moves each host's in-flight limit with {@link AdaptiveLimit} as its answers
 * come back. The scheduler reads the limit through {@link HostState#cap}; this class only feeds
 * the maths and says when a host's whole-number limit changed
 * ({@link SalvoEvent.HostLimitChanged}, also when a host is first taken in). A smaller limit takes effect as requests finish (none
 * is aborted); a larger one lets queued work start when the hop's lease is released.
 *
 * <p>Not thread-safe: runs on the engine's event-loop thread.
 */
final class AdaptiveConcurrency implements HopObserver {

    private final int max;
    private final SalvoListener listener;

    AdaptiveConcurrency(int max, SalvoListener listener) {
        this.max = max;
        this.listener = listener;
    }

    /** Gives a new host its starting limit, and says so. */
    void onCreated(HostState host, long nowNanos) {
        host.adaptive = AdaptiveLimit.initial(max, nowNanos);
        listener.onEvent(new SalvoEvent.HostLimitChanged(host.key, host.adaptive.permits()));
    }

    @Override
    public void completed(Job job, Outcome outcome, long nowNanos) {
        HostState host = job.host;
        Integer status;
        ErrorType error;
        if (outcome instanceof Outcome.Response response) {
            status = response.status();
            error = null;
        } else {
            Outcome.Failure failure = (Outcome.Failure) outcome;
            status = failure.status();
            error = failure.type();
        }
        if (host == null || host.adaptive == null || error == ErrorType.CANCELLED) {
            return;   // an aborted request says nothing about the host
        }
        int before = host.adaptive.permits();
        host.adaptive = AdaptiveLimit.onSample(host.adaptive,
                new AdaptiveLimit.Sample(job.hopSentNanos, host.inFlight, AdaptiveLimit.isOverload(status, error)),
                max, nowNanos);
        int after = host.adaptive.permits();
        if (after != before) {
            listener.onEvent(new SalvoEvent.HostLimitChanged(host.key, after));
        }
    }
}
