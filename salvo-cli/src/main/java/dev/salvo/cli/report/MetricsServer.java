package dev.salvo.cli.report;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the run's counters in the Prometheus text format at {@code http://127.0.0.1:PORT/metrics}
 * while the run lasts. Loopback only: the numbers are nobody else's business. Each scrape takes a
 * {@link RunStats#snapshot}; nothing is computed between scrapes.
 *
 * <p>Thread-safe: the JDK server runs each scrape on its own thread.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Most hosts whose adaptive limit a scrape lists, so a crawl over many hosts stays scrapable. */
    static final int HOSTS_LISTED = 1000;

    /** Starts serving on 127.0.0.1:{@code port} (0 picks a free port). */
    public static MetricsServer start(int port, RunStats stats) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.createContext("/metrics", exchange -> {
            byte[] body = (render(stats.snapshot()) + renderLimits(stats.hostLimits().first(HOSTS_LISTED)))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new MetricsServer(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The metrics page for {@code s}. */
    static String render(RunSnapshot s) {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP salvo_results_total URLs that reached their result, by outcome.\n")
                .append("# TYPE salvo_results_total counter\n");
        sample(out, "salvo_results_total{outcome=\"ok\"}", s.ok());
        s.failures().forEach((type, count) ->
                sample(out, "salvo_results_total{outcome=\"" + type.wireName() + "\"}", count));
        if (s.cancelled() > 0) {
            sample(out, "salvo_results_total{outcome=\"cancelled\"}", s.cancelled());
        }
        out.append("# HELP salvo_results_by_status_total URLs by final HTTP status.\n")
                .append("# TYPE salvo_results_by_status_total counter\n");
        for (Map.Entry<Integer, Long> e : s.statuses().entrySet()) {
            sample(out, "salvo_results_by_status_total{status=\"" + e.getKey() + "\"}", e.getValue());
        }
        gaugeOrCounter(out, "salvo_attempts_total", "counter", "Requests sent, retries included.", s.attempts());
        gaugeOrCounter(out, "salvo_retries_total", "counter", "Retries scheduled.", s.retries());
        gaugeOrCounter(out, "salvo_host_pauses_total", "counter", "Retry-After and rate-limit pauses of a host.", s.hostPauses());
        gaugeOrCounter(out, "salvo_circuits_opened_total", "counter", "Times a host's circuit opened.",
                s.circuitsOpened());
        gaugeOrCounter(out, "salvo_in_flight", "gauge", "Requests sent and not yet answered.", s.inFlight());
        gaugeOrCounter(out, "salvo_retries_waiting", "gauge", "URLs waiting out a backoff.", s.retriesWaiting());
        gaugeOrCounter(out, "salvo_open_circuits", "gauge", "Hosts whose circuit is open or half-open.",
                s.openCircuits());
        return out.toString();
    }

    /** Each host's in-flight limit under {@code --adaptive}; nothing without it. */
    static String renderLimits(Map<String, Integer> limits) {
        if (limits.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(64 + limits.size() * 48);
        out.append("# HELP salvo_host_concurrency_limit A host's in-flight limit under --adaptive (first ")
                .append(HOSTS_LISTED).append(" hosts by name).\n")
                .append("# TYPE salvo_host_concurrency_limit gauge\n");
        limits.forEach((host, limit) -> sample(out, "salvo_host_concurrency_limit{host=\"" + labelValue(host) + "\"}",
                limit));
        return out.toString();
    }

    /** A label value as the text format wants it: backslash, quote and line feed escaped. */
    private static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void gaugeOrCounter(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        sample(out, name, value);
    }

    private static void sample(StringBuilder out, String name, long value) {
        out.append(name).append(' ').append(String.format(Locale.ROOT, "%d", value)).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
