package dev.salvo.cli.output;

import dev.salvo.FetchError;
import dev.salvo.FetchResult;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Formats one result as one JSON Lines record, fields in a fixed order that scripts rely on:
 * {@code index, url, id (only when given), status, ok, attempts, elapsed_ms, dns_ms, connect_ms,
 * tls_ms, ttfb_ms, remote_ip (with --timings), bytes,
 * wire_bytes (with --compressed), sha256, content_type, final_url, redirects (only when a redirect
 * was followed), error}, then {@code headers}, {@code body_file} and {@code body} when asked for.
 *
 * <p>Not thread-safe: it reuses one buffer. The results thread owns it.
 */
public final class RecordFormat {

    /**
     * Which optional fields a record has.
     *
     * @param body       {@code body}: the final body as text in its charset (UTF-8 when the
     *                   Content-Type names none; bad bytes become U+FFFD), or in base64
     * @param base64Body the body in base64 rather than as text, for binary bodies
     * @param headers    {@code headers}: the final response's headers as an object, lower-case
     *                   names, a name sent more than once as an array; {@code location} always
     *                   present on a 3xx
     * @param wireBytes  {@code wire_bytes}: body bytes as they came over the network
     * @param timings    {@code dns_ms, connect_ms, tls_ms, ttfb_ms, remote_ip} of the final response
     */
    public record Fields(boolean body, boolean base64Body, boolean headers, boolean wireBytes, boolean timings) {
    }

    private final Fields fields;
    private final StringBuilder line = new StringBuilder(512);

    /** @param includeBody true adds each body, decoded as UTF-8 (bad bytes become U+FFFD) */
    public RecordFormat(boolean includeBody) {
        this(new Fields(includeBody, false, false, false, false));
    }

    public RecordFormat(Fields fields) {
        this.fields = fields;
    }

    /**
     * The record for {@code result}, ending in a newline.
     *
     * @param bodyFile where the body was saved, or null for no {@code body_file} field
     */
    public String format(FetchResult result, String bodyFile) {
        StringBuilder out = line;
        out.setLength(0);
        out.append("{\"index\":").append(result.index());
        out.append(",\"url\":");
        Json.string(out, result.url());
        if (result.id() != null) {
            out.append(",\"id\":");
            Json.string(out, result.id());
        }
        out.append(",\"status\":").append(result.status());
        out.append(",\"ok\":").append(result.ok());
        out.append(",\"attempts\":").append(result.attempts());
        out.append(",\"elapsed_ms\":").append(result.elapsedMillis());
        if (fields.timings()) {
            timings(out, result.timings());
        }
        out.append(",\"bytes\":").append(result.bytes());
        if (fields.wireBytes()) {
            out.append(",\"wire_bytes\":").append(result.wireBytes());
        }
        out.append(",\"sha256\":");
        Json.string(out, result.sha256());
        out.append(",\"content_type\":");
        Json.string(out, result.contentType());
        out.append(",\"final_url\":");
        Json.string(out, result.finalUrl());
        if (!result.redirects().isEmpty()) {
            out.append(",\"redirects\":[");
            for (int i = 0; i < result.redirects().size(); i++) {
                FetchResult.Redirect hop = result.redirects().get(i);
                out.append(i == 0 ? "{\"url\":" : ",{\"url\":");
                Json.string(out, hop.url());
                out.append(",\"status\":").append(hop.status()).append('}');
            }
            out.append(']');
        }
        out.append(",\"error\":");
        FetchError error = result.error();
        if (error == null) {
            out.append("null");
        } else {
            out.append("{\"type\":");
            Json.string(out, error.type().wireName());
            out.append(",\"message\":");
            Json.string(out, error.message());
            out.append('}');
        }
        if (fields.headers()) {
            out.append(",\"headers\":");
            headers(out, result);
        }
        if (bodyFile != null) {
            out.append(",\"body_file\":");
            Json.string(out, bodyFile);
        }
        if (fields.body()) {
            out.append(",\"body\":");
            byte[] body = result.body();
            Json.string(out, body == null ? null : fields.base64Body() ? Base64.getEncoder().encodeToString(body)
                    : new String(body, charsetOf(result.contentType())));
        }
        return out.append("}\n").toString();
    }

    private static void timings(StringBuilder out, FetchResult.Timings timings) {
        if (timings == null) {
            out.append(",\"dns_ms\":null,\"connect_ms\":null,\"tls_ms\":null,\"ttfb_ms\":null,\"remote_ip\":null");
            return;
        }
        millis(out.append(",\"dns_ms\":"), timings.dnsNanos());
        millis(out.append(",\"connect_ms\":"), timings.connectNanos());
        millis(out.append(",\"tls_ms\":"), timings.tlsNanos());
        millis(out.append(",\"ttfb_ms\":"), timings.ttfbNanos());
        out.append(",\"remote_ip\":");
        Json.string(out, timings.remoteIp());
    }

    /** Milliseconds with three decimals at most (microseconds), e.g. 0.412 or 12 or 3.5. */
    private static void millis(StringBuilder out, long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        out.append(micros / 1_000);
        long fraction = micros % 1_000;
        if (fraction != 0) {
            String digits = String.valueOf(1_000 + fraction).substring(1).replaceAll("0+$", "");
            out.append('.').append(digits);
        }
    }

    /** The headers object; null when there was no response (or the engine did not keep them). */
    private static void headers(StringBuilder out, FetchResult result) {
        Map<String, List<String>> headers = result.headers();
        if (headers == null) {
            out.append("null");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            Json.string(out, header.getKey());
            out.append(':');
            List<String> values = header.getValue();
            if (values.size() == 1) {
                Json.string(out, values.get(0));
            } else {
                out.append('[');
                for (int i = 0; i < values.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    Json.string(out, values.get(i));
                }
                out.append(']');
            }
        }
        Integer status = result.status();
        if (status != null && status >= 300 && status < 400 && !headers.containsKey("location")) {
            out.append(first ? "" : ",").append("\"location\":null");
        }
        out.append('}');
    }

    /** The charset a Content-Type names, or UTF-8 when it names none, or one this JVM does not know. */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
