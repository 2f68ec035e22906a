package dev.salvo.internal.transport;

import dev.salvo.CapturedExchange;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One HTTP/2 exchange rendered for a WARC archive. HTTP/2 has no bytes an HTTP/1.1 reader could
 * parse (HPACK-coded header frames, DATA frames), so this follows what web archiving tools do:
 * the request and response are written as HTTP/1.1 messages, with the protocol really spoken
 * recorded beside them ({@code WARC-Protocol: h2}).
 *
 * <p>What was followed: the HTTP/1.1 rendering proposed by Ilya Kreymer in
 * iipc/warc-specifications#15 and written up in #41; the {@code WARC-Protocol} field proposal,
 * iipc/warc-specifications#42 (values {@code h2} and {@code h2c}); and the practice of Common
 * Crawl's Nutch (commoncrawl/nutch#30) and StormCrawler (apache/stormcrawler#828, #2034), whose
 * WARC writers put {@code HTTP/1.1} in the status line of an HTTP/2 response, for the readers that
 * reject {@code HTTP/2}, with an empty reason phrase (HTTP/2 sends none, and inventing one would
 * record what the server never said). So:
 * <ul>
 *   <li>request: {@code METHOD path HTTP/1.1}, {@code host: <:authority>}, then the request's
 *       headers as sent (lower-case names, pseudo-headers left out), a blank line, the body;</li>
 *   <li>response: {@code HTTP/1.1 <status> }, the final response's headers as received, a blank
 *       line, then the DATA frames' payload: framing removed, content coding kept, as the WARC
 *       response block holds the body as received on HTTP/1.1 too. Interim (1xx) responses and
 *       trailers are not recorded: HTTP/1.1 without chunked framing has no place for them.</li>
 * </ul>
 * Header values are written as the bytes Netty holds them in (one byte a character), which are
 * the bytes HPACK carried. Each direction is bounded like {@link RawCapture}: past {@code limit}
 * bytes the rest is not kept and the capture is marked truncated.
 *
 * <p>Not thread-safe: one per exchange, on its event loop.
 */
final class Http2Capture {

    private final long limit;
    private final String protocol;
    private final String ip;
    private final Instant date = Instant.now();
    private final ByteArrayOutputStream request = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
    private boolean truncated;

    /**
     * Starts capturing with the request as sent.
     *
     * @param secure true for h2 (over TLS), false for h2c (cleartext, prior knowledge)
     * @param ip     the server's IP address, or null
     */
    Http2Capture(long limit, boolean secure, String ip, Http2Headers sent, byte[] body) {
        this.limit = limit;
        this.protocol = secure ? "h2" : "h2c";
        this.ip = ip;
        StringBuilder head = new StringBuilder(256)
                .append(sent.method()).append(' ').append(sent.path()).append(" HTTP/1.1\r\n")
                .append("host: ").append(sent.authority()).append("\r\n");
        appendFields(head, sent);
        copy(head.append("\r\n"), request);
        if (body != null) {
            copy(body, 0, body.length, request);
        }
    }

    /** The final response's status and headers. */
    void responseHeaders(int status, Http2Headers headers) {
        StringBuilder head = new StringBuilder(512).append("HTTP/1.1 ").append(status).append(" \r\n");
        appendFields(head, headers);
        copy(head.append("\r\n"), response);
    }

    /** A DATA frame's payload, as received; its indexes are not moved. */
    void data(ByteBuf payload) {
        int room = room(response);
        int n = Math.min(room, payload.readableBytes());
        if (n < payload.readableBytes()) {
            truncated = true;
        }
        if (n > 0) {
            byte[] bytes = new byte[n];
            payload.getBytes(payload.readerIndex(), bytes);
            response.writeBytes(bytes);
        }
    }

    /**
     * The exchange captured so far.
     *
     * @param cut true when the response was ended early (e.g. by the body cap)
     */
    CapturedExchange take(String targetUri, boolean cut) {
        return new CapturedExchange(targetUri, ip, date, request.toByteArray(), response.toByteArray(),
                truncated || cut, protocol);
    }

    private static void appendFields(StringBuilder head, Http2Headers headers) {
        for (Map.Entry<CharSequence, CharSequence> field : headers) {
            CharSequence name = field.getKey();
            if (name.length() > 0 && name.charAt(0) != ':') {
                head.append(name).append(": ").append(field.getValue()).append("\r\n");
            }
        }
    }

    private void copy(CharSequence text, ByteArrayOutputStream into) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        copy(bytes, 0, bytes.length, into);
    }

    private void copy(byte[] bytes, int offset, int length, ByteArrayOutputStream into) {
        int n = Math.min(room(into), length);
        if (n < length) {
            truncated = true;
        }
        into.write(bytes, offset, n);
    }

    private int room(ByteArrayOutputStream into) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, limit - into.size()));
    }
}
