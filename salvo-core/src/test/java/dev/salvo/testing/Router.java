package dev.salvo.testing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps path prefixes to handlers. A prefix {@code /a/b} matches {@code /a/b} and
 * {@code /a/b/...} (whole segments only, so {@code /429} does not match {@code /429date}); the
 * longest matching prefix wins, and {@code /} matches everything. Unmatched paths get 404.
 *
 * <p>Thread-safe: tests may add routes while connections are being served.
 */
final class Router {

    private final Map<String, Handler> routes = new ConcurrentHashMap<>();

    /** Adds or replaces the handler for {@code prefix}, which must start with {@code /}. */
    void add(String prefix, Handler handler) {
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("route prefix must start with '/': " + prefix);
        }
        String normalized = prefix.length() > 1 && prefix.endsWith("/")
                ? prefix.substring(0, prefix.length() - 1) : prefix;
        routes.put(normalized, handler);
    }

    /** Returns the handler for the longest prefix of {@code path}, trying whole segments only. */
    Handler find(String path) {
        String candidate = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        while (true) {
            Handler handler = routes.get(candidate);
            if (handler != null) {
                return handler;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash <= 0) {
                return routes.getOrDefault("/", Router::notFound);
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static void notFound(Exchange exchange) throws IOException {
        exchange.respond(404, "no route for " + exchange.request().path() + "\n");
    }
}
