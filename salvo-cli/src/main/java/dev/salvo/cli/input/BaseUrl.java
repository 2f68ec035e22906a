package dev.salvo.cli.input;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A base URL that input lines written as relative references are resolved against, by the
 * algorithm of RFC 3986 section 5.2 (which {@link java.net.URI#resolve} predates: it follows RFC
 * 2396 and, for one, loses the base's query for a reference of only a fragment, or glues a
 * relative path onto a base with an empty path without a slash). Immutable; thread-safe.
 */
public final class BaseUrl {

    /** RFC 3986 appendix B: scheme, authority, path, query, fragment of any URI reference. */
    private static final Pattern PARTS = Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final String scheme;
    private final String authority;
    private final String path;
    private final String query;

    private BaseUrl(String scheme, String authority, String path, String query) {
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
        this.query = query;
    }

    /**
     * Parses an absolute http or https URL with a host.
     *
     * @throws IllegalArgumentException (one line) when it is not one
     */
    public static BaseUrl parse(String url) {
        Matcher m = PARTS.matcher(url.strip());
        if (!m.matches() || m.group(1) == null || m.group(2) == null || m.group(2).isEmpty()
                || !(m.group(1).equalsIgnoreCase("http") || m.group(1).equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute http:// or https:// URL with a host");
        }
        return new BaseUrl(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /** Whether {@code reference} has a scheme (so is resolved to itself). */
    public static boolean isAbsolute(String reference) {
        return SCHEME.matcher(reference).find();
    }

    /** {@code reference} resolved against this base (RFC 3986 5.2.2); an absolute URL comes back as given. */
    public String resolve(String reference) {
        if (isAbsolute(reference)) {
            return reference;
        }
        Matcher r = PARTS.matcher(reference);
        if (!r.matches()) {
            return reference; // cannot happen: the pattern matches every string
        }
        String refAuthority = r.group(2);
        String refPath = r.group(3);
        String refQuery = r.group(4);
        String refFragment = r.group(5);
        String targetAuthority;
        String targetPath;
        String targetQuery;
        if (refAuthority != null) {
            targetAuthority = refAuthority;
            targetPath = removeDotSegments(refPath);
            targetQuery = refQuery;
        } else {
            targetAuthority = authority;
            if (refPath.isEmpty()) {
                targetPath = path;
                targetQuery = refQuery != null ? refQuery : query;
            } else {
                targetPath = removeDotSegments(refPath.startsWith("/") ? refPath : merge(refPath));
                targetQuery = refQuery;
            }
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(targetAuthority).append(targetPath);
        if (targetQuery != null) {
            out.append('?').append(targetQuery);
        }
        if (refFragment != null) {
            out.append('#').append(refFragment);
        }
        return out.toString();
    }

    /** RFC 3986 5.2.3. */
    private String merge(String refPath) {
        if (path.isEmpty()) {
            return "/" + refPath;
        }
        return path.substring(0, path.lastIndexOf('/') + 1) + refPath;
    }

    /** RFC 3986 5.2.4. */
    static String removeDotSegments(String input) {
        StringBuilder in = new StringBuilder(input);
        StringBuilder out = new StringBuilder();
        while (!in.isEmpty()) {
            if (startsWith(in, "../")) {
                in.delete(0, 3);
            } else if (startsWith(in, "./")) {
                in.delete(0, 2);
            } else if (startsWith(in, "/./")) {
                in.delete(0, 2);
            } else if (in.toString().equals("/.")) {
                in.replace(0, 2, "/");
            } else if (startsWith(in, "/../")) {
                in.delete(0, 3);
                removeLastSegment(out);
            } else if (in.toString().equals("/..")) {
                in.replace(0, 3, "/");
                removeLastSegment(out);
            } else if (in.toString().equals(".") || in.toString().equals("..")) {
                in.setLength(0);
            } else {
                int next = in.indexOf("/", in.charAt(0) == '/' ? 1 : 0);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in.delete(0, end);
            }
        }
        return out.toString();
    }

    private static boolean startsWith(StringBuilder text, String prefix) {
        return text.length() >= prefix.length() && text.substring(0, prefix.length()).equals(prefix);
    }

    private static void removeLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    @Override
    public String toString() {
        return scheme + "://" + authority + path + (query == null ? "" : "?" + query);
    }
}
