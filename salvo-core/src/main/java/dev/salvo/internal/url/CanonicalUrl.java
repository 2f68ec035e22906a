package dev.salvo.internal.url;

/**
 * The fast path of {@link Target#parse}: recognises a URL that is already in the normal form that
 * OkHttp's {@code HttpUrl} would give it, so that it need not be parsed. Most input lines are
 * such URLs ({@code https://www.example.com/a/b?c=d}), and {@code HttpUrl} spends most of its
 * time on the host: it maps every host name through the UTS #46 table, normalises it (NFC) twice
 * and runs Punycode over it, even when it is plain lower-case ASCII.
 *
 * <p>{@link #read} accepts only what it can prove {@code HttpUrl} leaves unchanged, and answers
 * null for everything else, which then takes the full parse. What it accepts:
 * <ul>
 *   <li>{@code http://} or {@code https://}, in lower case, then the host at once (two slashes);</li>
 *   <li>a host of lower-case letters, digits, {@code -} and {@code _} in dot-separated labels of 1 to
 *       63 characters (253 in all), none starting with {@code xn--} (Punycode, which must be
 *       checked) and the last not starting with a digit, or else a dotted-quad IPv4 address in
 *       its normal form ({@code 127.0.0.1}: four numbers of 0 to 255 without leading zeros);</li>
 *   <li>no user info, no IPv6 literal, no percent-encoding in the host, no trailing dot;</li>
 *   <li>a port of 1 to 65535 without leading zeros that is not the scheme's default;</li>
 *   <li>a path that starts with {@code /}, or none (then {@code /} is inserted), with no
 *       {@code .} or {@code ..} segment and no {@code %2e}, and a query, of printable ASCII
 *       characters that need no percent-encoding, a {@code %} being followed by two hex digits;</li>
 *   <li>no fragment.</li>
 * </ul>
 * {@code CanonicalUrlTest} checks on a generated corpus that both paths agree on every accessor of
 * {@link Target}. Thread-safe (stateless).
 */
final class CanonicalUrl {

    /**
     * A URL in normal form and where its parts are.
     *
     * @param url       the URL in normal form (the input, with a "/" inserted when it had no path)
     * @param pathStart where the path starts in {@code url}; the rest of {@code url} is the path and query
     */
    record Parts(String url, boolean secure, String host, int port, int pathStart) {
    }

    private static final int MAX_LABEL = 63;
    private static final int MAX_HOST = 253;

    private CanonicalUrl() {
    }

    /** The parts of {@code input} when it is a URL in normal form that this recognises, else null. */
    static Parts read(String input) {
        boolean secure;
        int hostStart;
        if (input.startsWith("https://")) {
            secure = true;
            hostStart = 8;
        } else if (input.startsWith("http://")) {
            secure = false;
            hostStart = 7;
        } else {
            return null;
        }
        int hostEnd = hostEnd(input, hostStart);
        if (hostEnd < 0) {
            return null;
        }
        int length = input.length();
        int defaultPort = secure ? 443 : 80;
        int port = defaultPort;
        int pos = hostEnd;
        if (pos < length && input.charAt(pos) == ':') {
            int portEnd = pos + 1;
            while (portEnd < length && isDigit(input.charAt(portEnd))) {
                portEnd++;
            }
            port = port(input, pos + 1, portEnd);
            if (port < 0 || port == defaultPort) {
                return null; // a default port is dropped in the normal form
            }
            pos = portEnd;
        }
        String host = input.substring(hostStart, hostEnd);
        if (pos == length || input.charAt(pos) == '?') {
            // No path: the normal form has "/".
            if (!validQuery(input, pos)) {
                return null;
            }
            String url = input.substring(0, pos) + "/" + input.substring(pos);
            return new Parts(url, secure, host, port, pos);
        }
        if (input.charAt(pos) != '/') {
            return null;
        }
        int queryStart = pathEnd(input, pos);
        if (queryStart < 0 || !validQuery(input, queryStart)) {
            return null;
        }
        return new Parts(input, secure, host, port, pos);
    }

    /** Where the host that starts at {@code start} ends, or -1 when it is not one this accepts. */
    private static int hostEnd(String input, int start) {
        int length = input.length();
        int labelStart = start;
        int pos = start;
        boolean lastStartsWithDigit = false;
        while (true) {
            char c = pos < length ? input.charAt(pos) : '/';
            if (isLowerLetter(c) || isDigit(c) || c == '-' || c == '_') {
                if (pos == labelStart) {
                    if (input.startsWith("xn--", pos)) {
                        return -1; // Punycode: must be decoded and checked
                    }
                    lastStartsWithDigit = isDigit(c);
                }
                pos++;
                continue;
            }
            int label = pos - labelStart;
            if (label < 1 || label > MAX_LABEL) {
                return -1; // also an empty label, so no trailing dot
            }
            if (c != '.') {
                break;
            }
            labelStart = ++pos;
        }
        if (pos - start > MAX_HOST) {
            return -1;
        }
        if (lastStartsWithDigit && !isDottedQuad(input, start, pos)) {
            return -1; // a host that ends in a number is read as an IPv4 address
        }
        return pos;
    }

    /** Four numbers 0-255 without leading zeros, separated by dots. */
    private static boolean isDottedQuad(String input, int start, int end) {
        int parts = 0;
        int pos = start;
        while (pos <= end) {
            int partEnd = pos;
            while (partEnd < end && isDigit(input.charAt(partEnd))) {
                partEnd++;
            }
            int digits = partEnd - pos;
            if (digits < 1 || digits > 3 || (digits > 1 && input.charAt(pos) == '0')
                    || Integer.parseInt(input, pos, partEnd, 10) > 255) {
                return false;
            }
            parts++;
            if (partEnd == end) {
                break;
            }
            if (input.charAt(partEnd) != '.') {
                return false;
            }
            pos = partEnd + 1;
        }
        return parts == 4;
    }

    /** The port in {@code input[start, end)}, or -1 unless it is 1-65535 without leading zeros. */
    private static int port(String input, int start, int end) {
        int digits = end - start;
        if (digits < 1 || digits > 5 || input.charAt(start) == '0') {
            return -1;
        }
        int port = Integer.parseInt(input, start, end, 10);
        return port <= 65535 ? port : -1;
    }

    /**
     * Where the path that starts at {@code start} (with "/") ends, or -1 when a character would be
     * percent-encoded, or a segment is a dot segment that would be removed.
     */
    private static int pathEnd(String input, int start) {
        int length = input.length();
        int segmentStart = start + 1;
        for (int pos = start + 1; ; pos++) {
            char c = pos < length ? input.charAt(pos) : '?';
            if (c == '/' || c == '?') {
                int segment = pos - segmentStart;
                if ((segment == 1 || segment == 2) && input.charAt(segmentStart) == '.'
                        && input.charAt(pos - 1) == '.') {
                    return -1; // "." or ".."
                }
                if (c == '?') {
                    return pos;
                }
                segmentStart = pos + 1;
            } else if (c == '%') {
                if (!isEscape(input, pos) || (input.charAt(pos + 1) == '2'
                        && (input.charAt(pos + 2) == 'e' || input.charAt(pos + 2) == 'E'))) {
                    return -1; // a bare "%" is encoded; "%2e" may make a dot segment
                }
            } else if (c < 0x21 || c > 0x7e || "\"<>\\^`{}|#".indexOf(c) >= 0) {
                return -1;
            }
        }
    }

    /** True when the query at {@code start} ("?..." or nothing) needs no percent-encoding and has no fragment. */
    private static boolean validQuery(String input, int start) {
        int length = input.length();
        for (int pos = start + 1; pos < length; pos++) {
            char c = input.charAt(pos);
            if (c == '%') {
                if (!isEscape(input, pos)) {
                    return false;
                }
            } else if (c < 0x21 || c > 0x7e || "\"'<>\\^`{}|#".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A "%" at {@code pos} followed by two hex digits. */
    private static boolean isEscape(String input, int pos) {
        return pos + 2 < input.length() && isHex(input.charAt(pos + 1)) && isHex(input.charAt(pos + 2));
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
