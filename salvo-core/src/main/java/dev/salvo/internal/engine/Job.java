package dev.salvo.internal.engine;

import dev.salvo.CapturedExchange;
import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One request on its way to its result: its {@link UrlState}, the lease it holds while in
 * flight, which attempt it is on and where that attempt is now (after redirects). Created by the
 * feeder thread, then confined to the engine thread.
 */
final class Job {

    final FetchRequest request;
    /** Admission order, 0-based and gap-free; ordered delivery follows it. */
    final long seq;
    /** Null when the URL or the input is invalid; then {@link #invalidType} and {@link #invalidReason} say why. */
    final Target origin;
    final ErrorType invalidType;
    final String invalidReason;
    /** The request's own body (copied once, here), or null. */
    private final byte[] requestBody;

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
    /** The body sent to {@link #current}, or null; a redirect that turns into GET drops it. */
    byte[] body;
    int redirects;
    /** The redirects followed in this attempt (URL and status), or null before the first. */
    List<FetchResult.Redirect> redirectChain;
    /**
     * How this URL's last finished attempt ended and at which hop, so that a later refusal by a
     * circuit can name the real cause; null before any attempt finished. Kept as references:
     * the message is built only if it is needed.
     */
    Outcome lastOutcome;
    Target lastHop;

    /** With captured exchanges: those of every attempt so far, else null. */
    List<CapturedExchange> captured;

    Transport.InFlight inFlight;
    /** When the hop now in flight was sent; for what its answer says about the host. */
    long hopSentNanos;
    TimeSource.Cancellable retryTimer;

    private Job(FetchRequest request, long seq, Target origin, ErrorType invalidType, String invalidReason) {
        this.request = request;
        this.seq = seq;
        this.origin = origin;
        this.invalidType = invalidType;
        this.invalidReason = invalidReason;
        this.requestBody = origin == null ? null : request.body();
    }

    /** Parses the URL here, on the feeder thread, to keep that work off the event loop. */
    static Job admit(FetchRequest request, long seq) {
        if (request.invalidInput() != null) {
            return new Job(request, seq, null, ErrorType.INVALID_INPUT, request.invalidInput());
        }
        try {
            return new Job(request, seq, Target.parse(request.url()), null, null);
        } catch (Target.InvalidUrlException e) {
            return new Job(request, seq, null, ErrorType.INVALID_URL, e.getMessage());
        }
    }

    /** The method of this request's attempts: its own, or else the config's. */
    String originMethod(String configMethod) {
        return request.method() != null ? request.method() : configMethod;
    }

    /** {@code base} without the names {@code own} has, then {@code own}: a request's header replaces the config's. */
    static List<Header> merged(List<Header> base, List<Header> own) {
        Set<String> replaced = new HashSet<>();
        for (Header header : own) {
            replaced.add(header.name().toLowerCase(Locale.ROOT));
        }
        List<Header> all = new ArrayList<>(base.size() + own.size());
        for (Header header : base) {
            if (!replaced.contains(header.name().toLowerCase(Locale.ROOT))) {
                all.add(header);
            }
        }
        all.addAll(own);
        return all;
    }

    /** Notes that {@link #current} answered with the redirect {@code status}, before moving on. */
    void recordRedirect(int status) {
        if (redirectChain == null) {
            redirectChain = new ArrayList<>(2);
        }
        redirectChain.add(new FetchResult.Redirect(current.url(), status));
    }

    /** The redirects followed in this attempt, in order. */
    List<FetchResult.Redirect> redirectsFollowed() {
        return redirectChain == null ? List.of() : redirectChain;
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
        method = originMethod(baseMethod);
        headers = request.headers().isEmpty() ? baseHeaders : merged(baseHeaders, request.headers());
        body = requestBody;
        redirects = 0;
        redirectChain = null;
        attemptStartNanos = nowNanos;
        attemptHost = origin.hostKey();
        if (firstStartNanos < 0) {
            firstStartNanos = nowNanos;
        }
    }
}
