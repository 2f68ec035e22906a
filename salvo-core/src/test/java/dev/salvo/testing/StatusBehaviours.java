package dev.salvo.testing;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Built-in handlers that answer with well-formed responses of a chosen status: success, any
 * status, 429 with Retry-After (seconds or HTTP-date), a path that fails n times then succeeds,
 * and an echo of the request.
 *
 * <p>Thread-safe. The {@code /flaky} counters live here, per server, and are deliberately not
 * cleared by {@link MisbehavingServer#resetCounters()} so a warm-up does not restart them.
 */
final class StatusBehaviours {

    /** IMF-fixdate (RFC 9110 5.6.7). Not {@code RFC_1123_DATE_TIME}, which drops the day's leading zero. */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final LongSupplier wallClockMillis;
    private final Map<String, Integer> flakyAttempts = new ConcurrentHashMap<>();

    StatusBehaviours(LongSupplier wallClockMillis) {
        this.wallClockMillis = wallClockMillis;
    }

    /** {@code /ok/...}: 200 with a short text body naming the request target. */
    static void ok(Exchange exchange) throws IOException {
        exchange.respond(200, "ok " + exchange.request().target() + "\n");
    }

    /** {@code /status/{code}/...}: that status (200-599). */
    static void status(Exchange exchange) throws IOException {
        long code = RouteArgs.number(exchange.request(), 1);
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("status must be 200-599, got " + code);
        }
        exchange.respond((int) code, "status " + code + " for " + exchange.request().path() + "\n");
    }

    /** {@code /429/{seconds}/...}: 429 with {@code Retry-After: seconds}. */
    static void tooManyRequests(Exchange exchange) throws IOException {
        long seconds = RouteArgs.number(exchange.request(), 1);
        exchange.respond(429, "slow down\n", "Retry-After: " + seconds);
    }

    /** {@code /429date/{seconds}/...}: 429 with Retry-After as the HTTP-date that many seconds from now. */
    void tooManyRequestsUntilDate(Exchange exchange) throws IOException {
        long seconds = RouteArgs.number(exchange.request(), 1);
        String date = HTTP_DATE.format(Instant.ofEpochMilli(wallClockMillis.getAsLong() + seconds * 1000));
        exchange.respond(429, "slow down\n", "Retry-After: " + date);
    }

    /** {@code /flaky/{n}/...}: 503 for the first n requests to this exact path, then 200. */
    void flaky(Exchange exchange) throws IOException {
        long failures = RouteArgs.number(exchange.request(), 1);
        int attempt = flakyAttempts.merge(exchange.request().path(), 1, Integer::sum);
        if (attempt <= failures) {
            exchange.respond(503, "flaky: attempt " + attempt + " of " + failures + " fails\n");
        } else {
            exchange.respond(200, "flaky: attempt " + attempt + " succeeds\n");
        }
    }

    /** {@code /echo/...}: 200 with the request line, headers and body as text. */
    static void echo(Exchange exchange) throws IOException {
        RecordedRequest request = exchange.request();
        StringBuilder body = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(' ').append(request.version()).append('\n');
        for (Map.Entry<String, String> header : request.headers()) {
            body.append(header.getKey()).append(": ").append(header.getValue()).append('\n');
        }
        body.append('\n').append(request.bodyAsString());
        exchange.respond(200, body.toString());
    }
}
