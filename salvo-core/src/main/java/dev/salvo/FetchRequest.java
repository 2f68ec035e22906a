package dev.salvo;

import java.util.Objects;

/**
 * One URL to fetch.
 *
 * @param index the position of this request in its input (0-based); results carry it back, and
 *              ordered delivery uses it, so indexes in one run must be distinct and ascending
 * @param url   the URL exactly as given (validated by the engine, not here: an invalid URL becomes
 *              a result with {@link ErrorType#INVALID_URL}, never an exception)
 * @param id    an opaque caller identifier passed through to the result, or null
 */
public record FetchRequest(long index, String url, String id) {
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    /** A request without an id. */
    public static FetchRequest of(long index, String url) {
        return new FetchRequest(index, url, null);
    }
}
