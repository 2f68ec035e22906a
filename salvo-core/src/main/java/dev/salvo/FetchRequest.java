package dev.salvo;

import dev.salvo.SalvoConfig.Header;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One URL to fetch, and optionally how: its own method, headers and body. What a request does
 * not say comes from the {@link SalvoConfig}: its method, and its headers, over which a request's
 * header of the same name (case-insensitively) replaces every config value of that name.
 *
 * <pre>{@code
 * FetchRequest post = FetchRequest.builder(7, "https://api.example.com/search")
 *         .method("POST")
 *         .header("Content-Type", "application/json")
 *         .body("{\"q\": \"salvo\"}")
 *         .param("page", "2")                  // -> https://api.example.com/search?page=2
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link Builder} is not thread-safe.
 */
public final class FetchRequest {

    private final long index;
    private final String url;
    private final String id;
    private final String method;
    private final List<Header> headers;
    private final byte[] body;
    private final String invalidInput;

    /**
     * A GET (or the config's method) of {@code url}.
     *
     * @param index the position of this request in its input (0-based); results carry it back, and
     *              ordered delivery uses it, so indexes in one run must be distinct and ascending
     * @param url   the URL exactly as given (validated by the engine, not here: an invalid URL becomes
     *              a result with {@link ErrorType#INVALID_URL}, never an exception)
     * @param id    an opaque caller identifier passed through to the result, or null
     */
    public FetchRequest(long index, String url, String id) {
        this(index, url, id, null, List.of(), null, null);
    }

    private FetchRequest(long index, String url, String id, String method, List<Header> headers, byte[] body,
                         String invalidInput) {
        Objects.requireNonNull(url, "url");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        this.index = index;
        this.url = url;
        this.id = id;
        this.method = method;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.invalidInput = invalidInput;
    }

    /** A request without an id. */
    public static FetchRequest of(long index, String url) {
        return new FetchRequest(index, url, null);
    }

    /** A builder for a request of {@code url} at position {@code index}. */
    public static Builder builder(long index, String url) {
        return new Builder(index, url);
    }

    public long index() {
        return index;
    }

    /** The URL to fetch, with any {@link Builder#param query parameters} appended. */
    public String url() {
        return url;
    }

    /** The caller's identifier, or null. */
    public String id() {
        return id;
    }

    /** This request's method (upper case), or null to use the config's. */
    public String method() {
        return method;
    }

    /** This request's own headers, in order; they replace the config's headers of the same names. */
    public List<Header> headers() {
        return headers;
    }

    /** A copy of the body to send, or null for none. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** The body's length in bytes, 0 when there is none. */
    public int bodyLength() {
        return body == null ? 0 : body.length;
    }

    /**
     * Why the input this request came from could not be understood, or null. Such a request is
     * never sent: its result has error type {@link ErrorType#INVALID_INPUT} with this message.
     */
    public String invalidInput() {
        return invalidInput;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FetchRequest that && index == that.index && url.equals(that.url)
                && Objects.equals(id, that.id) && Objects.equals(method, that.method)
                && headers.equals(that.headers) && Arrays.equals(body, that.body)
                && Objects.equals(invalidInput, that.invalidInput);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, url, id, method, headers, Arrays.hashCode(body), invalidInput);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FetchRequest[index=").append(index).append(", url=").append(url)
                .append(", id=").append(id);
        if (method != null) {
            text.append(", method=").append(method);
        }
        if (!headers.isEmpty()) {
            text.append(", headers=").append(headers);
        }
        if (body != null) {
            text.append(", body=").append(body.length).append(" bytes");
        }
        if (invalidInput != null) {
            text.append(", invalidInput=").append(invalidInput);
        }
        return text.append(']').toString();
    }

    /** Collects a request's parts; {@link #build()} validates and copies them. Not thread-safe. */
    public static final class Builder {
        private final long index;
        private final String url;
        private String id;
        private String method;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body;
        private final StringBuilder params = new StringBuilder();
        private String invalidInput;

        private Builder(long index, String url) {
            this.index = index;
            this.url = Objects.requireNonNull(url, "url");
        }

        /** An opaque identifier passed through to the result. */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /** The HTTP method (letters only; upper-cased), instead of the config's. */
        public Builder method(String value) {
            String upper = Objects.requireNonNull(value, "method").toUpperCase(Locale.ROOT);
            if (upper.isEmpty() || !upper.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("method must be letters only, was '" + value + "'");
            }
            method = upper;
            return this;
        }

        /**
         * Adds a header; repeat a name to send several values. Every config header of that name
         * is left out of this request.
         */
        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        /** The body to send (copied), with a Content-Length. */
        public Builder body(byte[] value) {
            body = value == null ? null : value.clone();
            return this;
        }

        /** The body to send, as UTF-8 text. */
        public Builder body(String text) {
            body = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Appends {@code name=value} to the URL's query, form-encoded (UTF-8; a space becomes
         * {@code +}), after any query the URL has, in the order given.
         */
        public Builder param(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!params.isEmpty()) {
                params.append('&');
            }
            params.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        /**
         * Marks the request as one whose input could not be understood, saying why: it is never
         * sent, and its result has error type {@link ErrorType#INVALID_INPUT}. Lets a reader of
         * input keep its promise of one result per input item.
         */
        public Builder invalidInput(String reason) {
            invalidInput = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public FetchRequest build() {
            return new FetchRequest(index, withParams(url, params), id, method, headers, body, invalidInput);
        }

        /** {@code url} with {@code params} added to its query, before any fragment. */
        private static String withParams(String url, CharSequence params) {
            if (params.isEmpty()) {
                return url;
            }
            int hash = url.indexOf('#');
            String beforeFragment = hash < 0 ? url : url.substring(0, hash);
            String fragment = hash < 0 ? "" : url.substring(hash);
            int question = beforeFragment.indexOf('?');
            String separator = question < 0 ? "?"
                    : beforeFragment.endsWith("?") || beforeFragment.endsWith("&") ? "" : "&";
            return beforeFragment + separator + params + fragment;
        }
    }
}
