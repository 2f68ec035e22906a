package dev.salvo;

/**
 * Whether a run reads and obeys each site's robots.txt (RFC 9309). The default is
 * {@link #IGNORE}, as curl and wget do for a list of URLs someone chose to fetch. Set it with
 * {@link SalvoConfig.Builder#robots}. Immutable; thread-safe.
 */
public enum RobotsTxt {
    /**
     * Fetch each origin's {@code /robots.txt} once (cached for the run, at most 24 hours) before
     * its first request, and match it for the User-Agent's product token: a disallowed URL ends
     * with {@link ErrorType#ROBOTS} and no request, and a {@code Crawl-delay} becomes the least
     * time between two requests to that origin.
     */
    OBEY,
    /** Fetch what is asked, without reading robots.txt. */
    IGNORE
}
