package dev.salvo.internal.url;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * A URL that passed validation: absolute, http or https, with a host and no credentials.
 * Immutable; thread-safe.
 *
 * <p>URLs are read as browsers and curl read them, by the WHATWG URL Standard, whose relative
 * resolution is RFC 3986's (section 5.2) where the two agree: surrounding control characters and
 * spaces are dropped and tabs and line breaks removed; a backslash counts as a slash; spaces,
 * quotes and non-ASCII characters in the path and query are percent-encoded (as UTF-8); host
 * names may hold underscores, and internationalised ones are sent as punycode, mapped by UTS #46
 * without transitional processing (so {@code faß.de} is {@code xn--fa-hia.de}, as in browsers,
 * not {@code fass.de}); a default port is dropped. The parsing itself is OkHttp's
 * {@link HttpUrl}, which implements that standard for http and https; a URL already in that
 * standard's normal form, as most are, is taken as it is ({@link CanonicalUrl}).
 */
public final class Target {

    /** The URL in its normal form (the WHATWG serialisation), as {@link HttpUrl#toString()} gives it. */
    private final String url;
    private final boolean secure;
    /** As {@link HttpUrl#host()}: IPv6 without brackets. */
    private final String host;
    private final int port;
    private final String hostKey;
    private final String hostHeader;
    private final String pathAndQuery;
    /**
     * The parsed form, made on first use by {@link #resolve} when the fast path left it out. Set
     * without a lock: racing threads each make an equal one, and an {@link HttpUrl} is immutable
     * (final fields), so a reader sees either null or a whole one.
     */
    private HttpUrl parsed;

    private Target(HttpUrl parsed) {
        this(parsed.toString(), parsed.isHttps(), parsed.host(), parsed.port(), pathAndQuery(parsed), parsed);
    }

    private Target(CanonicalUrl.Parts parts) {
        this(parts.url(), parts.secure(), parts.host(), parts.port(), parts.url().substring(parts.pathStart()), null);
    }

    private Target(String url, boolean secure, String host, int port, String pathAndQuery, HttpUrl parsed) {
        this.url = url;
        this.secure = secure;
        this.host = host;
        this.port = port;
        String forHeader = hostForHeader(host);
        this.hostKey = forHeader + ":" + port;
        // The Host header is the host key without a default port: made here, once, not per request.
        this.hostHeader = port == (secure ? 443 : 80) ? forHeader : hostKey;
        this.pathAndQuery = pathAndQuery;
        this.parsed = parsed;
    }

    /** Why a URL was refused; the message is one line naming the problem. */
    public static final class InvalidUrlException extends Exception {
        public InvalidUrlException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses and checks {@code url}, an absolute URL. */
    public static Target parse(String url) throws InvalidUrlException {
        String input = clean(url);
        // Most URLs are already in normal form: taking them as they are saves parsing them.
        CanonicalUrl.Parts parts = CanonicalUrl.read(input);
        return parts != null ? new Target(parts) : parseFully(input);
    }

    /** {@link #parse} without the fast path: what it must agree with (package-private for its test). */
    static Target parseFully(String input) throws InvalidUrlException {
        if (input.isEmpty()) {
            throw new InvalidUrlException("empty URL");
        }
        String scheme = scheme(input);
        if (scheme == null) {
            throw new InvalidUrlException("not an absolute URL (no http:// or https://)");
        }
        checkScheme(scheme);
        HttpUrl parsed;
        try {
            parsed = HttpUrl.get(input);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException(reason(e));
        }
        return of(parsed);
    }

    /**
     * Resolves a Location header against this URL. A header that arrived as raw UTF-8 bytes (read
     * one byte per character, as HTTP header decoders do) is decoded as UTF-8 first, as browsers do.
     */
    public Target resolve(String location) throws InvalidUrlException {
        String input = clean(utf8IfBytes(location));
        String scheme = scheme(input);
        if (scheme != null) {
            try {
                checkScheme(scheme);
            } catch (InvalidUrlException e) {
                throw new InvalidUrlException("redirect to " + e.getMessage());
            }
        }
        HttpUrl.Builder next = httpUrl().newBuilder(input);
        if (next == null) {
            throw new InvalidUrlException("redirect to an invalid Location '" + location.strip() + "'");
        }
        HttpUrl resolved;
        try {
            resolved = next.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException("redirect to an invalid Location '" + location.strip() + "'");
        }
        try {
            return of(resolved);
        } catch (InvalidUrlException e) {
            throw new InvalidUrlException("redirect to a Location with " + e.getMessage());
        }
    }

    private static Target of(HttpUrl url) throws InvalidUrlException {
        if (!url.encodedUsername().isEmpty() || !url.encodedPassword().isEmpty()) {
            // Credentials in URLs leak into logs and redirects; ask for a header instead.
            throw new InvalidUrlException("credentials in the URL are not supported; use -H 'Authorization: ...'");
        }
        return new Target(url);
    }

    private HttpUrl httpUrl() {
        HttpUrl result = parsed;
        if (result == null) {
            // The fast path took this URL as it was, so parsing it gives the same URL back.
            result = HttpUrl.get(url);
            parsed = result;
        }
        return result;
    }

    /** The URL as text, in its normal form (the WHATWG serialisation). */
    public String url() {
        return url;
    }

    /**
     * The scheduling key: host in its ASCII form (an IPv6 literal in brackets) and effective port,
     * e.g. "example.com:443" or "[::1]:8080". The connection pool is kept per host and port too,
     * so both agree on what a host is.
     */
    public String hostKey() {
        return hostKey;
    }

    /** The port, explicit or the scheme's default. */
    public int port() {
        return port;
    }

    /** The host to connect to: a lower-case ASCII name, or an IP address (IPv6 without brackets). */
    public String connectHost() {
        return host;
    }

    /** The Host header: the host (IPv6 in brackets), with the port unless it is the scheme's default. */
    public String hostHeader() {
        return hostHeader;
    }

    /** The request target sent on the request line: the encoded path (at least "/") and query. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /** True for https. */
    public boolean secure() {
        return secure;
    }

    /** Equal when the normal forms are equal, as for {@link HttpUrl}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Target that && url.equals(that.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    /** The URL as text, as {@link #url()}. */
    @Override
    public String toString() {
        return url;
    }

    private static String hostForHeader(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static String pathAndQuery(HttpUrl url) {
        String query = url.encodedQuery();
        return query == null ? url.encodedPath() : url.encodedPath() + "?" + query;
    }

    /**
     * The WHATWG URL parser's first steps: drop leading and trailing C0 controls and spaces, and
     * remove every tab and line break (a URL wrapped across lines in a page still works).
     */
    static String clean(String input) {
        Objects.requireNonNull(input, "url");
        int start = 0;
        int end = input.length();
        while (start < end && input.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && input.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder out = null;
        for (int i = start; i < end; i++) {
            char c = input.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (out == null) {
                    out = new StringBuilder(end - start).append(input, start, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out != null ? out.toString() : input.substring(start, end);
    }

    /** The scheme of an absolute URL (RFC 3986 3.1: a letter, then letters, digits, "+-."), lower case; else null. */
    private static String scheme(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ':') {
                return i == 0 ? null : input.substring(0, i).toLowerCase(Locale.ROOT);
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!letter && !(i > 0 && other)) {
                return null;
            }
        }
        return null;
    }

    private static void checkScheme(String scheme) throws InvalidUrlException {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException("unsupported scheme '" + scheme + "' (only http and https)");
        }
    }

    /** One line from OkHttp's reason, which names the part that is wrong and quotes it. */
    private static String reason(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Invalid URL port: ")) {
            return "port " + message.substring("Invalid URL port: ".length()).replace("\"", "")
                    + " is out of range (1-65535)";
        }
        if (message.equals("Invalid URL host: \"\"")) {
            return "URL has no host";
        }
        if (message.startsWith("Invalid URL host: ")) {
            return "invalid host " + message.substring("Invalid URL host: ".length());
        }
        return "not a valid URL: " + message;
    }

    /**
     * HTTP decoders read header bytes one per character (ISO-8859-1). A Location that a server
     * sent as raw UTF-8 then shows as pairs of such characters; browsers decode it as UTF-8, so
     * this does too. Anything that is not valid UTF-8 is left as it was.
     */
    static String utf8IfBytes(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }
}
