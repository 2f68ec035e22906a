package dev.salvo.cli.output;

import dev.salvo.FetchError;
import dev.salvo.FetchResult;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The record format as it was when records were built as text ({@code StringBuilder}, then
 * {@code String.getBytes}), kept unchanged as the oracle that {@link RecordFormat}, which builds
 * the UTF-8 bytes directly, must match byte for byte ({@link RecordBytesTest}).
 */
final class TextRecordFormat {

    private final RecordFormat.Fields fields;
    private final StringBuilder line = new StringBuilder(512);

    TextRecordFormat(RecordFormat.Fields fields) {
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
        String bodyFile = extras.bodyFile();
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
        if (result.etag() != null) {
            out.append(",\"etag\":");
            Json.string(out, result.etag());
        }
        if (result.lastModified() != null) {
            out.append(",\"last_modified\":");
            Json.string(out, result.lastModified());
        }
        if (result.unchanged()) {
            out.append(",\"unchanged\":true");
        }
        if (fields.headers()) {
            out.append(",\"headers\":");
            headers(out, result);
        }
        if (bodyFile != null) {
            out.append(",\"body_file\":");
            Json.string(out, bodyFile);
        }
        if (extras.warcFile() != null) {
            out.append(",\"warc_file\":");
            Json.string(out, extras.warcFile());
            out.append(",\"warc_offset\":").append(extras.warcOffset());
        }
        if (fields.body()) {
            out.append(",\"body\":");
            byte[] body = result.body();
            Json.string(out, body == null ? null : fields.base64Body() ? Base64.getEncoder().encodeToString(body)
                    : new String(body, RecordFormat.charsetOf(result.contentType())));
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
}
