package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.Handler;
import dev.salvo.testing.MisbehavingServer;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code compressed}: gzip, deflate, br and zstd bodies are offered and decoded, {@code bytes} and
 * {@code sha256} describe the decoded body and {@code wireBytes} what came over the network; a
 * decompression bomb ends {@code too_large} without being inflated; without it nothing changes.
 */
@Timeout(60)
class CompressionTest {

    private static final byte[] PAGE = Codings.COMPRESSIBLE_PAGE;

    @Test
    void everyOfferedCodingIsDecoded() throws Exception {
        Brotli4jLoader.ensureAvailability();
        byte[] gzip = Codings.gzip(PAGE);
        byte[] deflate = Codings.deflate(PAGE);
        byte[] br = Encoder.compress(PAGE);
        byte[] zstd = Zstd.compress(PAGE);
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/gzip", encoded("gzip", gzip))
                .route("/deflate", encoded("deflate", deflate))
                .route("/br", encoded("br", br))
                .route("/zstd", encoded("zstd", zstd))
                .route("/plain", encoded(null, PAGE))
                .start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().compressed(true).keepBodies(true).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/gzip").toString(),
                    server.url("/deflate").toString(), server.url("/br").toString(), server.url("/zstd").toString(),
                    server.url("/plain").toString()));

            long[] wire = {gzip.length, deflate.length, br.length, zstd.length, PAGE.length};
            for (int i = 0; i < results.size(); i++) {
                FetchResult result = results.get(i);
                assertTrue(result.ok(), result.toString());
                assertEquals(PAGE.length, result.bytes(), result.url());
                assertEquals(Codings.sha256(PAGE), result.sha256(), result.url());
                assertEquals(wire[i], result.wireBytes(), result.url());
            }
            assertEquals("gzip, deflate, br, zstd", server.lastRequest().header("Accept-Encoding"));
        }
    }

    @Test
    void withoutTheOptionNothingChanges() throws Exception {
        byte[] gzip = Codings.gzip(PAGE);
        try (MisbehavingServer server = MisbehavingServer.builder().route("/gzip", encoded("gzip", gzip)).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/gzip").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(gzip.length, result.bytes(), "the body as sent");
            assertEquals(Codings.sha256(gzip), result.sha256());
            assertEquals(result.bytes(), result.wireBytes());
            assertNull(server.lastRequest().header("Accept-Encoding"));
        }
    }

    @Test
    void aDecompressionBombEndsTooLargeWithoutBeingInflated() throws Exception {
        long tenGigabytes = 10L * 1000 * 1000 * 1000;
        AtomicLong fed = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        Handler bomb = exchange -> {
            // 10 GB of zeros, gzipped on the fly (about 10 MB on the wire): never held anywhere.
            try {
                OutputStream raw = exchange.rawOutput();
                raw.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Encoding: gzip\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                GZIPOutputStream gzip = new GZIPOutputStream(raw, 64 * 1024);
                byte[] zeros = new byte[1 << 20];
                while (fed.get() < tenGigabytes) {
                    gzip.write(zeros);
                    fed.addAndGet(zeros.length);
                }
                gzip.finish();
                raw.flush();
            } finally {
                serverDone.countDown();
            }
        };
        try (MisbehavingServer server = MisbehavingServer.builder().route("/bomb", bomb).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().compressed(true).maxBody(1 << 20).retries(2)
                     .build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/bomb").toString())).get(0);

            assertEquals(ErrorType.TOO_LARGE, result.error().type(), result.toString());
            assertEquals("decoded body exceeds the cap of 1048576 bytes", result.error().message());
            assertEquals(1, result.attempts(), "too_large is not retried");
            assertTrue(serverDone.await(30, TimeUnit.SECONDS), "the server saw the client hang up");
            assertTrue(fed.get() < tenGigabytes, "the client stopped reading: fed " + fed.get() + " bytes");
        }
    }

    @Test
    void aCorruptBodySaysItCouldNotBeDecoded() throws Exception {
        byte[] broken = Codings.gzip(PAGE);
        broken[20] ^= 0x55;
        broken[21] ^= 0x55;
        try (MisbehavingServer server = MisbehavingServer.builder().route("/broken", encoded("gzip", broken)).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().compressed(true).retries(0).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/broken").toString())).get(0);

            assertEquals(ErrorType.PROTOCOL, result.error().type(), result.toString());
            assertTrue(result.error().message().startsWith("the body could not be decoded (Content-Encoding gzip)"),
                    result.error().message());
        }
    }

    private static Handler encoded(String coding, byte[] body) {
        return exchange -> exchange.respond(200, "text/html; charset=utf-8", body,
                coding == null ? new String[0] : new String[] {"Content-Encoding: " + coding});
    }
}
