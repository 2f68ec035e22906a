package dev.salvo.cli.warc;

import dev.salvo.CapturedExchange;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.Warcinfo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the WARC records of one exchange with jwarc: a {@code response} record holding the raw
 * response (status line, headers and body exactly as received) and a {@code request} record
 * holding the raw request, linked by {@code WARC-Concurrent-To}, each with
 * {@code WARC-Target-URI}, {@code WARC-Date}, {@code WARC-IP-Address} and a SHA-1
 * {@code WARC-Block-Digest}; the response also has a {@code WARC-Payload-Digest} (SHA-1 of the
 * body with chunked framing removed, content coding kept, as warcio and wget compute it; see
 * {@link HttpPayload}) and {@code WARC-Truncated: length} when the body was cut. An HTTP/2
 * exchange, whose bytes are an HTTP/1.1-style rendering (see {@link CapturedExchange}), also gets
 * {@code WARC-Protocol: h2} (or {@code h2c}) on both records, as proposed in
 * iipc/warc-specifications#42 and written by Common Crawl's Nutch and StormCrawler, so a reader
 * can tell it from HTTP/1.1 bytes as sent.
 *
 * <p>Each record comes out as its serialised header and its block (the captured bytes
 * themselves, not a copy), ready for {@link GzipMembers}.
 *
 * <p>Not thread-safe: it reuses one SHA-1 digest and its buffers (the results thread owns it).
 */
final class WarcRecords {

    /**
     * A record ready to write: jwarc's serialised header, the block, and the offset in the block
     * from which its bytes look already compressed ({@code block.length} when none do).
     */
    record Framed(byte[] header, byte[] block, int compressedFrom) { }

    /** The records' Content-Type, formatted once: jwarc formats a {@code MediaType} on every use. */
    private static final String RESPONSE_TYPE = MediaType.HTTP_RESPONSE.toString();
    private static final String REQUEST_TYPE = MediaType.HTTP_REQUEST.toString();

    private final MessageDigest sha1 = newSha1();
    private final HttpPayload payloads = new HttpPayload(sha1);
    private final Entropy entropy = new Entropy();

    /** The {@code warcinfo} record opening a file. */
    static Warcinfo info(String fileName, String software) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(software));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        return new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(Instant.now().truncatedTo(ChronoUnit.MILLIS)).filename(fileName).fields(fields).build();
    }

    /** {@code record}, whose block is read from jwarc, ready to write (for the rare warcinfo record). */
    static Framed framed(WarcRecord record) throws IOException {
        byte[] block;
        try (InputStream body = record.body().stream()) {
            block = body.readAllBytes();
        }
        return new Framed(record.serializeHeader(), block, block.length);
    }

    /** The response record, then the request record pointing at it. */
    List<Framed> exchange(CapturedExchange exchange, URI warcinfo) throws IOException {
        // An address literal: getByName parses it and looks nothing up.
        InetAddress ip = exchange.ipAddress() == null ? null : InetAddress.getByName(exchange.ipAddress());
        Instant date = exchange.date().truncatedTo(ChronoUnit.MILLIS);
        byte[] raw = exchange.response();
        HttpPayload.Found payload = payloads.find(raw, exchange.truncated());
        WarcResponse.Builder response = new WarcResponse.Builder(exchange.targetUri())
                .version(MessageVersion.WARC_1_1)
                .date(date)
                .blockDigest(digest(raw))
                .body(null, raw)
                .setHeader("Content-Type", RESPONSE_TYPE)
                .warcinfoId(warcinfo);
        if (ip != null) {
            response.ipAddress(ip);
        }
        if (payload.digest() != null) {
            response.payloadDigest(payload.digest());
        }
        if (exchange.truncated()) {
            response.truncated(WarcTruncationReason.LENGTH);
        }
        if (exchange.protocol() != null) {
            response.addHeader("WARC-Protocol", exchange.protocol());
        }
        WarcResponse responseRecord = response.build();
        WarcRequest.Builder request = new WarcRequest.Builder(exchange.targetUri())
                .version(MessageVersion.WARC_1_1)
                .date(date)
                .blockDigest(digest(exchange.request()))
                .body(null, exchange.request())
                .setHeader("Content-Type", REQUEST_TYPE)
                .concurrentTo(responseRecord.id())
                .warcinfoId(warcinfo);
        if (ip != null) {
            request.ipAddress(ip);
        }
        if (exchange.protocol() != null) {
            request.addHeader("WARC-Protocol", exchange.protocol());
        }
        WarcRequest requestRecord = request.build();
        int body = payload.bodyStart();
        int compressedFrom = body >= 0 && entropy.looksCompressed(raw, body, raw.length) ? body : raw.length;
        return List.of(new Framed(responseRecord.serializeHeader(), raw, compressedFrom),
                new Framed(requestRecord.serializeHeader(), exchange.request(), exchange.request().length));
    }

    private WarcDigest digest(byte[] bytes) {
        sha1.update(bytes);
        return new WarcDigest(sha1); // digest() resets it for the next use
    }

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
