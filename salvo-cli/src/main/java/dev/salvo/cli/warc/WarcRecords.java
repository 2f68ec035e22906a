package dev.salvo.cli.warc;

import dev.salvo.CapturedExchange;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.Warcinfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.Channels;
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
 * body with chunked framing removed, content coding kept, as warcio and wget compute it) and
 * {@code WARC-Truncated: length} when the body was cut. An HTTP/2 exchange, whose bytes are an
 * HTTP/1.1-style rendering (see {@link CapturedExchange}), also gets {@code WARC-Protocol: h2} (or
 * {@code h2c}) on both records, as proposed in iipc/warc-specifications#42 and written by Common
 * Crawl's Nutch and StormCrawler, so a reader can tell it from HTTP/1.1 bytes as sent.
 * Thread-safe (stateless).
 */
final class WarcRecords {

    private WarcRecords() {
    }

    /** The {@code warcinfo} record opening a file. */
    static Warcinfo info(String fileName, String software) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(software));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        return new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(Instant.now().truncatedTo(ChronoUnit.MILLIS)).filename(fileName).fields(fields).build();
    }

    /** The response record, then the request record pointing at it. */
    static List<org.netpreserve.jwarc.WarcRecord> exchange(CapturedExchange exchange, URI warcinfo) throws IOException {
        // An address literal: getByName parses it and looks nothing up.
        InetAddress ip = exchange.ipAddress() == null ? null : InetAddress.getByName(exchange.ipAddress());
        Instant date = exchange.date().truncatedTo(ChronoUnit.MILLIS);
        WarcResponse.Builder response = new WarcResponse.Builder(exchange.targetUri())
                .version(MessageVersion.WARC_1_1)
                .date(date)
                .blockDigest(new WarcDigest(sha1(exchange.response())))
                .body(MediaType.HTTP_RESPONSE, exchange.response())
                .warcinfoId(warcinfo);
        if (ip != null) {
            response.ipAddress(ip);
        }
        MessageDigest payload = payloadDigest(exchange.response());
        if (payload != null) {
            response.payloadDigest(new WarcDigest(payload));
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
                .blockDigest(new WarcDigest(sha1(exchange.request())))
                .body(MediaType.HTTP_REQUEST, exchange.request())
                .concurrentTo(responseRecord.id())
                .warcinfoId(warcinfo);
        if (ip != null) {
            request.ipAddress(ip);
        }
        if (exchange.protocol() != null) {
            request.addHeader("WARC-Protocol", exchange.protocol());
        }
        return List.of(responseRecord, request.build());
    }

    private static MessageDigest sha1(byte[] bytes) {
        MessageDigest digest = newSha1();
        digest.update(bytes);
        return digest;
    }

    /**
     * SHA-1 of the response's payload, read with jwarc's own HTTP parser (which removes chunked
     * framing); null when the message cannot be parsed (e.g. cut in its headers) or has no body.
     */
    private static MessageDigest payloadDigest(byte[] response) {
        MessageDigest digest = newSha1();
        try {
            HttpResponse http = HttpResponse.parse(Channels.newChannel(new ByteArrayInputStream(response)));
            byte[] buffer = new byte[8192];
            long length = 0;
            try (InputStream body = http.body().stream()) {
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    length += n;
                }
            }
            return length == 0 ? null : digest;
        } catch (IOException | RuntimeException e) {
            return null; // e.g. cut by the body cap in the middle of a chunk: no payload digest, as jwarc does
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
