package dev.salvo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that shapes a run, immutable. Build one with {@link #builder()}, or change a copy with
 * {@link #toBuilder()}. The defaults are written down once, in {@link Builder}'s field
 * initialisers, and are the command line's too.
 *
 * <p>A final class rather than a record so that options can be added without breaking callers:
 * there is no public constructor whose parameter list would grow. Settings that derive from others
 * (the {@link #window()} when none was set, the bucket capacity when the burst is 0) are computed
 * when read, so a copy that changes the concurrency derives a new window rather than keeping the
 * old one.
 *
 * <p>Thread-safe (immutable). {@link Builder} is not thread-safe.
 */
public final class SalvoConfig {

    /** Smallest window derived from the concurrency, so that a small concurrency still reads ahead. */
    private static final int MIN_DERIVED_WINDOW = 1024;

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

    /**
     * TLS settings beyond {@code insecure}, named as curl names them. Immutable.
     *
     * @param caCert     a PEM file of CA certificates trusted in addition to the system's, or null
     * @param caCertOnly true trusts only {@code caCert}, not the system's CAs as well
     * @param clientCert a PEM certificate (chain) presented to servers that ask for one, or null
     * @param clientKey  the PEM (PKCS#8) private key of {@code clientCert}; set with it or not at all
     * @param minVersion lowest TLS version offered: "1.2" or "1.3"
     */
    public record TlsOptions(Path caCert, boolean caCertOnly, Path clientCert, Path clientKey, String minVersion) {

        /** System trust, no client certificate, TLS 1.2 and 1.3. */
        public static final TlsOptions DEFAULT = new TlsOptions(null, false, null, null, "1.2");

        public TlsOptions {
            Objects.requireNonNull(minVersion, "minVersion");
            if (!minVersion.equals("1.2") && !minVersion.equals("1.3")) {
                throw new IllegalArgumentException("the lowest TLS version must be 1.2 or 1.3, was '" + minVersion + "'");
            }
            if ((clientCert == null) != (clientKey == null)) {
                throw new IllegalArgumentException("a client certificate needs both a certificate file and a key file");
            }
            if (caCertOnly && caCert == null) {
                throw new IllegalArgumentException("trusting only the given CA certificates needs a CA file");
            }
        }
    }

    /**
     * Where connections may go and how they get there. Immutable; every list is copied.
     *
     * @param deny        address ranges (CIDR, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.2}) never connected to
     * @param denyPrivate true also denies loopback, private, link-local, CGNAT and unique-local
     *                    ranges and their IPv4-mapped IPv6 forms
     * @param resolve     fixed answers, curl's {@code HOST:PORT:ADDR[,ADDR...]} ({@code *} for any port)
     * @param dnsServers  name servers asked instead of the system's, {@code ADDR} or {@code ADDR:PORT}
     *                    ({@code [v6]:PORT}); empty for the system's
     * @param httpProxy   the proxy for http URLs ({@code http://}, {@code https://}, {@code socks5://},
     *                    {@code socks5h://}, with optional {@code user:password@}), or null for none
     * @param httpsProxy  the proxy for https URLs, same forms, or null for none
     * @param noProxy     hosts reached without a proxy, curl's comma-separated {@code NO_PROXY}
     *                    list (names match their subdomains, addresses and CIDR ranges match, {@code *}
     *                    matches all), or null
     */
    public record NetworkOptions(List<String> deny, boolean denyPrivate, List<String> resolve,
                                 List<String> dnsServers, String httpProxy, String httpsProxy, String noProxy) {

        /** Nothing denied, the system's resolver, no proxy. */
        public static final NetworkOptions DEFAULT =
                new NetworkOptions(List.of(), false, List.of(), List.of(), null, null, null);

        public NetworkOptions {
            deny = List.copyOf(deny);
            resolve = List.copyOf(resolve);
            dnsServers = List.copyOf(dnsServers);
            // Parsed here so that a bad value fails when the configuration is built, not mid-run.
            dev.salvo.internal.net.AddressGuard.of(deny, denyPrivate);
            dev.salvo.internal.net.FixedAnswers.parse(resolve);
            dev.salvo.internal.net.NameServers.parse(dnsServers);
            if (httpProxy != null) {
                dev.salvo.internal.net.Proxy.parse(httpProxy);
            }
            if (httpsProxy != null) {
                dev.salvo.internal.net.Proxy.parse(httpsProxy);
            }
            dev.salvo.internal.net.NoProxy.parse(noProxy);
        }

        NetworkOptions withDeny(List<String> value, boolean denyAllPrivate) {
            return new NetworkOptions(value, denyAllPrivate, resolve, dnsServers, httpProxy, httpsProxy, noProxy);
        }

        NetworkOptions withResolution(List<String> fixed, List<String> servers) {
            return new NetworkOptions(deny, denyPrivate, fixed, servers, httpProxy, httpsProxy, noProxy);
        }

        NetworkOptions withProxies(String http, String https, String none) {
            return new NetworkOptions(deny, denyPrivate, resolve, dnsServers, http, https, none);
        }
    }

    // Limits
    private final int concurrency;
    private final int perHost;
    private final double rate;
    private final double perHostRate;
    private final int burst;
    private final int window;
    // Time bounds
    private final Duration timeout;
    private final Duration connectTimeout;
    // Retry
    private final int retries;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration retryAfterMax;
    // Circuit
    private final int circuitFailures;
    private final Duration circuitCooldown;
    // Request and transport
    private final int maxRedirects;
    private final long maxBody;
    private final String method;
    private final List<Header> headers;
    private final String userAgent;
    private final boolean insecure;
    private final boolean http2PriorKnowledge;
    private final int maxIdleConnections;
    private final boolean compressed;
    // Output
    private final boolean keepHeaders;
    private final boolean keepBodies;
    private final boolean captureExchanges;
    private final boolean ordered;
    private final SalvoListener listener;
    private final TimeSource timeSource;
    private final TlsOptions tls;
    private final NetworkOptions network;
    private final boolean adaptive;
    private final int perIp;
    private final RobotsTxt robots;

    /** Copies {@code b}'s settings; {@link Builder#build()} has validated them. */
    private SalvoConfig(Builder b) {
        concurrency = b.concurrency;
        perHost = b.perHost;
        rate = b.rate;
        perHostRate = b.perHostRate;
        burst = b.burst;
        window = b.window;
        timeout = b.timeout;
        connectTimeout = b.connectTimeout;
        retries = b.retries;
        backoff = b.backoff;
        maxBackoff = b.maxBackoff;
        retryAfterMax = b.retryAfterMax;
        circuitFailures = b.circuitFailures;
        circuitCooldown = b.circuitCooldown;
        maxRedirects = b.maxRedirects;
        maxBody = b.maxBody;
        method = b.method.toUpperCase(Locale.ROOT);
        headers = List.copyOf(b.headers);
        userAgent = b.userAgent;
        insecure = b.insecure;
        http2PriorKnowledge = b.http2PriorKnowledge;
        maxIdleConnections = b.maxIdleConnections;
        compressed = b.compressed;
        keepHeaders = b.keepHeaders;
        keepBodies = b.keepBodies;
        captureExchanges = b.captureExchanges;
        ordered = b.ordered;
        listener = b.listener;
        timeSource = b.timeSource;
        tls = b.tls;
        network = b.network;
        adaptive = b.adaptive;
        perIp = b.perIp;
        robots = b.robots;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration's settings (a derived window stays derived). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Most requests in flight at once, over all hosts. */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Most requests in flight at once to one host (host and port). The transport keeps at most
     * this many connections per host, so pool and scheduler agree.
     */
    public int perHost() {
        return perHost;
    }

    /** Global requests per second, or 0 for no limit. */
    public double rate() {
        return rate;
    }

    /** Requests per second to one host, or 0 for no limit. */
    public double perHostRate() {
        return perHostRate;
    }

    /** Token-bucket capacity for both rate limits as set; 0 means one second's worth ({@link #effectiveBurst}). */
    public int burst() {
        return burst;
    }

    /** The bucket capacity actually used for a limit of {@code perSecond}. */
    public int effectiveBurst(double perSecond) {
        return burst > 0 ? burst : (int) Math.max(1, Math.ceil(perSecond));
    }

    /**
     * Most requests held at once (in flight, queued, waiting to retry, or waiting to be delivered);
     * bounds memory whatever the input size. The one set with {@link Builder#window(int)}, or when
     * none was, 1024 or 16 times the concurrency, whichever is larger.
     */
    public int window() {
        return window > 0 ? window : derivedWindow(concurrency);
    }

    /** Bound on one whole attempt: connect, send, headers and body. */
    public Duration timeout() {
        return timeout;
    }

    /** Bound on making the connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Retries after the first attempt (so at most retries + 1 attempts). */
    public int retries() {
        return retries;
    }

    /** Base of the exponential backoff. */
    public Duration backoff() {
        return backoff;
    }

    /** Cap of one backoff delay. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** A Retry-After longer than this ends the URL with that response. */
    public Duration retryAfterMax() {
        return retryAfterMax;
    }

    /** Consecutive failed attempts that open a host's circuit; 0 disables circuit breaking. */
    public int circuitFailures() {
        return circuitFailures;
    }

    /** How long an open circuit stays open before one probe is let through. */
    public Duration circuitCooldown() {
        return circuitCooldown;
    }

    /** Redirects followed per attempt; 0 means none are followed. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** Largest body read; a larger one ends the attempt with {@code too_large}. */
    public long maxBody() {
        return maxBody;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** Headers sent with every request, in order; unmodifiable. */
    public List<Header> headers() {
        return headers;
    }

    /** The User-Agent header. */
    public String userAgent() {
        return userAgent;
    }

    /** True turns off TLS certificate and host name verification. */
    public boolean insecure() {
        return insecure;
    }

    /** True speaks HTTP/2 over cleartext without upgrade. */
    public boolean http2PriorKnowledge() {
        return http2PriorKnowledge;
    }

    /**
     * Most idle keep-alive connections kept open over all hosts; the least recently used is closed
     * first, so a run over a million hosts never holds a million idle sockets. 0 keeps none.
     */
    public int maxIdleConnections() {
        return maxIdleConnections;
    }

    /**
     * True offers compressed bodies (Accept-Encoding: gzip, deflate, and br and zstd where their
     * decoders load) and decodes them: {@code bytes}, {@code sha256} and the body describe the
     * decoded body, bounded by {@link #maxBody()}; {@link FetchResult#wireBytes()} what came over
     * the network.
     */
    public boolean compressed() {
        return compressed;
    }

    /** True keeps each final response's headers in {@link FetchResult#headers()}. */
    public boolean keepHeaders() {
        return keepHeaders;
    }

    /** True keeps each final body in {@link FetchResult#body()}. */
    public boolean keepBodies() {
        return keepBodies;
    }

    /**
     * True keeps every exchange's raw bytes in {@link FetchResult#exchanges()}, for WARC archives;
     * it costs memory like kept bodies.
     */
    public boolean captureExchanges() {
        return captureExchanges;
    }

    /**
     * True lets each host's in-flight limit find its own level between 1 and {@link #perHost()}:
     * it shrinks on 429, 503, timeouts and resets and grows slowly while answers stay fast.
     */
    public boolean adaptive() {
        return adaptive;
    }

    /**
     * Most requests in flight at once to one resolved address, over every host name that resolves
     * to it; 0 for no such limit.
     */
    public int perIp() {
        return perIp;
    }

    /** True delivers results in input order (through a bounded reorder buffer). */
    public boolean ordered() {
        return ordered;
    }

    /** Receives events on the engine thread; must be quick and not block. */
    public SalvoListener listener() {
        return listener;
    }

    /** The clock and scheduler; tests pass a controllable one. */
    public TimeSource timeSource() {
        return timeSource;
    }

    /** Trust, client certificate and lowest TLS version ({@link TlsOptions}). */
    public TlsOptions tls() {
        return tls;
    }

    /** Address guard, name resolution and proxy ({@link NetworkOptions}). */
    public NetworkOptions network() {
        return network;
    }

    /**
     * Equal when built from the same settings: a window left to be derived differs from the same
     * number set explicitly, because their copies would differ.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof SalvoConfig that && settings().equals(that.settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    /**
     * Whether robots.txt is read and obeyed ({@link RobotsTxt#OBEY}) or not read at all
     * ({@link RobotsTxt#IGNORE}, the default).
     */
    public RobotsTxt robots() {
        return robots;
    }

    /** Every setting by name, for logs and debugging. */
    @Override
    public String toString() {
        return "SalvoConfig" + settings();
    }

    /** Every setting as set, by name: the one list that equals, hashCode and toString read. */
    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("concurrency", concurrency);
        s.put("perHost", perHost);
        s.put("rate", rate);
        s.put("perHostRate", perHostRate);
        s.put("burst", burst);
        s.put("window", window);
        s.put("timeout", timeout);
        s.put("connectTimeout", connectTimeout);
        s.put("retries", retries);
        s.put("backoff", backoff);
        s.put("maxBackoff", maxBackoff);
        s.put("retryAfterMax", retryAfterMax);
        s.put("circuitFailures", circuitFailures);
        s.put("circuitCooldown", circuitCooldown);
        s.put("maxRedirects", maxRedirects);
        s.put("maxBody", maxBody);
        s.put("method", method);
        s.put("headers", headers);
        s.put("userAgent", userAgent);
        s.put("insecure", insecure);
        s.put("http2PriorKnowledge", http2PriorKnowledge);
        s.put("maxIdleConnections", maxIdleConnections);
        s.put("compressed", compressed);
        s.put("keepHeaders", keepHeaders);
        s.put("keepBodies", keepBodies);
        s.put("captureExchanges", captureExchanges);
        s.put("ordered", ordered);
        s.put("listener", listener);
        s.put("timeSource", timeSource);
        s.put("tls", tls);
        s.put("network", network);
        s.put("adaptive", adaptive);
        s.put("perIp", perIp);
        s.put("robots", robots);
        return s;
    }

    /** The default User-Agent: names Salvo and its version. */
    public static String defaultUserAgent() {
        return "Salvo/" + Salvo.version() + " (bulk URL fetcher)";
    }

    private static int derivedWindow(int concurrency) {
        // long arithmetic: a concurrency above Integer.MAX_VALUE / 16 must not wrap to a negative window
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_DERIVED_WINDOW, concurrency * 16L));
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

    /**
     * Collects settings; {@link #build()} validates and copies them, so a builder can be changed
     * and built again without affecting configurations already built. The field initialisers are
     * the defaults, the one place they are written down. Not thread-safe.
     */
    public static final class Builder {
        private int concurrency = 64;
        private int perHost = 8;
        private double rate = 0;
        private double perHostRate = 0;
        private int burst = 0;
        /** 0: derived from the concurrency when read, see {@link SalvoConfig#window()}. */
        private int window = 0;
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
        private boolean captureExchanges = false;
        private boolean ordered = false;
        private SalvoListener listener = SalvoListener.NONE;
        private TimeSource timeSource = TimeSource.system();
        private TlsOptions tls = TlsOptions.DEFAULT;
        private NetworkOptions network = NetworkOptions.DEFAULT;
        private boolean adaptive = false;
        /** 0: no limit per address. */
        private int perIp = 0;
        private RobotsTxt robots = RobotsTxt.IGNORE;

        private Builder() {
        }

        /** Starts from {@code c}'s settings as set: its window stays 0 (derived) if it was. */
        private Builder(SalvoConfig c) {
            concurrency = c.concurrency;
            perHost = c.perHost;
            rate = c.rate;
            perHostRate = c.perHostRate;
            burst = c.burst;
            window = c.window;
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
            captureExchanges = c.captureExchanges;
            ordered = c.ordered;
            listener = c.listener;
            timeSource = c.timeSource;
            tls = c.tls;
            network = c.network;
            adaptive = c.adaptive;
            perIp = c.perIp;
            robots = c.robots;
        }

        /** Most requests in flight at once, over all hosts. */
        public Builder concurrency(int value) { concurrency = value; return this; }
        /** Most requests in flight at once to one host. */
        public Builder perHost(int value) { perHost = value; return this; }
        /** Global requests per second; 0 for no limit. */
        public Builder rate(double perSecond) { rate = perSecond; return this; }
        /** Requests per second to one host; 0 for no limit. */
        public Builder perHostRate(double perSecond) { perHostRate = perSecond; return this; }
        /** Token-bucket capacity; 0 for one second's worth of the rate. */
        public Builder burst(int value) { burst = value; return this; }
        /** Most requests held at once, at least the concurrency; 0 derives it from the concurrency. */
        public Builder window(int value) { window = value; return this; }
        /** Bound on one whole attempt. */
        public Builder timeout(Duration value) { timeout = value; return this; }
        /** Bound on making the connection. */
        public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }
        /** Retries after the first attempt. */
        public Builder retries(int value) { retries = value; return this; }
        /** Base of the exponential backoff. */
        public Builder backoff(Duration value) { backoff = value; return this; }
        /** Cap of one backoff delay. */
        public Builder maxBackoff(Duration value) { maxBackoff = value; return this; }
        /** Longest Retry-After honoured; a longer one ends the URL with that response. */
        public Builder retryAfterMax(Duration value) { retryAfterMax = value; return this; }
        /** Consecutive failed attempts that open a host's circuit; 0 disables circuit breaking. */
        public Builder circuitFailures(int value) { circuitFailures = value; return this; }
        /** How long an open circuit stays open before one probe. */
        public Builder circuitCooldown(Duration value) { circuitCooldown = value; return this; }
        /** Redirects followed per attempt; 0 follows none. */
        public Builder maxRedirects(int value) { maxRedirects = value; return this; }
        /** Largest body read. */
        public Builder maxBody(long bytes) { maxBody = bytes; return this; }
        /** HTTP method, letters only; upper-cased. */
        public Builder method(String value) { method = value; return this; }
        /** Adds a header sent with every request. */
        public Builder header(String name, String value) { headers.add(new Header(name, value)); return this; }
        /** The User-Agent header. */
        public Builder userAgent(String value) { userAgent = value; return this; }
        /** Turns TLS verification off. Only for hosts you trust on a network you trust. */
        public Builder insecure(boolean value) { insecure = value; return this; }
        /** Speaks HTTP/2 over cleartext without upgrade. */
        public Builder http2PriorKnowledge(boolean value) { http2PriorKnowledge = value; return this; }
        /** Most idle keep-alive connections over all hosts; 0 keeps none (every request opens one). */
        public Builder maxIdleConnections(int value) { maxIdleConnections = value; return this; }
        /** Offers and decodes compressed bodies (gzip, deflate, br, zstd), bounded by {@link #maxBody}. */
        public Builder compressed(boolean value) { compressed = value; return this; }
        /** Keeps each final response's headers in the result. */
        public Builder keepHeaders(boolean value) { keepHeaders = value; return this; }
        /** Keeps each final body in the result. */
        public Builder keepBodies(boolean value) { keepBodies = value; return this; }
        /** Keeps the raw bytes of every exchange (HTTP/1.1, cleartext or TLS) for archiving. */
        public Builder captureExchanges(boolean value) { captureExchanges = value; return this; }
        /** Lets each host's in-flight limit adapt between 1 and {@link #perHost}; see {@link SalvoConfig#adaptive()}. */
        public Builder adaptive(boolean value) { adaptive = value; return this; }
        /** Most requests in flight to one resolved address over all its host names; 0 for none. */
        public Builder perIp(int value) { perIp = value; return this; }
        /** Delivers results in input order. */
        public Builder ordered(boolean value) { ordered = value; return this; }
        /** Receives events on the engine thread. */
        public Builder listener(SalvoListener value) { listener = value; return this; }
        /** The clock and scheduler. */
        public Builder timeSource(TimeSource value) { timeSource = value; return this; }
        /** All TLS settings at once (trust, client certificate, lowest version). */
        public Builder tls(TlsOptions value) { tls = Objects.requireNonNull(value, "tls"); return this; }
        /** Also trusts the CA certificates in this PEM file; with {@code only}, trusts nothing else. */
        public Builder caCert(Path pemFile, boolean only) {
            tls = new TlsOptions(pemFile, only, tls.clientCert(), tls.clientKey(), tls.minVersion());
            return this;
        }
        /** Presents this client certificate (PEM) and key (PEM, PKCS#8) when a server asks for one. */
        public Builder clientCertificate(Path certFile, Path keyFile) {
            tls = new TlsOptions(tls.caCert(), tls.caCertOnly(), certFile, keyFile, tls.minVersion());
            return this;
        }
        /** Lowest TLS version offered: "1.2" (the default) or "1.3". */
        public Builder tlsMin(String version) {
            tls = new TlsOptions(tls.caCert(), tls.caCertOnly(), tls.clientCert(), tls.clientKey(), version);
            return this;
        }

        /** All network settings at once (address guard, resolution, proxy). */
        public Builder network(NetworkOptions value) { network = Objects.requireNonNull(value, "network"); return this; }
        /** Never connects to an address in this range (CIDR, or one address); repeatable. */
        public Builder deny(String cidr) {
            network = network.withDeny(plus(network.deny(), cidr), network.denyPrivate());
            return this;
        }
        /** Never connects to loopback, private, link-local, CGNAT or unique-local addresses. */
        public Builder denyPrivate(boolean value) {
            network = network.withDeny(network.deny(), value);
            return this;
        }
        /** A fixed answer, {@code HOST:PORT:ADDR[,ADDR...]} as curl's {@code --resolve}; repeatable. */
        public Builder resolve(String entry) {
            network = network.withResolution(plus(network.resolve(), entry), network.dnsServers());
            return this;
        }
        /** A name server ({@code ADDR} or {@code ADDR:PORT}) asked instead of the system's; repeatable. */
        public Builder dnsServer(String server) {
            network = network.withResolution(network.resolve(), plus(network.dnsServers(), server));
            return this;
        }
        /** The proxy for every URL, or null for none. */
        public Builder proxy(String url) {
            network = network.withProxies(url, url, network.noProxy());
            return this;
        }
        /** The proxy for http URLs only, or null for none. */
        public Builder httpProxy(String url) {
            network = network.withProxies(url, network.httpsProxy(), network.noProxy());
            return this;
        }
        /** The proxy for https URLs only, or null for none. */
        public Builder httpsProxy(String url) {
            network = network.withProxies(network.httpProxy(), url, network.noProxy());
            return this;
        }
        /** Hosts reached without a proxy (curl's {@code NO_PROXY} list), or null. */
        public Builder noProxy(String list) {
            network = network.withProxies(network.httpProxy(), network.httpsProxy(), list);
            return this;
        }

        /**
         * {@link RobotsTxt#OBEY} reads each origin's robots.txt before its first request and obeys
         * it for the User-Agent's product token (the part before its first '/'); see {@link RobotsTxt}.
         */
        public Builder robots(RobotsTxt value) { robots = Objects.requireNonNull(value, "robots"); return this; }

        private static List<String> plus(List<String> current, String added) {
            List<String> list = new ArrayList<>(current);
            list.add(Objects.requireNonNull(added));
            return list;
        }

        /** Validates and returns an immutable configuration. */
        public SalvoConfig build() {
            requirePositive("concurrency", concurrency);
            requirePositive("perHost", perHost);
            requireNotNegative("perIp", perIp);
            requireNotNegative("rate", rate);
            requireNotNegative("perHostRate", perHostRate);
            requireNotNegative("burst", burst);
            requireNotNegative("window", window);
            if (window > 0 && window < concurrency) {
                throw new IllegalArgumentException(
                        "window (" + window + ") must be at least the concurrency (" + concurrency + ")");
            }
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
            String upper = method.toUpperCase(Locale.ROOT);
            if (upper.isEmpty() || !upper.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("method must be letters only, was '" + method + "'");
            }
            Objects.requireNonNull(userAgent, "userAgent");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(timeSource, "timeSource");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(network, "network");
            return new SalvoConfig(this);
        }
    }
}
