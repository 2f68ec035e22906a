package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.BodyPattern;
import dev.salvo.testing.MisbehavingServer;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bodies are counted and hashed as they stream, kept when asked, and cut off at the cap. */
@Timeout(20)
class BodyTest {

    private static final long FIFTY_MIB = 50L * 1024 * 1024;
    private static final long ONE_MIB = 1024 * 1024;

    @Test
    void bodyIsCountedAndHashed() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/bytes/1000").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(1000, result.bytes());
            assertEquals(Codings.sha256(pattern(1000)), result.sha256());
            assertEquals("application/octet-stream", result.contentType());
            assertNull(result.body(), "bodies are not kept by default");
        }
    }

    @Test
    void bodyIsKeptWhenAsked() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().keepBodies(true).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/bytes/100000").toString(),
                    server.url("/bytes-chunked/100000").toString()));

            for (FetchResult result : results) {
                assertArrayEquals(pattern(100_000), result.body(), result.url());
                assertEquals(Codings.sha256(pattern(100_000)), result.sha256());
            }
        }
    }

    @Test
    void bodyEndingWithTheConnectionIsReadWhole() throws Exception {
        byte[] body = pattern(70_000);
        try (MisbehavingServer server = MisbehavingServer.builder().route("/until-close", exchange -> {
                    // HTTP/1.1 without Content-Length or chunking: the body ends when the connection does.
                    var out = exchange.rawOutput();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    exchange.closeConnection();
                }).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().retries(0).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/until-close").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(body.length, result.bytes());
            assertEquals(Codings.sha256(body), result.sha256());
        }
    }

    @Test
    void headRequestHasNoBodyAndKeepsTheConnection() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().method("HEAD").perHost(1).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/bytes/5000").toString(),
                    server.url("/bytes/6000").toString(), server.url("/ok/x").toString()));

            for (FetchResult result : results) {
                assertTrue(result.ok(), result.toString());
                assertEquals(0, result.bytes(), "HEAD has no body even with a Content-Length");
            }
            assertEquals(1, server.connectionCount(), "one connection served all three");
        }
    }

    @Test
    void declaredLengthOverTheCapEndsWithTooLarge() throws Exception {
        assertTooLargeAndCutOff("/bytes/" + FIFTY_MIB);
    }

    @Test
    void chunkedBodyOverTheCapEndsWithTooLarge() throws Exception {
        assertTooLargeAndCutOff("/bytes-chunked/" + FIFTY_MIB);
    }

    /**
     * The result is too_large after one attempt, and the server sees the client hang up: its
     * request leaves flight, which it can only do by finishing the 50 MiB or by failing to write.
     */
    private static void assertTooLargeAndCutOff(String path) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().maxBody(ONE_MIB).retries(3).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url(path).toString())).get(0);

            assertEquals(ErrorType.TOO_LARGE, result.error().type(), result.toString());
            assertEquals(1, result.attempts(), "too_large is not retried");
            assertEquals(200, result.status());
            assertEquals(1, server.requestCount());
            assertTrue(server.inflightGauge().awaitIdle(Duration.ofSeconds(10)), "server saw the hang-up: " + server);
        }
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = BodyPattern.byteAt(i);
        }
        return bytes;
    }
}
