package dev.salvo;

/**
 * Why a URL did not end with a 2xx response. The {@link #wireName()} is the stable name written in
 * result records ({@code "error": {"type": ...}}); scripts depend on it.
 */
public enum ErrorType {
    /** Not an absolute http or https URL with a host; no request was sent. */
    INVALID_URL("invalid_url"),
    /**
     * The input item could not be understood (for example a JSON line with a field Salvo does not
     * know); no request was sent. See {@link FetchRequest#invalidInput()}.
     */
    INVALID_INPUT("invalid_input"),
    /** The host name could not be resolved. */
    DNS("dns"),
    /**
     * Every address the host resolved to is denied by {@code --deny} or {@code --deny-private};
     * no connection was made.
     */
    BLOCKED("blocked"),
    /** The TCP connection could not be made (refused, unreachable, connect timeout, proxy failed). */
    CONNECT("connect"),
    /** The TLS handshake failed, for example because the certificate did not verify. */
    TLS("tls"),
    /** The attempt did not finish within its time limit. */
    TIMEOUT("timeout"),
    /** The connection was reset or closed before the response was complete. */
    RESET("reset"),
    /** The server broke the HTTP protocol. */
    PROTOCOL("protocol"),
    /** The final response had a status other than 2xx. */
    HTTP("http"),
    /** The body was larger than the configured cap; the rest was not downloaded. */
    TOO_LARGE("too_large"),
    /** More redirects than allowed, or a redirect without a usable Location. */
    REDIRECTS("redirects"),
    /**
     * The site's robots.txt disallows this URL (or a redirect's target) for Salvo's user agent,
     * or could not be fetched (a 5xx or no answer, which RFC 9309 reads as "disallow all");
     * only with {@link RobotsTxt#OBEY}. No request was sent to that URL.
     */
    ROBOTS("robots"),
    /** The host's circuit breaker was open when the request would have been sent. */
    CIRCUIT_OPEN("circuit_open"),
    /** The run was cancelled through the library API before this URL finished. */
    CANCELLED("cancelled");

    private final String wireName;

    ErrorType(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in result records. */
    public String wireName() {
        return wireName;
    }
}
