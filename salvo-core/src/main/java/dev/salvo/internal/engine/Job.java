package dev.salvo.internal.engine;

import dev.salvo.FetchRequest;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.util.List;

/**
 * One request on its way to its result: its {@link UrlState}, the lease it holds while in
 * flight, which attempt it is on and where that attempt is now (after redirects). Created by the
 * feeder thread, then confined to the engine thread.
 */
final class Job {

    final FetchRequest request;
    /** Admission order, 0-based and gap-free; ordered delivery follows it. */
    final long seq;
    /** Null when the URL is invalid; then {@link #invalidReason} says why. */
    final Target origin;
    final String invalidReason;

    private UrlState state = UrlState.NEW;

    /**
     * The host whose queue holds this job (QUEUED, REDIRECTED_WAITING) or whose lease it holds
     * (IN_FLIGHT); null in every other state. Set and cleared by the {@link Scheduler} only.
     */
    HostState host;
    /** Part of the lease: this attempt is its host's half-open probe. */
    boolean probe;

    int attempts;
    long firstStartNanos = -1;
    long attemptStartNanos;
    /** The host the current attempt started at; its AttemptStarted and AttemptFinished name it. */
    String attemptHost;

    /** Per attempt: the hop being fetched and what is sent to it. */
    Target current;
    String method;
    List<Header> headers;
    int redirects;

    /**
     * How this URL's last finished attempt ended and at which hop, so that a later refusal by a
     * circuit can name the real cause; null before any attempt finished. Kept as references:
     * the message is built only if it is needed.
     */
    Outcome lastOutcome;
    Target lastHop;

    Transport.InFlight inFlight;
    TimeSource.Cancellable retryTimer;

    private Job(FetchRequest request, long seq, Target origin, String invalidReason) {
        this.request = request;
        this.seq = seq;
        this.origin = origin;
        this.invalidReason = invalidReason;
    }

    /** Parses the URL here, on the feeder thread, to keep that work off the event loop. */
    static Job admit(FetchRequest request, long seq) {
        try {
            return new Job(request, seq, Target.parse(request.url()), null);
        } catch (Target.InvalidUrlException e) {
            return new Job(request, seq, null, e.getMessage());
        }
    }

    UrlState state() {
        return state;
    }

    /** Moves to {@code next}; throws if {@link UrlState#canMoveTo} forbids it (an engine bug). */
    void moveTo(UrlState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("request " + seq + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /** Time since the first attempt started; 0 when none was sent. */
    long elapsedNanos(long nowNanos) {
        return firstStartNanos < 0 ? 0 : nowNanos - firstStartNanos;
    }

    /** Resets per-attempt state before an attempt is sent to the origin URL. */
    void beginAttempt(String baseMethod, List<Header> baseHeaders, long nowNanos) {
        attempts++;
        current = origin;
        method = baseMethod;
        headers = baseHeaders;
        redirects = 0;
        attemptStartNanos = nowNanos;
        attemptHost = origin.hostKey();
        if (firstStartNanos < 0) {
            firstStartNanos = nowNanos;
        }
    }
}
