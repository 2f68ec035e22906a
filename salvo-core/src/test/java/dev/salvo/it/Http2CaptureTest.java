package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.CapturedExchange;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.TestCertificate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured exchanges (for WARC) over HTTP/2 chosen by ALPN: each exchange is rendered as an
 * HTTP/1.1-style request and response, marked {@code h2}, the body kept as it came (still
 * content-coded), and a body cut by the cap is marked truncated.
 */
@Timeout(60)
class Http2CaptureTest {

    private static final TestCertificate CERT = TestCertificate.forAddress("127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void anHttp2ExchangeIsCapturedAsAnHttp11StyleMessageMarkedH2() throws Exception {
        byte[] page = "captured ".repeat(200).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(page);
        }
        byte[] gzip = gzipped.toByteArray();
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT)
                .respond("/page", gzip, "Content-Encoding: gzip").start();
             Salvo salvo = Salvo.create(trusting().captureExchanges(true).compressed(true)
                     .header("X-Trace", "1").build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/page").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(page.length, result.bytes(), "the record describes the decoded body");
            assertEquals(1, result.exchanges().size());
            CapturedExchange exchange = result.exchanges().get(0);
            assertEquals("h2", exchange.protocol());
            assertEquals("127.0.0.1", exchange.ipAddress());
            assertEquals(server.url("/page").toString(), exchange.targetUri());
            String request = new String(exchange.request(), StandardCharsets.ISO_8859_1);
            assertTrue(request.startsWith("GET /page HTTP/1.1\r\nhost: 127.0.0.1:" + server.port() + "\r\n"), request);
            assertTrue(request.contains("\r\nx-trace: 1\r\n"), request);
            assertTrue(request.contains("\r\naccept-encoding: gzip, deflate"), request);
            assertTrue(request.endsWith("\r\n\r\n"), request);
            String head = head(exchange.response());
            assertTrue(head.startsWith("HTTP/1.1 200 \r\n"), head);
            assertTrue(head.contains("\r\ncontent-encoding: gzip\r\n"), head);
            assertTrue(!head.contains(":status"), "no pseudo-headers: " + head);
            assertEquals(gzip.length, exchange.response().length - head.length(), "the body as received, still gzip");
            assertTrue(!exchange.truncated());
        }
    }

    @Test
    void aBodyCutByTheCapIsCapturedAsFarAsReadAndMarkedTruncated() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).captureExchanges(true)
                     .maxBody(8 * 1024).retries(0).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/big/256").toString())).get(0);

            assertEquals("too_large", result.error().type().wireName(), result.toString());
            CapturedExchange exchange = result.exchanges().get(0);
            assertEquals("h2c", exchange.protocol());
            assertTrue(exchange.truncated());
            assertTrue(head(exchange.response()).startsWith("HTTP/1.1 200 \r\n"));
        }
    }

    /** The status line and headers, up to and including the blank line. */
    private static String head(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 4);
    }

    private SalvoConfig.Builder trusting() throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, CERT.pem());
        return SalvoConfig.builder().retries(0).timeout(Duration.ofSeconds(20)).caCert(pem, false);
    }
}
