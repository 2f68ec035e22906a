package dev.salvo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that shapes a run, immutable. Build one with {@link #builder()}; the defaults are
 * written down once, in {@link Builder}'s field initialisers, and match the command line's.
 *
 * <p>Thread-safe (immutable). {@link Builder} is not thread-safe.
 *
 * @param concurrency      most requests in flight at once, over all hosts
 * @param perHost          most requests in flight at once to one host (host and port); the
 *                         transport keeps at most this many connections per host, so pool and
 *                         scheduler agree
 * @param rate             global requests per second, or 0 for no limit
 * @param perHostRate      requests per second to one host, or 0 for no limit
 * @param burst            token-bucket capacity for both rate limits; 0 means one second's worth
 * @param timeout          bound on one whole attempt: connect, send, headers and body
 * @param connectTimeout   bound on making the connection
 * @param retries          retries after the first attempt (so at most retries + 1 attempts)
 * @param backoff          base of the exponential backoff
 * @param maxBackoff       cap of one backoff delay
 * @param retryAfterMax    a Retry-After longer than this ends the URL with that response
 * @param circuitFailures  consecutive failed attempts that open a host's circuit; 0 disables it
 * @param circuitCooldown  how long an open circuit stays open before one probe is let through
 * @param maxRedirects     redirects followed per attempt; 0 means none are followed
 * @param maxBody          largest body read; a larger one ends the attempt with too_large
 * @param method           HTTP method
 * @param headers          headers sent with every request, in order
 * @param userAgent        the User-Agent header
 * @param insecure         true turns off TLS certificate and host name verification
 * @param http2PriorKnowledge true speaks HTTP/2 over cleartext without upgrade
 * @param maxIdleConnections most idle keep-alive connections kept open over all hosts; the least
 *                         recently used is closed first, so a run over a million hosts never holds
 *                         a million idle sockets
 * @param compressed       true offers compressed bodies (Accept-Encoding: gzip, deflate, and br and
 *                         zstd where their decoders load) and decodes them: {@code bytes},
 *                         {@code sha256} and the body describe the decoded body, bounded by
 *                         {@code maxBody}; {@link FetchResult#wireBytes()} what came over the network
 * @param keepHeaders      true keeps each final response's headers in {@link FetchResult#headers()}
 * @param keepBodies       true keeps each final body in {@link FetchResult#body()}
 * @param ordered          true delivers results in input order (through a bounded reorder buffer)
 * @param window           most requests held at once (in flight, queued, waiting to retry, or
 *                         waiting to be delivered); bounds memory whatever the input size
 * @param listener         receives events on the engine thread; must be quick and not block
 * @param timeSource       the clock and scheduler; tests pass a controllable one
 */
public record SalvoConfig(
        int concurrency,
        int perHost,
        double rate,
        double perHostRate,
        int burst,
        Duration timeout,
        Duration connectTimeout,
        int retries,
        Duration backoff,
        Duration maxBackoff,
        Duration retryAfterMax,
        int circuitFailures,
        Duration circuitCooldown,
        int maxRedirects,
        long maxBody,
        String method,
        List<Header> headers,
        String userAgent,
        boolean insecure,
        boolean http2PriorKnowledge,
        int maxIdleConnections,
        boolean compressed,
        boolean keepHeaders,
        boolean keepBodies,
        boolean ordered,
        int window,
        SalvoListener listener,
        TimeSource timeSource) {

    /** One request header. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 127)) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("header '" + name + "' has a line break in its value");
            }
            // RFC 9110 5.5: no control characters but tab. The transport refuses them at send time.
            if (value.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 127)) {
                throw new IllegalArgumentException("header '" + name + "' has a control character in its value");
            }
        }
    }

    public SalvoConfig {
        requirePositive("concurrency", concurrency);
        requirePositive("perHost", perHost);
        requireNotNegative("rate", rate);
        requireNotNegative("perHostRate", perHostRate);
        requireNotNegative("burst", burst);
        requirePositive("timeout", timeout);
        requirePositive("connectTimeout", connectTimeout);
        requireNotNegative("retries", retries);
        requireNotNegative("backoff", backoff);
        requireNotNegative("maxBackoff", maxBackoff);
        requireNotNegative("retryAfterMax", retryAfterMax);
        requireNotNegative("circuitFailures", circuitFailures);
        requireNotNegative("circuitCooldown", circuitCooldown);
        requireNotNegative("maxRedirects", maxRedirects);
        requirePositive("maxBody", maxBody);
        requireNotNegative("maxIdleConnections", maxIdleConnections);
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("method must be letters only, was '" + method + "'");
        }
        headers = List.copyOf(headers);
        Objects.requireNonNull(userAgent, "userAgent");
        requirePositive("window", window);
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(timeSource, "timeSource");
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The bucket capacity actually used for a limit of {@code perSecond}. */
    public int effectiveBurst(double perSecond) {
        return burst > 0 ? burst : (int) Math.max(1, Math.ceil(perSecond));
    }

    /** The default User-Agent: names Salvo and its version. */
    public static String defaultUserAgent() {
        return "Salvo/" + Salvo.version() + " (bulk URL fetcher)";
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void requireNotNegative(String name, double value) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** Collects settings; {@link #build()} validates and copies them. Not thread-safe. */
    public static final class Builder {
        private int concurrency = 64;
        private int perHost = 8;
        private double rate = 0;
        private double perHostRate = 0;
        private int burst = 0;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int retries = 3;
        private Duration backoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration retryAfterMax = Duration.ofMinutes(5);
        private int circuitFailures = 5;
        private Duration circuitCooldown = Duration.ofSeconds(30);
        private int maxRedirects = 10;
        private long maxBody = 10L * 1024 * 1024;
        private String method = "GET";
        private final List<Header> headers = new ArrayList<>();
        private String userAgent = defaultUserAgent();
        private boolean insecure = false;
        private boolean http2PriorKnowledge = false;
        private int maxIdleConnections = 1024;
        private boolean compressed = false;
        private boolean keepHeaders = false;
        private boolean keepBodies = false;
        private boolean ordered = false;
        private int window = 0;
        private SalvoListener listener = SalvoListener.NONE;
        private TimeSource timeSource = TimeSource.system();

        private Builder() {
        }

        private Builder(SalvoConfig c) {
            concurrency = c.concurrency;
            perHost = c.perHost;
            rate = c.rate;
            perHostRate = c.perHostRate;
            burst = c.burst;
            timeout = c.timeout;
            connectTimeout = c.connectTimeout;
            retries = c.retries;
            backoff = c.backoff;
            maxBackoff = c.maxBackoff;
            retryAfterMax = c.retryAfterMax;
            circuitFailures = c.circuitFailures;
            circuitCooldown = c.circuitCooldown;
            maxRedirects = c.maxRedirects;
            maxBody = c.maxBody;
            method = c.method;
            headers.addAll(c.headers);
            userAgent = c.userAgent;
            insecure = c.insecure;
            http2PriorKnowledge = c.http2PriorKnowledge;
            maxIdleConnections = c.maxIdleConnections;
            compressed = c.compressed;
            keepHeaders = c.keepHeaders;
            keepBodies = c.keepBodies;
            ordered = c.ordered;
            window = c.window;
            listener = c.listener;
            timeSource = c.timeSource;
        }

        public Builder concurrency(int value) { concurrency = value; return this; }
        public Builder perHost(int value) { perHost = value; return this; }
        /** Global requests per second; 0 for no limit. */
        public Builder rate(double perSecond) { rate = perSecond; return this; }
        /** Requests per second to one host; 0 for no limit. */
        public Builder perHostRate(double perSecond) { perHostRate = perSecond; return this; }
        /** Token-bucket capacity; 0 for one second's worth of the rate. */
        public Builder burst(int value) { burst = value; return this; }
        public Builder timeout(Duration value) { timeout = value; return this; }
        public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }
        public Builder retries(int value) { retries = value; return this; }
        public Builder backoff(Duration value) { backoff = value; return this; }
        public Builder maxBackoff(Duration value) { maxBackoff = value; return this; }
        public Builder retryAfterMax(Duration value) { retryAfterMax = value; return this; }
        /** Consecutive failed attempts that open a host's circuit; 0 disables circuit breaking. */
        public Builder circuitFailures(int value) { circuitFailures = value; return this; }
        public Builder circuitCooldown(Duration value) { circuitCooldown = value; return this; }
        public Builder maxRedirects(int value) { maxRedirects = value; return this; }
        public Builder maxBody(long bytes) { maxBody = bytes; return this; }
        public Builder method(String value) { method = value; return this; }
        /** Adds a header sent with every request. */
        public Builder header(String name, String value) { headers.add(new Header(name, value)); return this; }
        public Builder userAgent(String value) { userAgent = value; return this; }
        /** Turns TLS verification off. Only for hosts you trust on a network you trust. */
        public Builder insecure(boolean value) { insecure = value; return this; }
        public Builder http2PriorKnowledge(boolean value) { http2PriorKnowledge = value; return this; }
        /** Most idle keep-alive connections over all hosts; 0 keeps none (every request opens one). */
        public Builder maxIdleConnections(int value) { maxIdleConnections = value; return this; }
        /** Offers and decodes compressed bodies (gzip, deflate, br, zstd), bounded by {@link #maxBody}. */
        public Builder compressed(boolean value) { compressed = value; return this; }
        /** Keeps each final response's headers in the result. */
        public Builder keepHeaders(boolean value) { keepHeaders = value; return this; }
        public Builder keepBodies(boolean value) { keepBodies = value; return this; }
        public Builder ordered(boolean value) { ordered = value; return this; }
        /** Most requests held at once; 0 picks a default from the concurrency. */
        public Builder window(int value) { window = value; return this; }
        public Builder listener(SalvoListener value) { listener = value; return this; }
        public Builder timeSource(TimeSource value) { timeSource = value; return this; }

        /** Validates and returns an immutable configuration. */
        public SalvoConfig build() {
            int effectiveWindow = window > 0 ? window : Math.max(1024, concurrency * 16);
            if (effectiveWindow < concurrency) {
                throw new IllegalArgumentException(
                        "window (" + effectiveWindow + ") must be at least the concurrency (" + concurrency + ")");
            }
            return new SalvoConfig(concurrency, perHost, rate, perHostRate, burst, timeout, connectTimeout, retries,
                    backoff, maxBackoff, retryAfterMax, circuitFailures, circuitCooldown, maxRedirects, maxBody,
                    method, headers, userAgent, insecure, http2PriorKnowledge, maxIdleConnections, compressed, keepHeaders, keepBodies, ordered,
                    effectiveWindow, listener, timeSource);
        }
    }
}
