package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.TestCertificate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 and TLS on Salvo's own Netty transport, against a real Netty server on loopback: ALPN
 * chooses the protocol (falling back to HTTP/1.1), prior knowledge speaks HTTP/2 in cleartext,
 * one connection carries many streams within the server's limit, GOAWAY and RST_STREAM are
 * handled, bodies are capped and hashed, repeated header names all reach the server.
 */
@Timeout(60)
class TlsAndHttp2Test {

    private static final TestCertificate CERT = TestCertificate.forAddress("127.0.0.1");

    @TempDir
    Path dir;

    private SalvoConfig.Builder trusting() throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, CERT.pem());
        return SalvoConfig.builder().retries(0).timeout(Duration.ofSeconds(20)).caCert(pem, false);
    }

    private static List<String> urls(NettyHttpServer server, String prefix, int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add(server.url(prefix + i).toString());
        }
        return urls;
    }

    private static Set<String> protocols(NettyHttpServer server) {
        return server.requests().stream().map(NettyHttpServer.Seen::protocol).collect(Collectors.toSet());
    }

    private static void assertAllOk(List<FetchResult> results) {
        assertTrue(results.stream().allMatch(FetchResult::ok), results.toString());
    }

    @Test
    void httpsNegotiatesHttp2AndCarriesManyStreamsOnOneConnectionWithinTheServersLimit() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT).maxConcurrentStreams(3)
                .delayMillis(30).start();
             Salvo salvo = Salvo.create(trusting().perHost(8).concurrency(16).build())) {
            List<FetchResult> results = salvo.fetchAll(urls(server, "/page/", 24));

            assertAllOk(results);
            assertEquals(Set.of("HTTP/2"), protocols(server));
            assertEquals(1, server.connections(), "one connection per host");
            assertTrue(server.maxInFlight() <= 3, "never above SETTINGS_MAX_CONCURRENT_STREAMS: " + server.maxInFlight());
            assertTrue(server.maxInFlight() >= 2, "streams are multiplexed: " + server.maxInFlight());
        }
    }

    @Test
    void oneHttp2ConnectionCarriesUpToPerHostStreamsWhenTheServerAllowsMore() throws Exception {
        // The server sets no SETTINGS_MAX_CONCURRENT_STREAMS (unlimited): --per-host is the cap.
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT).delayMillis(30).start();
             Salvo salvo = Salvo.create(trusting().perHost(3).concurrency(16).build())) {
            List<FetchResult> results = salvo.fetchAll(urls(server, "/page/", 24));

            assertAllOk(results);
            assertEquals(Set.of("HTTP/2"), protocols(server));
            assertEquals(1, server.connections(), "one connection carries the host's streams");
            assertTrue(server.maxInFlight() <= 3, "never above --per-host: " + server.maxInFlight());
            assertTrue(server.maxInFlight() >= 2, "streams are multiplexed: " + server.maxInFlight());
        }
    }

    @Test
    void bodiesOverHttp2AreCountedHashedAndCapped() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT).start();
             Salvo salvo = Salvo.create(trusting().build());
             Salvo capped = Salvo.create(trusting().maxBody(5).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/page/1").toString())).get(0);
            byte[] expected = "hello /page/1".getBytes(StandardCharsets.UTF_8);

            assertTrue(result.ok(), result.toString());
            assertEquals(expected.length, result.bytes());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)),
                    result.sha256());

            FetchResult tooLarge = capped.fetchAll(List.of(server.url("/page/2").toString())).get(0);
            assertEquals(ErrorType.TOO_LARGE, tooLarge.error().type(), tooLarge.toString());
        }
    }

    @Test
    void bodiesLargerThanTheFlowControlWindowsArrive() throws Exception {
        // 2 x 3 MiB: each over the 1 MiB stream window, so the client must send WINDOW_UPDATEs.
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).retries(0).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/big/3072").toString(),
                    server.url("/big/3072").toString()));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(NettyHttpServer.bigBody(3072)));

            assertAllOk(results);
            for (FetchResult result : results) {
                assertEquals(3L << 20, result.bytes());
                assertEquals(expected, result.sha256());
            }
        }
    }

    @Test
    void aBodyLargerThanTheConnectionWindowArrives() throws Exception {
        // 20 MiB: over the client's 16 MiB connection window too, so WINDOW_UPDATEs on stream 0 are needed.
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).retries(0)
                     .maxBody(32L << 20).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/big/20480").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(20L << 20, result.bytes());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(NettyHttpServer.bigBody(20480))), result.sha256());
        }
    }

    @Test
    void alpnFallsBackToHttp11WhenTheServerOffersOnlyThat() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT).alpn("http/1.1").start();
             Salvo salvo = Salvo.create(trusting().perHost(4).build())) {
            List<FetchResult> results = salvo.fetchAll(urls(server, "/page/", 12));

            assertAllOk(results);
            assertEquals(Set.of("HTTP/1.1"), protocols(server));
            assertEquals(12, server.requests().size());
        }
    }

    @Test
    void cleartextUsesHttp11ByDefaultAndHttp2WithPriorKnowledge() throws Exception {
        try (NettyHttpServer http1 = NettyHttpServer.builder().start();
             NettyHttpServer http2 = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo plain = Salvo.create(SalvoConfig.builder().build());
             Salvo prior = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).build())) {
            assertAllOk(plain.fetchAll(urls(http1, "/page/", 5)));
            assertAllOk(prior.fetchAll(urls(http2, "/page/", 5)));

            assertEquals(Set.of("HTTP/1.1"), protocols(http1));
            assertEquals(Set.of("HTTP/2"), protocols(http2));
        }
    }

    @Test
    void streamsAboveGoAwaysLastStreamIdGoToANewConnectionWithoutCountingAsAnAttempt() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().goAwayAfter(3).delayMillis(20)
                .start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).retries(0)
                     .perHost(4).build())) {
            List<String> urls = urls(server, "/page/", 9);
            List<FetchResult> results = salvo.fetchAll(urls);

            assertAllOk(results);
            assertTrue(results.stream().allMatch(r -> r.attempts() == 1), results.toString());
            for (int i = 0; i < 9; i++) {
                assertEquals(1, server.answeredCount("/page/" + i), "each request processed exactly once");
            }
            assertTrue(server.connections() >= 3, "GOAWAY after 3 streams: " + server.connections() + " connections");
            assertTrue(server.unprocessedStreams() >= 1,
                    "some stream was above a GOAWAY's last stream id, so it was sent again: " + server.unprocessedStreams());
        }
    }

    @Test
    void aResetStreamEndsThatUrlAndNotTheConnection() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).retries(0).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/rst").toString(),
                    server.url("/page/1").toString(), server.url("/page/2").toString()));

            assertEquals(ErrorType.RESET, results.get(0).error().type(), results.toString());
            assertEquals("the server reset the stream (internal_error)", results.get(0).error().message());
            assertTrue(results.get(1).ok() && results.get(2).ok(), results.toString());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void aRepeatedHeaderNameSendsEveryValueOverHttp2() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true)
                     .header("X-A", "1").header("X-A", "2").build())) {
            assertAllOk(salvo.fetchAll(List.of(server.url("/h").toString())));

            assertEquals(List.of("1", "2"), server.requests().get(0).values("x-a"));
        }
    }

    @Test
    void aRepeatedHeaderNameSendsEveryValueOverHttp2NegotiatedByAlpn() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(CERT).start();
             Salvo salvo = Salvo.create(trusting().header("X-A", "1").header("X-A", "2").build())) {
            assertAllOk(salvo.fetchAll(List.of(server.url("/h").toString())));

            assertEquals("HTTP/2", server.requests().get(0).protocol());
            assertEquals(List.of("1", "2"), server.requests().get(0).values("x-a"));
        }
    }

    @Test
    void noVertxOnTheClassPath() {
        assertFalse(isPresent("io.vertx.core.Vertx"), "Vert.x is gone from the transport");
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
