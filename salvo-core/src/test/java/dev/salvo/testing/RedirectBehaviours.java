package dev.salvo.testing;

import java.io.IOException;

/**
 * Built-in handlers that redirect: a chain of n hops, an endless loop, and a hop to any URL
 * (another loopback "host", to test what a client forwards across hosts). Stateless and
 * thread-safe.
 */
final class RedirectBehaviours {

    private RedirectBehaviours() {
    }

    /** {@code /redirect/{n}/rest}: 302 to {@code /redirect/{n-1}/rest} (query kept); 200 at 0. */
    static void chain(Exchange exchange) throws IOException {
        RecordedRequest request = exchange.request();
        long hops = RouteArgs.number(request, 1);
        if (hops == 0) {
            exchange.respond(200, "redirects done at " + request.target() + "\n");
            return;
        }
        String query = request.query().isEmpty() ? "" : "?" + request.query();
        String location = "/redirect/" + (hops - 1) + RouteArgs.rest(request, 2) + query;
        exchange.respond(302, "see " + location + "\n", "Location: " + location);
    }

    /** {@code /loop/...}: 302 to itself, forever. */
    static void loop(Exchange exchange) throws IOException {
        String location = exchange.request().target();
        exchange.respond(302, "see " + location + "\n", "Location: " + location);
    }

    /**
     * {@code /redirect-to?url=<url-encoded URL>[&status=30x]}: redirects (302 by default) to
     * that URL, which may be absolute and on another host.
     */
    static void to(Exchange exchange) throws IOException {
        String url = exchange.request().queryParam("url");
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("/redirect-to needs ?url=<url-encoded target>");
        }
        String status = exchange.request().queryParam("status");
        int code = status == null ? 302 : Integer.parseInt(status);   // NumberFormatException -> 400
        exchange.respond(code, "see " + url + "\n", "Location: " + url);
    }
}
