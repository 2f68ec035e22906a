package dev.salvo;

import dev.salvo.SalvoConfig.Header;

import java.util.List;
import java.util.Objects;

/**
 * One URL to fetch.
 *
 * @param index the position of this request in its input (0-based); results carry it back, and
 *              ordered delivery uses it, so indexes in one run must be distinct and ascending
 * @param url   the URL exactly as given (validated by the engine, not here: an invalid URL becomes
 *              a result with {@link ErrorType#INVALID_URL}, never an exception)
 * @param id    an opaque caller identifier passed through to the result, or null
 * @param headers headers for this request only, sent after (and so overriding) the configured ones;
 *              e.g. {@code If-None-Match} to refresh what an earlier run fetched
 */
public record FetchRequest(long index, String url, String id, List<Header> headers) {
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        headers = headers == null ? List.of() : List.copyOf(headers);
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    /** A request without headers of its own. */
    public FetchRequest(long index, String url, String id) {
        this(index, url, id, List.of());
    }

    /** This request with {@code extra} added to its headers. */
    public FetchRequest withHeaders(List<Header> extra) {
        List<Header> all = new java.util.ArrayList<>(headers);
        all.addAll(extra);
        return new FetchRequest(index, url, id, all);
    }

    /** A request without an id. */
    public static FetchRequest of(long index, String url) {
        return new FetchRequest(index, url, null);
    }
}
