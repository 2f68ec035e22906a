package dev.salvo.internal.engine;

import dev.salvo.CapturedExchange;
import dev.salvo.FetchRequest;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * One request on its way to its result: which attempt it is on, where it is now (after
 * redirects), and what it is waiting for. Created by the feeder thread, then confined to the
 * engine thread.
 */
final class Job {

    final FetchRequest request;
    /** Admission order, 0-based and gap-free; ordered delivery follows it. */
    final long seq;
    /** Null when the URL is invalid; then {@link #invalidReason} says why. */
    final Target origin;
    final String invalidReason;

    HostState host;
    int attempts;
    long firstStartNanos = -1;
    long attemptStartNanos;
    boolean probe;

    /** Per attempt: the hop being fetched and what is sent to it. */
    Target current;
    String method;
    List<Header> headers;
    int redirects;
    /**
     * Set while the job waits at a host it was redirected to: its next dispatch continues the
     * current attempt instead of starting a new one.
     */
    boolean redirectedHere;

    /** With captured exchanges: those of every attempt so far, else null. */
    List<CapturedExchange> captured;

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

    /** Keeps the raw exchange {@code outcome} carries, if any (only when exchanges are captured). */
    void capture(Outcome outcome) {
        CapturedExchange exchange = switch (outcome) {
            case Outcome.Response response -> response.captured();
            case Outcome.Failure failure -> failure.captured();
        };
        if (exchange != null) {
            if (captured == null) {
                captured = new ArrayList<>(2);
            }
            captured.add(exchange);
        }
    }

    /** The configured headers, then the request's own, which replace configured ones of the same name. */
    private List<Header> withOwn(List<Header> baseHeaders) {
        List<Header> all = new ArrayList<>(baseHeaders.size() + request.headers().size());
        for (Header header : baseHeaders) {
            if (request.headers().stream().noneMatch(own -> own.name().equalsIgnoreCase(header.name()))) {
                all.add(header);
            }
        }
        all.addAll(request.headers());
        return all;
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
        headers = request.headers().isEmpty() ? baseHeaders : withOwn(baseHeaders);
        redirects = 0;
        attemptStartNanos = nowNanos;
        if (firstStartNanos < 0) {
            firstStartNanos = nowNanos;
        }
    }
}
