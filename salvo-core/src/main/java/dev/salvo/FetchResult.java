package dev.salvo;

import java.util.List;
import java.util.Map;

/**
 * What became of one {@link FetchRequest}. Every request yields exactly one result, whatever
 * happened: failures are values here, not exceptions.
 *
 * @param index       the request's index
 * @param url         the request's URL as given
 * @param id          the request's id, or null
 * @param status      the final HTTP status, or null when no response was received
 * @param attempts    how many attempts were sent (0 when none was, e.g. an invalid URL)
 * @param elapsedNanos time from the first attempt's start to the result (0 when none was sent)
 * @param bytes       body bytes received in the final attempt
 * @param sha256      lower-case hex SHA-256 of the final body, or null when there was none
 * @param contentType the final response's Content-Type, or null
 * @param finalUrl    the URL that produced the final response (differs from url after redirects),
 *                    or null when no response was received
 * @param error       null on success (a 2xx final response), otherwise why it failed
 * @param body        the final body when the configuration asks to keep bodies, otherwise null
 * @param wireBytes   body bytes as they came over the network: less than {@code bytes} when a
 *                    compressed body was decoded ({@link SalvoConfig#compressed()}), else equal
 * @param headers     the final response's headers, names in lower case, values in the order
 *                    received, when the configuration asks to keep them
 *                    ({@link SalvoConfig#keepHeaders()}); otherwise null
 * @param redirects   the redirects followed on the way to the final response, in order: each the
 *                    URL that answered with a redirect and its status; empty when none was
 * @param timings     where the final response's time went, or null when none was received
 */
public record FetchResult(
        long index,
        String url,
        String id,
        Integer status,
        int attempts,
        long elapsedNanos,
        long bytes,
        String sha256,
        String contentType,
        String finalUrl,
        FetchError error,
        byte[] body,
        long wireBytes,
        Map<String, List<String>> headers,
        List<Redirect> redirects,
        Timings timings) {

    /** One redirect followed: {@code url} answered with {@code status} and a Location. */
    public record Redirect(String url, int status) {
    }

    /**
     * Where the final hop's time went, as curl's {@code -w} reports it. Phases of making a
     * connection are 0 when the request went on a connection that was already open.
     *
     * @param dnsNanos     looking up the host's addresses (0 for an IP address)
     * @param connectNanos making the TCP connection (all addresses tried included)
     * @param tlsNanos     the TLS handshake (0 for http)
     * @param ttfbNanos    from the request being handed to the transport to the response's first
     *                     byte, connecting included
     * @param remoteIp     the address the response came from, or null when unknown
     */
    public record Timings(long dnsNanos, long connectNanos, long tlsNanos, long ttfbNanos, String remoteIp) {
    }

    public FetchResult {
        redirects = redirects == null ? List.of() : List.copyOf(redirects);
    }

    /** A result without decoding, headers or redirects: {@code wireBytes} is {@code bytes}. */
    public FetchResult(long index, String url, String id, Integer status, int attempts, long elapsedNanos,
                       long bytes, String sha256, String contentType, String finalUrl, FetchError error,
                       byte[] body) {
        this(index, url, id, status, attempts, elapsedNanos, bytes, sha256, contentType, finalUrl, error, body,
                bytes, null, List.of(), null);
    }

    /** True when the final response had a 2xx status. */
    public boolean ok() {
        return error == null && status != null && status >= 200 && status < 300;
    }

    /** Elapsed time in whole milliseconds. */
    public long elapsedMillis() {
        return elapsedNanos / 1_000_000L;
    }

    /** A result for a request that ended without any response. */
    public static FetchResult failed(FetchRequest request, int attempts, long elapsedNanos, FetchError error) {
        return new FetchResult(request.index(), request.url(), request.id(), null, attempts, elapsedNanos,
                0, null, null, null, error, null);
    }
}
