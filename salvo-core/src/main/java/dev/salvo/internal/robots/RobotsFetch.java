package dev.salvo.internal.robots;

import dev.salvo.ErrorType;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One fetch of an origin's {@code /robots.txt} through Salvo's own transport (so proxies,
 * {@code --resolve}, the address guard and the TLS options apply), following up to
 * {@value #MAX_REDIRECTS} redirects (RFC 9309 2.3.1.2, across hosts too), within its own time
 * limit for all hops, and its answer as RFC 9309 2.3.1 reads it ({@link #classify}).
 *
 * <p>{@link #cancel} aborts it; {@code done} is still called, exactly once, with
 * {@link Answer.Abandoned}, so whoever holds a lease for the fetch can give it back.
 *
 * <p>Not thread-safe: confined to the engine's event-loop thread.
 */
final class RobotsFetch implements TimeSource.Cancellable {

    /** Redirects followed, as RFC 9309 asks ("at least five"); past them the file is unavailable. */
    static final int MAX_REDIRECTS = 5;
    /** Largest robots.txt read, a longer one is cut here: RFC 9309 asks parsers to read at least 500 KiB. */
    static final long MAX_BYTES = 512 * 1024;

    /** How a fetch ended. */
    sealed interface Answer {
        /** Rules to obey: parsed, or "allow all" for an unavailable file (4xx). */
        record Known(Rules rules) implements Answer { }

        /** A 5xx, or no answer: RFC 9309 reads this as "disallow all" for now. */
        record Unreachable(String why) implements Answer { }

        /** Cancelled before it ended: nothing was learnt. */
        record Abandoned() implements Answer { }
    }

    private final Transport transport;
    private final Executor loop;
    private final TimeSource time;
    private final RulesParser parser;
    private final String origin;
    private final List<Header> headers;
    private final long deadlineNanos;
    private final Consumer<Answer> done;
    private Target current;
    private int redirects;
    private Transport.InFlight inFlight;
    private boolean cancelled;
    private boolean over;

    RobotsFetch(Transport transport, Executor loop, TimeSource time, RulesParser parser, String origin,
                List<Header> headers, long timeoutNanos, Consumer<Answer> done) {
        this.transport = transport;
        this.loop = loop;
        this.time = time;
        this.parser = parser;
        this.origin = origin;
        this.headers = withoutContentCoding(headers);
        this.deadlineNanos = time.nanoTime() + timeoutNanos;
        this.done = done;
    }

    /**
     * {@code headers} asking for robots.txt without a content coding: a file over
     * {@value #MAX_BYTES} bytes is cut at the cap and read that far, which the transport can do
     * only with the body's own bytes ({@code --compressed} would otherwise offer gzip and the rest).
     */
    private static List<Header> withoutContentCoding(List<Header> headers) {
        List<Header> asked = new java.util.ArrayList<>(headers.size() + 1);
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase("Accept-Encoding")) {
                asked.add(header);
            }
        }
        asked.add(new Header("Accept-Encoding", "identity"));
        return asked;
    }

    /** Sends the first request, to {@code robotsUrl}. */
    void start(Target robotsUrl) {
        current = robotsUrl;
        send();
    }

    private void send() {
        long leftMillis = (deadlineNanos - time.nanoTime()) / 1_000_000L;
        if (leftMillis <= 0) {
            loop.execute(() -> onOutcome(new Outcome.Failure(ErrorType.TIMEOUT, "no answer in time")));
            return;
        }
        Exchange exchange = new Exchange("GET", current, headers, null, leftMillis, MAX_BYTES);
        try {
            // Outcomes come back on a later turn of the loop, so the scheduler is never re-entered.
            inFlight = transport.send(exchange, outcome -> {
                try {
                    loop.execute(() -> onOutcome(outcome));
                } catch (RejectedExecutionException closed) {
                    // Salvo was closed after a stop aborted this fetch: there is no lease left to give back.
                }
            });
        } catch (RuntimeException e) {
            loop.execute(() -> onOutcome(new Outcome.Failure(ErrorType.PROTOCOL, "could not be sent: " + e.getMessage())));
        }
    }

    private void onOutcome(Outcome outcome) {
        inFlight = null;
        if (over) {
            return;
        }
        if (cancelled) {
            finish(new Answer.Abandoned());
            return;
        }
        if (outcome instanceof Outcome.Response response && isRedirect(response.status())) {
            Target next = redirectTarget(response);
            if (next != null && redirects < MAX_REDIRECTS) {
                redirects++;
                current = next;
                send();
                return;
            }
        }
        finish(classify(outcome, redirects == 0, current.url(), origin, parser));
    }

    private Target redirectTarget(Outcome.Response response) {
        String location = response.location();
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            return current.resolve(location);
        } catch (Target.InvalidUrlException e) {
            return null;
        }
    }

    private void finish(Answer answer) {
        over = true;
        done.accept(answer);
    }

    @Override
    public void cancel() {
        if (over || cancelled) {
            return;
        }
        cancelled = true;
        if (inFlight != null) {
            inFlight.abort(ErrorType.CANCELLED, "run stopped");
        }
        // Otherwise an outcome is already on its way to onOutcome, which ends it as abandoned.
    }

    /**
     * What an outcome of the last hop means (RFC 9309 2.3.1): 2xx, the rules in the body; 4xx, no
     * robots.txt, so everything is allowed (2.3.1.3); a redirect left unfollowed (more than
     * {@value #MAX_REDIRECTS}, or no usable Location), unavailable as well; 5xx, any other status or
     * no answer, unreachable (2.3.1.4), so everything is disallowed for now. One exception: the
     * address guard refusing the origin itself ({@code blocked} on the first hop) lets the URLs go
     * on to be refused by the same guard, so they end {@code blocked}, which says what happened.
     */
    static Answer classify(Outcome outcome, boolean firstHop, String url, String origin, RulesParser parser) {
        if (outcome instanceof Outcome.Response response) {
            int status = response.status();
            if (status >= 200 && status < 300) {
                return new Answer.Known(parser.parse(origin, url, wholeLines(response.body()), response.contentType()));
            }
            if ((status >= 400 && status < 500) || isRedirect(status)) {
                return new Answer.Known(Rules.allowAll());
            }
            return new Answer.Unreachable("HTTP " + status);
        }
        Outcome.Failure failure = (Outcome.Failure) outcome;
        if (failure.type() == ErrorType.BLOCKED && firstHop) {
            return new Answer.Known(Rules.allowAll());
        }
        if (failure.type() == ErrorType.TOO_LARGE) {
            return new Answer.Unreachable("larger than " + MAX_BYTES / 1024 + " KiB");
        }
        return new Answer.Unreachable(failure.type().wireName() + ": " + failure.message());
    }

    /**
     * {@code body}, less a last line the cap may have cut ("Disallow: /o" of "Disallow: /ok" would
     * be a different rule): a body at the cap ends at its last line break. The transport cuts a
     * longer robots.txt at {@link #MAX_BYTES} rather than failing it (RFC 9309 2.5: read at least
     * 500 KiB; Google ignores what follows).
     */
    static byte[] wholeLines(byte[] body) {
        if (body == null || body.length < MAX_BYTES) {
            return body;
        }
        int end = body.length;
        while (end > 0 && body[end - 1] != '\n' && body[end - 1] != '\r') {
            end--;
        }
        return java.util.Arrays.copyOf(body, end);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
