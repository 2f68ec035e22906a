package dev.salvo.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the server received it. Immutable and therefore thread-safe.
 *
 * @param method        request method, e.g. {@code GET}
 * @param target        the request-target exactly as sent (origin-form, e.g. {@code /a/b?x=1})
 * @param path          the path part of the target, not decoded
 * @param query         the query part of the target without {@code ?}, not decoded; empty if none
 * @param version       {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers       header fields in the order received; names as sent
 * @param body          the request body (empty if none)
 * @param connectionId  1 for the first TCP connection the server accepted, 2 for the second, ...
 * @param sequence      0 for the first request on its connection, 1 for the second, ...
 */
public record RecordedRequest(
        String method,
        String target,
        String path,
        String query,
        String version,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        int connectionId,
        int sequence) {

    public RecordedRequest {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** Returns a copy of the request body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns the first value of a header, matching its name case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Returns every value of a header, matching its name case-insensitively. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** Returns the first value of a query parameter, URL-decoded, or null. */
    public String queryParam(String name) {
        if (query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * Whether the client allows the connection to be reused after this request: HTTP/1.1 unless
     * it sent {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}.
     */
    public boolean keepAlive() {
        String connection = header("Connection");
        if (connection != null && connection.toLowerCase().contains("close")) {
            return false;
        }
        return "HTTP/1.1".equals(version)
                || (connection != null && connection.toLowerCase().contains("keep-alive"));
    }

    /** Returns the body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + target + " (connection " + connectionId + " #" + sequence + ")";
    }
}
