package dev.salvo;

import java.time.Instant;

/**
 * One HTTP exchange as it went over the wire, for archiving (WARC): the request and the response
 * exactly as sent and received (status line, headers and body, with any chunked framing and
 * content coding left as they were). Kept only when {@link SalvoConfig#captureExchanges()} is on.
 *
 * <p>Captured on HTTP/1.1 connections (inside TLS, when there is TLS). HTTP/2 exchanges are not
 * captured yet; when they are, the bytes will be the decoded frames rendered as an HTTP/1.1-style
 * message, as warcio and wget record them. Immutable apart from the arrays, which must not be changed.
 *
 * @param targetUri the URI requested in this exchange (a redirect's target for a later hop)
 * @param ipAddress the peer's IP address, or null when not known
 * @param date      when the request was sent
 * @param request   the request bytes
 * @param response  the response bytes as far as they were read
 * @param truncated true when the response was cut short: by the body cap, or by the capture's bound
 */
public record CapturedExchange(String targetUri, String ipAddress, Instant date, byte[] request, byte[] response,
                               boolean truncated) {
}
