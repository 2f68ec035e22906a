package dev.salvo.spark.internal.engine;

import dev.salvo.RobotsTxt;
import dev.salvo.SalvoConfig;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SalvoConfig} in a form Spark can ship to executors: every setting, copied through the
 * config's accessors and rebuilt there with its builder. The listener and time source stay on the
 * driver (they are not serializable, and an executor's engine runs on the system clock). Every
 * other setting must be copied here: {@code EngineSettingsTest} fails when one is missed. TLS
 * files (CA, client certificate and key) travel as paths: they must exist at the same path on
 * every executor.
 *
 * <p>Immutable; thread-safe.
 */
public final class EngineSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int concurrency;
    private final int perHost;
    private final double rate;
    private final double perHostRate;
    private final int burst;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final int retries;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration retryAfterMax;
    private final int circuitFailures;
    private final Duration circuitCooldown;
    private final int maxRedirects;
    private final long maxBody;
    private final String method;
    private final List<String[]> headers = new ArrayList<>();
    private final String userAgent;
    private final boolean insecure;
    private final boolean http2PriorKnowledge;
    private final int maxIdleConnections;
    private final boolean compressed;
    private final boolean keepHeaders;
    private final boolean keepBodies;
    private final boolean captureExchanges;
    private final int window;
    private final String caCert;
    private final boolean caCertOnly;
    private final String clientCert;
    private final String clientKey;
    private final String tlsMin;
    // The address guard, DNS and proxies: plain strings, checked again when the config is rebuilt.
    private final ArrayList<String> deny;
    private final boolean denyPrivate;
    private final ArrayList<String> resolve;
    private final ArrayList<String> dnsServers;
    private final String httpProxy;
    private final String httpsProxy;
    private final String noProxy;
    private final boolean adaptive;
    private final int perIp;
    private final RobotsTxt robots;

    public EngineSettings(SalvoConfig config) {
        concurrency = config.concurrency();
        perHost = config.perHost();
        rate = config.rate();
        perHostRate = config.perHostRate();
        burst = config.burst();
        timeout = config.timeout();
        connectTimeout = config.connectTimeout();
        retries = config.retries();
        backoff = config.backoff();
        maxBackoff = config.maxBackoff();
        retryAfterMax = config.retryAfterMax();
        circuitFailures = config.circuitFailures();
        circuitCooldown = config.circuitCooldown();
        maxRedirects = config.maxRedirects();
        maxBody = config.maxBody();
        method = config.method();
        config.headers().forEach(h -> headers.add(new String[] {h.name(), h.value()}));
        userAgent = config.userAgent();
        insecure = config.insecure();
        http2PriorKnowledge = config.http2PriorKnowledge();
        maxIdleConnections = config.maxIdleConnections();
        compressed = config.compressed();
        keepHeaders = config.keepHeaders();
        keepBodies = config.keepBodies();
        captureExchanges = config.captureExchanges();
        window = config.window();
        SalvoConfig.TlsOptions tls = config.tls();
        caCert = text(tls.caCert());
        caCertOnly = tls.caCertOnly();
        clientCert = text(tls.clientCert());
        clientKey = text(tls.clientKey());
        tlsMin = tls.minVersion();
        SalvoConfig.NetworkOptions network = config.network();
        deny = new ArrayList<>(network.deny());
        denyPrivate = network.denyPrivate();
        resolve = new ArrayList<>(network.resolve());
        dnsServers = new ArrayList<>(network.dnsServers());
        httpProxy = network.httpProxy();
        httpsProxy = network.httpsProxy();
        noProxy = network.noProxy();
        adaptive = config.adaptive();
        perIp = config.perIp();
        robots = config.robots();
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    /** The configuration for one task's engine: results in completion order. */
    public SalvoConfig toConfig() {
        SalvoConfig.Builder builder = SalvoConfig.builder()
                .concurrency(concurrency)
                .perHost(perHost)
                .rate(rate)
                .perHostRate(perHostRate)
                .burst(burst)
                .timeout(timeout)
                .connectTimeout(connectTimeout)
                .retries(retries)
                .backoff(backoff)
                .maxBackoff(maxBackoff)
                .retryAfterMax(retryAfterMax)
                .circuitFailures(circuitFailures)
                .circuitCooldown(circuitCooldown)
                .maxRedirects(maxRedirects)
                .maxBody(maxBody)
                .method(method)
                .userAgent(userAgent)
                .insecure(insecure)
                .http2PriorKnowledge(http2PriorKnowledge)
                .maxIdleConnections(maxIdleConnections)
                .compressed(compressed)
                .keepHeaders(keepHeaders)
                .keepBodies(keepBodies)
                .captureExchanges(captureExchanges)
                .ordered(false)
                .window(window)
                .tls(new SalvoConfig.TlsOptions(path(caCert), caCertOnly, path(clientCert), path(clientKey), tlsMin))
                .network(new SalvoConfig.NetworkOptions(deny, denyPrivate, resolve, dnsServers, httpProxy, httpsProxy,
                        noProxy))
                .adaptive(adaptive)
                .perIp(perIp)
                .robots(robots);
        headers.forEach(h -> builder.header(h[0], h[1]));
        return builder.build();
    }

    public int concurrency() {
        return concurrency;
    }

    public int perHost() {
        return perHost;
    }

    public double perHostRate() {
        return perHostRate;
    }

    public boolean keepBodies() {
        return keepBodies;
    }

    public int window() {
        return window;
    }
}
