package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.TestCertificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compressed} over HTTP/2, against Netty's HTTP/2 server (h2c with prior knowledge, and h2
 * over TLS chosen by ALPN): the codings are offered and decoded as the body streams, {@code bytes}
 * and {@code sha256} describe the decoded body and {@code wireBytes} what came over the network,
 * and a decompression bomb ends {@code too_large} without being inflated.
 */
@Timeout(60)
class Http2CompressionTest {

    private static final byte[] PAGE = Codings.COMPRESSIBLE_PAGE;
    private static final TestCertificate CERT = TestCertificate.forAddress("127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void everyOfferedCodingIsDecodedOverCleartextHttp2() throws Exception {
        Brotli4jLoader.ensureAvailability();
        byte[] gzip = Codings.gzip(PAGE);
        byte[] deflate = Codings.deflate(PAGE);
        byte[] br = Encoder.compress(PAGE);
        byte[] zstd = Zstd.compress(PAGE);
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                .respond("/gzip", gzip, "Content-Encoding: gzip")
                .respond("/deflate", deflate, "Content-Encoding: deflate")
                .respond("/br", br, "Content-Encoding: br")
                .respond("/zstd", zstd, "Content-Encoding: zstd")
                .respond("/plain", PAGE)
                .start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).compressed(true)
                     .keepBodies(true).retries(0).build())) {
            List<String> paths = List.of("/gzip", "/deflate", "/br", "/zstd", "/plain");
            List<FetchResult> results = salvo.fetchAll(paths.stream().map(p -> server.url(p).toString()).toList());

            long[] wire = {gzip.length, deflate.length, br.length, zstd.length, PAGE.length};
            for (int i = 0; i < results.size(); i++) {
                FetchResult result = results.get(i);
                assertTrue(result.ok(), result.toString());
                assertEquals(PAGE.length, result.bytes(), result.url());
                assertEquals(Codings.sha256(PAGE), result.sha256(), result.url());
                assertEquals(wire[i], result.wireBytes(), result.url());
            }
            for (NettyHttpServer.Seen seen : server.requests()) {
                assertEquals("HTTP/2", seen.protocol());
                assertEquals(List.of("gzip, deflate, br, zstd"), seen.values("accept-encoding"), seen.path());
            }
        }
    }

    @Test
    void aGzipBodyIsDecodedOverHttp2ChosenByAlpn() throws Exception {
        byte[] gzip = Codings.gzip(PAGE);
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT)
                .respond("/gzip", gzip, "Content-Encoding: gzip").start();
             Salvo salvo = Salvo.create(trusting().compressed(true).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/gzip").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(PAGE.length, result.bytes());
            assertEquals(Codings.sha256(PAGE), result.sha256());
            assertEquals(gzip.length, result.wireBytes());
            NettyHttpServer.Seen seen = server.requests().get(0);
            assertEquals("HTTP/2", seen.protocol());
            assertEquals(List.of("gzip, deflate, br, zstd"), seen.values("accept-encoding"));
        }
    }

    @Test
    void withoutTheOptionNothingIsAskedForOrDecoded() throws Exception {
        byte[] gzip = Codings.gzip(PAGE);
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                .respond("/gzip", gzip, "Content-Encoding: gzip").start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/gzip").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(gzip.length, result.bytes(), "the body as sent");
            assertEquals(Codings.sha256(gzip), result.sha256());
            assertEquals(result.bytes(), result.wireBytes());
            assertEquals(List.of(), server.requests().get(0).values("accept-encoding"));
        }
    }

    @Test
    void aDecompressionBombOverHttp2EndsTooLargeWithoutBeingInflated() throws Exception {
        long tenGigabytes = 10L * 1000 * 1000 * 1000;
        AtomicLong fed = new AtomicLong();
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                .gzipBomb("/bomb", tenGigabytes, fed).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).compressed(true)
                     .maxBody(1 << 20).retries(2).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/bomb").toString())).get(0);

            assertEquals(ErrorType.TOO_LARGE, result.error().type(), result.toString());
            assertEquals("decoded body exceeds the cap of 1048576 bytes", result.error().message());
            assertEquals(1, result.attempts(), "too_large is not retried");
            // The reset stream stops the server within the client's flow-control window (1 MiB of
            // gzip, about 1 GB of zeros at deflate's ratio), far short of the 10 GB it would send.
            long deadline = System.nanoTime() + 20_000_000_000L;
            long before;
            do {
                before = fed.get();
                Thread.sleep(100); // bounded: the server's writes fail once the stream is gone
            } while (fed.get() != before && System.nanoTime() < deadline);
            assertTrue(fed.get() < tenGigabytes / 5, "the client stopped reading: fed " + fed.get() + " bytes");
        }
    }

    @Test
    void aCorruptBodySaysItCouldNotBeDecoded() throws Exception {
        byte[] broken = Codings.gzip(PAGE);
        broken[20] ^= 0x55;
        broken[21] ^= 0x55;
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                .respond("/broken", broken, "Content-Encoding: gzip").start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).compressed(true).retries(0)
                     .build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/broken").toString())).get(0);

            assertEquals(ErrorType.PROTOCOL, result.error().type(), result.toString());
            assertTrue(result.error().message().startsWith("the body could not be decoded (Content-Encoding gzip)"),
                    result.error().message());
        }
    }

    private SalvoConfig.Builder trusting() throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, CERT.pem());
        return SalvoConfig.builder().retries(0).timeout(Duration.ofSeconds(20)).caCert(pem, false);
    }
}
