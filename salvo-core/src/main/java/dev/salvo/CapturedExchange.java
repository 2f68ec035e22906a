package dev.salvo;

import java.time.Instant;

/**
 * One HTTP exchange as it went over the wire, for archiving (WARC): the request and the response
 * exactly as sent and received (status line, headers and body, with any chunked framing and
 * content coding left as they were). Kept only when {@link SalvoConfig#captureExchanges()} is on.
 *
 * <p>On HTTP/1.1 connections the bytes are those that went over the connection (inside TLS, when
 * there is TLS). HTTP/2 sends no such bytes (its headers are HPACK-coded frames), so an HTTP/2
 * exchange is rendered as an HTTP/1.1-style message, as web archives record HTTP/2: the request
 * line or an {@code HTTP/1.1} status line, the headers as received (lower-case names, no
 * pseudo-headers), then the DATA frames' bytes (content coding kept), with {@code protocol} saying
 * what was really spoken. Immutable apart from the arrays, which must not be changed.
 *
 * @param targetUri the URI requested in this exchange (a redirect's target for a later hop)
 * @param ipAddress the peer's IP address, or null when not known
 * @param date      when the request was sent
 * @param request   the request bytes
 * @param response  the response bytes as far as they were read
 * @param truncated true when the response was cut short: by the body cap, or by the capture's bound
 * @param protocol  the protocol the exchange really used when the bytes are a rendering of it
 *                  ({@code "h2"}, or {@code "h2c"} without TLS), or null for HTTP/1.1 bytes as sent
 */
public record CapturedExchange(String targetUri, String ipAddress, Instant date, byte[] request, byte[] response,
                               boolean truncated, String protocol) {

    /** An HTTP/1.1 exchange, its bytes as they went over the connection. */
    public CapturedExchange(String targetUri, String ipAddress, Instant date, byte[] request, byte[] response,
                            boolean truncated) {
        this(targetUri, ipAddress, date, request, response, truncated, null);
    }
}
