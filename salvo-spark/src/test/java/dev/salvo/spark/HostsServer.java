package dev.salvo.spark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback HTTP servers on 127.0.0.1 to 127.0.0.N, one per address (each its own host to Salvo),
 * that count requests in flight per host and over all hosts, and how often each path was asked
 * for. Each answer is held for {@code holdMillis} so that concurrency shows; {@code /ok/...} gets
 * 200, anything else 404. The counts are the test's evidence, never the client's own view.
 */
final class HostsServer implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(4);
    private final long holdMillis;
    private final AtomicInteger[] inFlight;
    private final AtomicInteger[] peak;
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private final AtomicInteger totalPeak = new AtomicInteger();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> requests = new ConcurrentHashMap<>();

    HostsServer(int hosts, long holdMillis) throws IOException {
        this.holdMillis = holdMillis;
        inFlight = new AtomicInteger[hosts];
        peak = new AtomicInteger[hosts];
        for (int h = 0; h < hosts; h++) {
            inFlight[h] = new AtomicInteger();
            peak[h] = new AtomicInteger();
            int host = h;
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (h + 1)}), 0), 128);
            server.createContext("/", exchange -> handle(host, exchange));
            server.setExecutor(handlers);
            server.start();
            servers.add(server);
        }
    }

    /** {@code http://127.0.0.K:PORT} for host {@code h} (0-based; K = h + 1). */
    String base(int h) {
        return "http://127.0.0." + (h + 1) + ":" + servers.get(h).getAddress().getPort();
    }

    int peak(int h) {
        return peak[h].get();
    }

    int totalPeak() {
        return totalPeak.get();
    }

    /** How many requests asked for {@code path}. */
    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    /**
     * The last request for {@code path} as the server read it: {@code "METHOD X-Test=value body"},
     * with the {@code X-Test} header's values joined by commas (null when absent), or null if the
     * path was never asked for.
     */
    String request(String path) {
        return requests.get(path);
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(int host, HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            List<String> test = exchange.getRequestHeaders().get("X-Test");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.put(path, exchange.getRequestMethod() + " X-Test=" + (test == null ? null : String.join(",", test))
                    + " " + body);
        } catch (IOException e) {
            requests.put(path, "unreadable request: " + e.getMessage());
        }
        peak[host].accumulateAndGet(inFlight[host].incrementAndGet(), Math::max);
        totalPeak.accumulateAndGet(totalInFlight.incrementAndGet(), Math::max);
        answers.schedule(() -> answer(host, path, exchange), holdMillis, TimeUnit.MILLISECONDS);
    }

    private void answer(int host, String path, HttpExchange exchange) {
        // Counted out before the answer leaves, so a client can never see a slot free before we do.
        inFlight[host].decrementAndGet();
        totalInFlight.decrementAndGet();
        try (exchange) {
            int status = path.startsWith("/ok/") ? 200 : 404;
            byte[] body = ("host " + host + " " + path).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away (a killed job); nothing to answer.
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        answers.shutdownNow();
        handlers.shutdownNow();
    }
}
