package dev.salvo.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server for command-line tests: {@code /ok/...} answers 200 with {@code "ok <path>"},
 * {@code /missing/...} 404, {@code /broken/...} 500; anything else 404. Its {@code /robots.txt}
 * disallows {@code /ok/private}.
 */
final class TestServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/robots.txt")) {
                byte[] rules = "User-agent: *\nDisallow: /ok/private\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, rules.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(rules);
                }
                return;
            }
            int status = path.startsWith("/ok/") ? 200 : path.startsWith("/broken/") ? 500 : 404;
            byte[] body = (status == 200 ? "ok " + path : "no " + path).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
