package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.Handler;
import dev.salvo.testing.MisbehavingServer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 framing against servers that get it wrong on purpose: bytes past a response's framing
 * never reach the next request, bodiless responses stay bodiless whatever their headers say,
 * repeated headers are all sent, stale connections are only replayed for idempotent methods, and
 * idle connections are capped over all hosts.
 */
@Timeout(30)
class Http1FramingTest {

    /** A complete, well-formed response that nobody asked for. */
    private static final String STRAY = "HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\nstray";

    @Test
    void bytesAfterAContentLengthBodyNeverReachTheNextRequest() throws Exception {
        // The server frames "first" with Content-Length: 5 and keeps writing: a whole 404 follows.
        assertStrayIsDropped("GET", exchange -> {
            var body = exchange.startBody(200, 5, "Content-Type: text/plain");
            body.write(("first" + STRAY).getBytes(StandardCharsets.US_ASCII));
            body.flush();
        });
    }

    @Test
    void aBodyOn204NeverReachesTheNextRequest() throws Exception {
        assertStrayIsDropped("GET", raw("HTTP/1.1 204 No Content\r\nContent-Length: " + STRAY.length()
                + "\r\n\r\n" + STRAY));
    }

    @Test
    void aBodyOn304NeverReachesTheNextRequest() throws Exception {
        assertStrayIsDropped("GET", raw("HTTP/1.1 304 Not Modified\r\nContent-Length: " + STRAY.length()
                + "\r\n\r\n" + STRAY));
    }

    @Test
    void aBodySentToHeadNeverReachesTheNextRequest() throws Exception {
        assertStrayIsDropped("HEAD", raw("HTTP/1.1 200 OK\r\nContent-Length: " + STRAY.length()
                + "\r\n\r\n" + STRAY));
    }

    @Test
    void anUnfinishedStrayLineIsNotLeftForTheNextResponse() throws Exception {
        // Bytes that are not yet a whole message sit in the decoder; they must not prefix the next
        // response on a connection the server keeps open.
        assertStrayIsDropped("GET", exchange -> {
            var body = exchange.startBody(200, 5, "Content-Type: text/plain");
            body.write("firstHTTP/1.1 404".getBytes(StandardCharsets.US_ASCII));
            body.flush();
        });
    }

    /**
     * {@code /first} answers with {@code firstAnswer}; {@code /second}, sent next on the same
     * host, must get its own response, on a fresh connection.
     */
    private static void assertStrayIsDropped(String method, Handler firstAnswer) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/first", firstAnswer)
                .route("/second", exchange -> exchange.respond(200, "second"))
                .start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().method(method).perHost(1).concurrency(1)
                     .retries(0).keepBodies(true).build())) {
            // One run, one slot for the host: /second goes out the moment /first's response ends.
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/first").toString(),
                    server.url("/second").toString()));
            FetchResult first = results.get(0);
            FetchResult second = results.get(1);

            assertTrue(first.status() == 200 || first.status() == 204 || first.status() == 304, first.toString());
            assertEquals(200, second.status(), "the stray 404 reached /second: " + second);
            assertNull(second.error(), second.toString());
            byte[] expected = method.equals("HEAD") ? new byte[0] : "second".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, second.body(), second.toString());
            assertEquals(1, server.requestCount("/second"));
            assertEquals(2, server.connectionCount(), "the connection with stray bytes was not reused");
        }
    }

    @Test
    void headIsBodilessWhateverItsContentLengthSays() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().method("HEAD").maxBody(1024).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/bytes/" + (50L << 20)).toString())).get(0);

            assertTrue(result.ok(), "a HEAD over --max-body is not too_large: " + result);
            assertEquals(0, result.bytes());
        }
    }

    @Test
    void status304And204AreBodilessWhateverTheirContentLengthSays() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/304", raw("HTTP/1.1 304 Not Modified\r\nContent-Length: 52428800\r\n\r\n"))
                .route("/204", raw("HTTP/1.1 204 No Content\r\nContent-Length: 52428800\r\n\r\n"))
                .start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().maxBody(1024).retries(0).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/304").toString(),
                    server.url("/204").toString()));

            assertEquals(304, results.get(0).status(), results.get(0).toString());
            assertEquals(ErrorType.HTTP, results.get(0).error().type(), "not too_large: " + results.get(0));
            assertEquals(204, results.get(1).status(), results.get(1).toString());
            assertTrue(results.get(1).ok(), results.get(1).toString());
            assertEquals(0, results.get(1).bytes());
        }
    }

    @Test
    void interimResponsesAreBodilessAndTheFinalOneCounts() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/hints", raw("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n"
                        + "Content-Length: 10\r\n\r\n"
                        + "HTTP/1.1 100 Continue\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"))
                .start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().retries(0).keepBodies(true).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/hints").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(200, result.status());
            assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), result.body());
        }
    }

    @Test
    void aRepeatedHeaderNameSendsEveryValue() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().header("X-A", "1").header("X-A", "2").build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/a").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(List.of("1", "2"), server.lastRequest().headerValues("X-A"));
        }
    }

    @Test
    void aRepeatedHeaderNameSendsEveryValueOverHttps() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.https();
             Salvo salvo = Salvo.create(SalvoConfig.builder().insecure(true)
                     .header("X-A", "1").header("X-A", "2").build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/a").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(List.of("1", "2"), server.lastRequest().headerValues("X-A"));
        }
    }

    @Test
    void aPostThatFailedOnAStaleConnectionIsNotSentAgain() throws Exception {
        // /close reads the request and hangs up without answering: on a kept-alive connection that
        // looks like a stale connection, but the server did get the POST and may have acted on it.
        assertStaleResends("POST", 1);
    }

    @Test
    void aGetThatFailedOnAStaleConnectionIsResentOnceAtOnce() throws Exception {
        assertStaleResends("GET", 2);
    }

    private static void assertStaleResends(String method, int expectedSends) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().method(method).perHost(1).concurrency(1)
                     .retries(0).build())) {
            FetchResult warm = salvo.fetchAll(List.of(server.url("/ok/warm").toString())).get(0);
            FetchResult result = salvo.fetchAll(List.of(server.url("/close/x").toString())).get(0);

            assertTrue(warm.ok(), warm.toString());
            assertEquals(ErrorType.RESET, result.error().type(), result.toString());
            assertEquals(1, result.attempts(), result.toString());
            assertEquals(expectedSends, server.requestCount("/close/x"), method + " sent this often");
        }
    }

    @Test
    void idleConnectionsAreCappedOverAllHostsLeastRecentlyUsedFirst() throws Exception {
        try (MisbehavingServer one = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer two = MisbehavingServer.start("127.0.0.2");
             MisbehavingServer three = MisbehavingServer.start("127.0.0.3");
             Salvo salvo = Salvo.create(SalvoConfig.builder().maxIdleConnections(2).build())) {
            for (MisbehavingServer server : List.of(one, two, three, one, three)) {
                FetchResult result = salvo.fetchAll(List.of(server.url("/ok/x").toString())).get(0);
                assertTrue(result.ok(), result.toString());
            }

            // Keeping two idle: one's connection went when three's came, then two's when one's came back.
            assertEquals(2, one.connectionCount(), "the least recently used connection was closed");
            assertEquals(1, two.connectionCount());
            assertEquals(1, three.connectionCount(), "the recently used connection was kept");
            assertEquals(2, three.requestCount());
        }
    }

    /** A handler writing {@code response} as raw bytes (the server then closes the connection). */
    private static Handler raw(String response) {
        return exchange -> {
            var out = exchange.rawOutput();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }
}
