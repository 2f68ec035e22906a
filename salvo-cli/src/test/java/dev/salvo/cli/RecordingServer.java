package dev.salvo.cli;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server for command-line tests that keeps every request it receives (method, target,
 * headers, body) and answers each with 200 and {@code "got <path>"}, except:
 * {@code /gzip/...} answers the same text gzipped ({@code Content-Encoding: gzip}),
 * {@code /latin1/...} answers {@code "café"} in ISO-8859-1, {@code /binary/...} bytes 0, 255, 1,
 * and {@code /moved/...} redirects (302) to {@code /got/...} with two {@code Set-Cookie} headers.
 * Thread-safe.
 */
final class RecordingServer implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String target, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return List.of();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new ArrayList<>();

    RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, in arrival order. */
    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests for exactly this path and query. */
    List<Received> received(String target) {
        return received().stream().filter(r -> r.target().equals(target)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
            }
            String path = exchange.getRequestURI().getPath();
            byte[] answer = ("got " + path).getBytes(StandardCharsets.UTF_8);
            String type = "text/plain";
            int status = 200;
            if (path.startsWith("/gzip/")) {
                answer = gzip(answer);
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            } else if (path.startsWith("/latin1/")) {
                answer = "café".getBytes(StandardCharsets.ISO_8859_1);
                type = "text/plain; charset=ISO-8859-1";
            } else if (path.startsWith("/binary/")) {
                answer = new byte[] {0, (byte) 255, 1};
                type = "application/octet-stream";
            } else if (path.startsWith("/moved/")) {
                status = 302;
                exchange.getResponseHeaders().set("Location", "/got/" + path.substring("/moved/".length()));
                exchange.getResponseHeaders().add("Set-Cookie", "a=1");
                exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
