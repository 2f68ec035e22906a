package dev.salvo.internal.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A URL that passed validation: absolute, http or https, with a host. Immutable; thread-safe.
 *
 * @param uri     the parsed URL
 * @param hostKey the scheduling key: lower-case host and effective port ("example.com:443"); the
 *                connection pool is kept per host and port too, so both agree on what a host is
 */
public record Target(URI uri, String hostKey) {

    /** Why a URL was refused; the message is one line naming the problem. */
    public static final class InvalidUrlException extends Exception {
        public InvalidUrlException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses and checks {@code url}. */
    public static Target parse(String url) throws InvalidUrlException {
        String trimmed = url.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidUrlException("empty URL");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidUrlException("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        return of(uri);
    }

    /** Checks an already parsed URI (used for redirect targets). */
    public static Target of(URI uri) throws InvalidUrlException {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new InvalidUrlException("not an absolute URL (no http:// or https://)");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException("unsupported scheme '" + scheme + "' (only http and https)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidUrlException("URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in URLs leak into logs and redirects; ask for a header instead.
            throw new InvalidUrlException("credentials in the URL are not supported; use -H 'Authorization: ...'");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (port < 1 || port > 65535) {
            // java.net.URI accepts any number; the transport throws on one it cannot connect to.
            throw new InvalidUrlException("port " + port + " is out of range (1-65535)");
        }
        return new Target(uri, host.toLowerCase(Locale.ROOT) + ":" + port);
    }

    /** The port, explicit or the scheme's default. */
    public int port() {
        int port = uri.getPort();
        return port != -1 ? port : secure() ? 443 : 80;
    }

    /** The host to connect to: an IPv6 literal without its brackets. */
    public String connectHost() {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The request target sent on the request line: raw path (at least "/") and query. */
    public String pathAndQuery() {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        String base = path == null || path.isEmpty() ? "/" : path;
        return query == null ? base : base + "?" + query;
    }

    /** True for https. */
    public boolean secure() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** Resolves a Location header against this URL. */
    public Target resolve(String location) throws InvalidUrlException {
        URI next;
        try {
            next = uri.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidUrlException("redirect to an invalid Location '" + location + "'");
        }
        return of(next);
    }
}
