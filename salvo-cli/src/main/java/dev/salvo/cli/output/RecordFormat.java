package dev.salvo.cli.output;

import dev.salvo.FetchError;
import dev.salvo.FetchResult;

import java.nio.charset.StandardCharsets;

/**
 * Formats one result as one JSON Lines record, fields in a fixed order that scripts rely on:
 * {@code index, url, id (only when given), status, ok, attempts, elapsed_ms, bytes, sha256,
 * content_type, final_url, error}, then {@code etag}, {@code last_modified} and {@code unchanged} when
 * there is such a value, {@code body_file}, {@code warc_file} and {@code warc_offset},
 * and {@code body} when asked for.
 *
 * <p>Not thread-safe: it reuses one buffer. The results thread owns it.
 */
public final class RecordFormat {

    private final boolean includeBody;
    private final StringBuilder line = new StringBuilder(512);

    /** @param includeBody true adds each body, decoded as UTF-8 (bad bytes become U+FFFD) */
    public RecordFormat(boolean includeBody) {
        this.includeBody = includeBody;
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
        out.append(",\"bytes\":").append(result.bytes());
        out.append(",\"sha256\":");
        Json.string(out, result.sha256());
        out.append(",\"content_type\":");
        Json.string(out, result.contentType());
        out.append(",\"final_url\":");
        Json.string(out, result.finalUrl());
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
        if (bodyFile != null) {
            out.append(",\"body_file\":");
            Json.string(out, bodyFile);
        }
        if (extras.warcFile() != null) {
            out.append(",\"warc_file\":");
            Json.string(out, extras.warcFile());
            out.append(",\"warc_offset\":").append(extras.warcOffset());
        }
        if (includeBody) {
            out.append(",\"body\":");
            Json.string(out, result.body() == null ? null : new String(result.body(), StandardCharsets.UTF_8));
        }
        return out.append("}\n").toString();
    }
}
