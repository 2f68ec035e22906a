package dev.salvo.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that misbehaves on purpose, on two hosts (127.0.0.1 and 127.0.0.2, each
 * on a free port; a second port on 127.0.0.1 where 127.0.0.2 cannot be bound, as on macOS):
 *
 * <ul>
 *   <li>{@code /page/N}: 200 with a small HTML page;</li>
 *   <li>{@code /missing/N}: 404;</li>
 *   <li>{@code /flaky/N}: 503 the first time, 200 after;</li>
 *   <li>{@code /slow/N}: answers after {@code slowness}, so a shorter timeout fails it;</li>
 *   <li>{@code /moved/N}: 301 to {@code /page/N}.</li>
 * </ul>
 *
 * Handlers run on virtual threads, so slow ones hold no platform thread. Thread-safe.
 */
public final class DemoServer implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> bases = new ArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> flakyAnswered = ConcurrentHashMap.newKeySet();
    private final long slownessMillis;

    private DemoServer(long slownessMillis) {
        this.slownessMillis = slownessMillis;
    }

    /** Starts the server on two loopback hosts. */
    public static DemoServer start(long slownessMillis) throws IOException {
        DemoServer demo = new DemoServer(slownessMillis);
        demo.bind("127.0.0.1");
        try {
            demo.bind("127.0.0.2");
        } catch (IOException e) {
            demo.bind("127.0.0.1");
        }
        return demo;
    }

    /** The base URLs of the two hosts, e.g. {@code http://127.0.0.1:40123}. */
    public List<String> bases() {
        return List.copyOf(bases);
    }

    private void bind(String address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        servers.add(server);
        bases.add("http://" + address + ":" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String kind = path.length() > 1 ? path.substring(1, path.indexOf('/', 1) < 0 ? path.length()
                    : path.indexOf('/', 1)) : "";
            switch (kind) {
                case "page" -> send(exchange, 200, page(path));
                case "flaky" -> {
                    if (flakyAnswered.add(path)) {
                        exchange.getResponseHeaders().set("Retry-After", "0");
                        send(exchange, 503, "busy, try again\n");
                    } else {
                        send(exchange, 200, page(path));
                    }
                }
                case "slow" -> {
                    sleep(slownessMillis);
                    send(exchange, 200, page(path));
                }
                case "moved" -> {
                    exchange.getResponseHeaders().set("Location", path.replace("/moved/", "/page/"));
                    send(exchange, 301, "");
                }
                default -> send(exchange, 404, "not found: " + path + "\n");
            }
        }
    }

    private static String page(String path) {
        return "<!doctype html><title>" + path + "</title><p>Hello from the Salvo demo server: " + path + "</p>\n";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }
}
