package dev.salvo.cli;

import dev.salvo.RobotsTxt;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.cli.convert.DurationConverter;
import dev.salvo.cli.convert.HeaderConverter;
import dev.salvo.cli.convert.RateConverter;
import dev.salvo.cli.convert.SizeConverter;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options that shape the engine, as a mixin. Their defaults are not written here: they come
 * from {@link SalvoConfig.Builder} through {@link ConfigDefaults}, so the library and the command
 * line cannot disagree. Public so that {@code salvo-spark}'s job takes exactly the same options.
 */
public final class EngineOptions {

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N",
            description = "Most requests in flight at once, over all hosts. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--per-host", paramLabel = "N",
            description = "Most requests in flight at once to one host (host and port). Default: ${DEFAULT-VALUE}.")
    int perHost;

    @Option(names = "--per-ip", paramLabel = "N",
            description = "Most requests in flight at once to one resolved address, over every host name that "
                    + "resolves to it (shared hosting); 0 for no such limit. Default: ${DEFAULT-VALUE}.")
    int perIp;

    @Option(names = "--adaptive",
            description = "Let each host's in-flight limit find its own level between 1 and --per-host: it "
                    + "shrinks on 429, 503, timeouts and resets, and grows by one per window of fast answers. "
                    + "Off by default.")
    boolean adaptive;

    @Option(names = "--rate", paramLabel = "RATE", converter = RateConverter.class,
            description = "Global request rate: N per second, or N/s, N/m, N/h; 0 for no limit. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--per-host-rate", paramLabel = "RATE", converter = RateConverter.class,
            description = "Request rate to each host, same forms as --rate. Default: ${DEFAULT-VALUE}.")
    double perHostRate;

    @Option(names = "--burst", paramLabel = "N",
            description = "Requests a rate limit lets through at once; 0 means one second's worth. Default: ${DEFAULT-VALUE}.")
    int burst;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit on one whole attempt: connect, send, headers and body. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit on making the connection. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--retries", paramLabel = "N",
            description = "Retries after the first attempt, for connect errors, resets, timeouts and 408, 429, 500, 502, 503, 504 (GET, HEAD, PUT, DELETE, OPTIONS only). Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--backoff", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Base of the jittered exponential backoff between attempts. Default: ${DEFAULT-VALUE}.")
    Duration backoff;

    @Option(names = "--max-backoff", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait between two attempts (unless Retry-After asks for more). Default: ${DEFAULT-VALUE}.")
    Duration maxBackoff;

    @Option(names = "--retry-after-max", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A 429/503 whose Retry-After (or rate-limit reset: RateLimit, X-RateLimit-Reset) asks for "
                    + "longer ends the URL with that response; a shorter reset pauses the host. Default: ${DEFAULT-VALUE}.")
    Duration retryAfterMax;

    @Option(names = "--circuit-failures", paramLabel = "N",
            description = "Consecutive failed attempts (connect errors, resets, timeouts, 408, 5xx; not 429) that open a host's circuit; 0 turns circuit breaking off. Default: ${DEFAULT-VALUE}.")
    int circuitFailures;

    @Option(names = "--circuit-cooldown", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an open circuit fails that host's URLs at once before one probe is let through. Default: ${DEFAULT-VALUE}.")
    Duration circuitCooldown;

    @Option(names = "--max-redirects", paramLabel = "N",
            description = "Redirects are followed by default (as curl -L does); this is the most followed per"
                    + " attempt, and 0 follows none. Default: ${DEFAULT-VALUE}.")
    int maxRedirects;

    @Option(names = "--max-body", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest body read; a larger one fails the URL with too_large. Bytes, or KiB, MiB, GiB (1024) or KB, MB, GB (1000). Default: ${DEFAULT-VALUE}.")
    long maxBody;

    // split: a config file or environment variable gives several headers on several lines.
    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", converter = HeaderConverter.class,
            split = "\\R", hideParamSyntax = true,
            description = "A header sent with every request; repeat for more. Authorization, Cookie and Proxy-Authorization are dropped when a redirect leaves the URL's host.")
    List<Header> headers = new ArrayList<>();

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD",
            description = "HTTP method. Only idempotent methods are retried. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = {"-A", "--user-agent"}, paramLabel = "TEXT",
            // The default on a line of its own: the help would otherwise break it at its hyphen.
            description = {"The User-Agent header.", "Default: ${DEFAULT-VALUE}."})
    String userAgent;

    @Option(names = "--max-idle-connections", paramLabel = "N",
            description = "Most idle keep-alive connections kept open over all hosts; beyond it the least recently used is closed. 0 keeps none. Default: ${DEFAULT-VALUE}.")
    int maxIdleConnections;

    @Option(names = {"-k", "--insecure"},
            description = "Do not verify TLS certificates or host names. Only for hosts and networks you trust.")
    boolean insecure;

    @Option(names = "--http2",
            description = "Speak HTTP/2 over cleartext http without upgrade (prior knowledge). https needs no flag: it offers HTTP/2 and HTTP/1.1 by ALPN and speaks what the server picks.")
    boolean http2;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Also trust the CA certificates in this PEM file (in addition to the system's; see --cacert-only).")
    Path caCert;

    @Option(names = "--cacert-only",
            description = "Trust only the certificates of --cacert, not the system's CAs.")
    boolean caCertOnly;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Client certificate (PEM, chain allowed) for servers that ask for one; needs --key.")
    Path clientCert;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Private key of --cert (PEM, PKCS#8: BEGIN PRIVATE KEY).")
    Path clientKey;

    @Option(names = "--tls-min", paramLabel = "VERSION",
            description = "Lowest TLS version offered: 1.2 or 1.3. Default: 1.2.")
    String tlsMin = "1.2";

    @Option(names = "--deny", paramLabel = "CIDR",
            description = "Never connect to an address in CIDR: a range such as 10.0.0.0/8 or fd00::/8, or one address; repeatable. "
                    + "Checked on every address actually connected to, after DNS and on redirects; a URL that resolves "
                    + "only to denied addresses fails with blocked and no connection is made.")
    List<String> deny = new ArrayList<>();

    @Option(names = "--deny-private",
            description = "Deny loopback (127.0.0.0/8, ::1), RFC 1918 (10/8, 172.16/12, 192.168/16), link-local "
                    + "(169.254/16 with cloud metadata 169.254.169.254, fe80::/10), CGNAT (100.64/10), unique-local "
                    + "(fc00::/7), 0.0.0.0/8 and ::, and the IPv4-mapped IPv6 forms of them all.")
    boolean denyPrivate;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR[,ADDR...]",
            description = "Connect to ADDR for HOST on PORT instead of looking HOST up, as curl does; the URL, Host "
                    + "header and TLS name stay HOST. Repeatable.")
    List<String> resolve = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "ADDR[:PORT]",
            description = "Ask this name server (an IP address, port 53 unless given; [v6]:PORT) instead of the "
                    + "system's; repeatable, tried in order. Answers are cached for their TTL.")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = {"-x", "--proxy"}, paramLabel = "URL",
            description = "Send every request through this proxy: http://, https:// (TLS to the proxy), socks5:// (names "
                    + "resolved here) or socks5h:// (resolved by the proxy), with optional user:password@. HTTP proxies are "
                    + "asked to CONNECT, for http URLs too. Without it, as curl: http_proxy for http, HTTPS_PROXY or "
                    + "https_proxy for https, else ALL_PROXY; NO_PROXY lists the exceptions. An empty value means no proxy.")
    String proxy;

    @Option(names = "--noproxy", paramLabel = "LIST",
            description = "Hosts reached without the proxy, comma-separated: a name also matches its subdomains, "
                    + "addresses and CIDR ranges match URLs with addresses, * matches all. Overrides NO_PROXY.")
    String noProxy;

    @Option(names = "--robots", paramLabel = "obey|ignore", converter = RobotsConverter.class,
            description = "obey: read each site's robots.txt (RFC 9309) once, before its first request, and follow"
                    + " it for the product token of --user-agent (the part before its first '/'): a URL it"
                    + " disallows, or a redirect to one, fails with robots and is not sent; its Crawl-delay spaces"
                    + " requests to that site. A robots.txt that answers 4xx allows everything; one that answers 5xx"
                    + " or not at all disallows the site (asked again once, a minute later). ignore: never read it,"
                    + " as curl and wget do for a list of URLs. Default: ${DEFAULT-VALUE}.")
    RobotsTxt robots;

    /** A builder holding these settings; the caller adds what is not an engine option. */
    public SalvoConfig.Builder toBuilder() {
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
                .maxIdleConnections(maxIdleConnections)
                .insecure(insecure)
                .http2PriorKnowledge(http2)
                .robots(robots)
                .tls(new SalvoConfig.TlsOptions(caCert, caCertOnly, clientCert, clientKey, tlsMin));
        headers.forEach(h -> builder.header(h.name(), h.value()));
        deny.forEach(builder::deny);
        builder.denyPrivate(denyPrivate);
        builder.adaptive(adaptive);
        builder.perIp(perIp);
        resolve.forEach(builder::resolve);
        dnsServers.forEach(builder::dnsServer);
        ProxyEnvironment.apply(proxy, noProxy, System.getenv(), builder);
        return builder;
    }

    /** Reads {@code obey} or {@code ignore}, in any case; anything else is one clear line. */
    static final class RobotsConverter implements picocli.CommandLine.ITypeConverter<RobotsTxt> {
        @Override
        public RobotsTxt convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "obey" -> RobotsTxt.OBEY;
                case "ignore" -> RobotsTxt.IGNORE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is neither obey nor ignore");
            };
        }

        /** The word the option takes for {@code value}. */
        static String format(RobotsTxt value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }
}
