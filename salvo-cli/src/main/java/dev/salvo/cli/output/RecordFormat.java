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
 * was followed), error}, then {@code etag}, {@code last_modified} and {@code unchanged} when there
 * is such a value, then {@code headers}, {@code body_file}, {@code warc_file} and
 * {@code warc_offset}, and {@code body} when asked for.
 *
 * <p>Not thread-safe: it reuses one buffer, in which it builds the record as UTF-8 bytes
 * ({@link LineBytes}). The results thread owns it.
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
    private final LineBytes line = new LineBytes();

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
        return formatWith(result, ResultSink.Extras.NONE.withBodyFile(bodyFile));
    }

    /** The record for {@code result} with what the command line adds ({@code body_file}, {@code warc_*}). */
    public String formatWith(FetchResult result, ResultSink.Extras extras) {
        return encode(result, extras).toString();
    }

    /**
     * The record as {@link #formatWith} makes it, encoded as UTF-8, in this format's buffer: the
     * bytes are {@code array()[0, length())}, valid until the next call. What the results thread
     * writes, without making the record a String first.
     */
    LineBytes encode(FetchResult result, ResultSink.Extras extras) {
        String bodyFile = extras.bodyFile();
        LineBytes out = line;
        out.clear();
        out.ascii("{\"index\":").number(result.index());
        out.ascii(",\"url\":").string(result.url());
        if (result.id() != null) {
            out.ascii(",\"id\":").string(result.id());
        }
        out.ascii(",\"status\":").number(result.status());
        out.ascii(",\"ok\":").bool(result.ok());
        out.ascii(",\"attempts\":").number(result.attempts());
        out.ascii(",\"elapsed_ms\":").number(result.elapsedMillis());
        if (fields.timings()) {
            timings(out, result.timings());
        }
        out.ascii(",\"bytes\":").number(result.bytes());
        if (fields.wireBytes()) {
            out.ascii(",\"wire_bytes\":").number(result.wireBytes());
        }
        out.ascii(",\"sha256\":").string(result.sha256());
        out.ascii(",\"content_type\":").string(result.contentType());
        out.ascii(",\"final_url\":").string(result.finalUrl());
        if (!result.redirects().isEmpty()) {
            out.ascii(",\"redirects\":[");
            for (int i = 0; i < result.redirects().size(); i++) {
                FetchResult.Redirect hop = result.redirects().get(i);
                out.ascii(i == 0 ? "{\"url\":" : ",{\"url\":").string(hop.url());
                out.ascii(",\"status\":").number(hop.status()).ascii('}');
            }
            out.ascii(']');
        }
        out.ascii(",\"error\":");
        FetchError error = result.error();
        if (error == null) {
            out.ascii("null");
        } else {
            out.ascii("{\"type\":").string(error.type().wireName());
            out.ascii(",\"message\":").string(error.message()).ascii('}');
        }
        if (result.etag() != null) {
            out.ascii(",\"etag\":").string(result.etag());
        }
        if (result.lastModified() != null) {
            out.ascii(",\"last_modified\":").string(result.lastModified());
        }
        if (result.unchanged()) {
            out.ascii(",\"unchanged\":true");
        }
        if (fields.headers()) {
            out.ascii(",\"headers\":");
            headers(out, result);
        }
        if (bodyFile != null) {
            out.ascii(",\"body_file\":").string(bodyFile);
        }
        if (extras.warcFile() != null) {
            out.ascii(",\"warc_file\":").string(extras.warcFile());
            out.ascii(",\"warc_offset\":").number(extras.warcOffset());
        }
        if (fields.body()) {
            out.ascii(",\"body\":");
            byte[] body = result.body();
            out.string(body == null ? null : fields.base64Body() ? Base64.getEncoder().encodeToString(body)
                    : new String(body, charsetOf(result.contentType())));
        }
        return out.ascii("}\n");
    }

    private static void timings(LineBytes out, FetchResult.Timings timings) {
        if (timings == null) {
            out.ascii(",\"dns_ms\":null,\"connect_ms\":null,\"tls_ms\":null,\"ttfb_ms\":null,\"remote_ip\":null");
            return;
        }
        millis(out.ascii(",\"dns_ms\":"), timings.dnsNanos());
        millis(out.ascii(",\"connect_ms\":"), timings.connectNanos());
        millis(out.ascii(",\"tls_ms\":"), timings.tlsNanos());
        millis(out.ascii(",\"ttfb_ms\":"), timings.ttfbNanos());
        out.ascii(",\"remote_ip\":").string(timings.remoteIp());
    }

    /** Milliseconds with three decimals at most (microseconds), e.g. 0.412 or 12 or 3.5. */
    private static void millis(LineBytes out, long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        out.number(micros / 1_000);
        int fraction = (int) (micros % 1_000);
        if (fraction != 0) {
            out.ascii('.').ascii((char) ('0' + fraction / 100));
            if (fraction % 100 != 0) {
                out.ascii((char) ('0' + fraction / 10 % 10));
                if (fraction % 10 != 0) {
                    out.ascii((char) ('0' + fraction % 10));
                }
            }
        }
    }

    /** The headers object; null when there was no response (or the engine did not keep them). */
    private static void headers(LineBytes out, FetchResult result) {
        Map<String, List<String>> headers = result.headers();
        if (headers == null) {
            out.ascii("null");
            return;
        }
        out.ascii('{');
        boolean first = true;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            out.ascii(first ? "" : ",");
            first = false;
            out.string(header.getKey()).ascii(':');
            List<String> values = header.getValue();
            if (values.size() == 1) {
                out.string(values.get(0));
            } else {
                out.ascii('[');
                for (int i = 0; i < values.size(); i++) {
                    out.ascii(i == 0 ? "" : ",").string(values.get(i));
                }
                out.ascii(']');
            }
        }
        Integer status = result.status();
        if (status != null && status >= 300 && status < 400 && !headers.containsKey("location")) {
            out.ascii(first ? "" : ",").ascii("\"location\":null");
        }
        out.ascii('}');
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
