package dev.salvo.internal.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A proxy parsed from its URL: {@code http://}, {@code https://} (TLS to the proxy),
 * {@code socks5://} (Salvo resolves the target's name) or {@code socks5h://} (the proxy does), an
 * optional {@code user:password@} (percent-encoded as in any URL), and a port (default 1080 for
 * SOCKS, 80 for http, 443 for https). Immutable; thread-safe.
 *
 * @param kind     the protocol spoken to the proxy
 * @param host     the proxy's host (an IPv6 literal without brackets)
 * @param port     the proxy's port
 * @param user     the user name, or null
 * @param password the password, or null
 */
public record Proxy(Kind kind, String host, int port, String user, String password) {

    /** How Salvo talks to the proxy. */
    public enum Kind {
        HTTP, HTTPS, SOCKS5, SOCKS5H;

        /** True when the proxy, not Salvo, resolves the target's name. */
        public boolean remoteDns() {
            return this != SOCKS5;
        }
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException with a one-line message naming the value (its password hidden)
     */
    public static Proxy parse(String url) {
        String text = url.strip();
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text); // curl: no scheme means http
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("proxy URL '" + hidePassword(text) + "' is not a valid URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = switch (scheme) {
            case "http" -> Kind.HTTP;
            case "https" -> Kind.HTTPS;
            case "socks5" -> Kind.SOCKS5;
            case "socks5h" -> Kind.SOCKS5H;
            default -> throw new IllegalArgumentException("proxy URL '" + hidePassword(text)
                    + "' has an unsupported scheme; use http://, https://, socks5:// or socks5h://");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("proxy URL '" + hidePassword(text) + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : switch (kind) {
            case HTTP -> 80;
            case HTTPS -> 443;
            case SOCKS5, SOCKS5H -> 1080;
        };
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        return new Proxy(kind, host.toLowerCase(Locale.ROOT), port, user, password);
    }

    /** The proxy as people should see it in messages: scheme, host and port, never the password. */
    public String display() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return kind.name().toLowerCase(Locale.ROOT) + "://" + shownHost + ":" + port;
    }

    @Override
    public String toString() {
        return display() + (user == null ? "" : " (user " + user + ")");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code scheme://user:***@host}: a password never reaches an error message. */
    static String hidePassword(String url) {
        return url.replaceAll("(://[^/@:]*:)[^/@]*@", "$1***@");
    }
}
