package dev.salvo.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Checks that each behaviour of {@link MisbehavingServer} does what its route promises. */
@Timeout(20)
class MisbehavingServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static HttpClient client;

    @BeforeAll
    static void createClient() {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void okAnswersWithTextNamingThePath() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            HttpResponse<String> response = get(server, "/ok/hello?x=1");
            assertEquals(200, response.statusCode());
            assertEquals("ok /ok/hello?x=1\n", response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            assertEquals(1, server.requestCount("/ok/hello"));
            assertEquals("1", server.lastRequest().queryParam("x"));
        }
    }

    @Test
    void statusAnswersWithTheRequestedCode() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            assertEquals(404, get(server, "/status/404").statusCode());
            assertEquals(503, get(server, "/status/503/anything").statusCode());
            assertEquals(204, get(server, "/status/204").statusCode());
            assertEquals(400, get(server, "/status/abc").statusCode());
            assertEquals(404, get(server, "/no-such-route").statusCode());
        }
    }

    @Test
    void keepAliveReusesOneConnectionAndRecordsOrder() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, get(server, "/ok/" + i).statusCode());
            }
            assertEquals(1, server.connectionCount());
            assertEquals(List.of(0, 1, 2), server.requests().stream().map(RecordedRequest::sequence).toList());
        }
    }

    @Test
    void honoursConnectionCloseAndAnswersHeadWithoutBody() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            String responses = rawExchange(server,
                    "HEAD /bytes/100 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /ok/last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(responses.startsWith("HTTP/1.1 200 OK\r\n"), responses);
            assertTrue(responses.contains("Content-Length: 100\r\n"), responses);
            assertTrue(responses.contains("\r\nConnection: close\r\n"), responses);
            assertTrue(responses.endsWith("\r\n\r\nok /ok/last\n"), responses);   // and then EOF
            assertEquals(1, server.connectionCount());
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void countsPeakInflightOfRequestsHeldAtTheGate() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(client.sendAsync(request(server, "/gate/" + i), BodyHandlers.ofString()));
            }
            assertTrue(server.inflightGauge().awaitCurrent(5, WAIT), server.toString());
            server.openGate();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                assertEquals(200, call.get().statusCode());
            }
            assertEquals(5, server.peakInflight());
            assertEquals(0, server.inflight());
            server.resetCounters();
            assertEquals(0, server.peakInflight());
            assertEquals(0, server.requestCount());
        }
    }

    @Test
    void countsPeakInflightOfConcurrentSlowRequests() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(client.sendAsync(request(server, "/slow/60000/" + i), BodyHandlers.ofString()));
            }
            assertTrue(server.inflightGauge().awaitCurrent(5, WAIT), server.toString());
            assertEquals(5, server.peakInflight());
            calls.forEach(call -> call.cancel(true));
        }
    }

    @Test
    void sequentialRequestsNeverOverlapInTheCount() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            // Each answer ends the in-flight count before its last byte, so a client that starts
            // the next request on a new connection as soon as it has read the last one is never
            // counted twice.
            for (int i = 0; i < 30; i++) {
                rawExchange(server, "GET /ok/" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            }
            assertEquals(1, server.peakInflight());
            assertEquals(30, server.connectionCount());
        }
    }

    @Test
    void sharedGaugeCountsInflightAcrossHosts() throws Exception {
        SharedInflight shared = new SharedInflight();
        try (MisbehavingServer one = MisbehavingServer.builder().address("127.0.0.1").sharedInflight(shared).start();
             MisbehavingServer two = MisbehavingServer.builder().address("127.0.0.2").sharedInflight(shared).start()) {
            assertTrue(two.baseUrl().startsWith("http://127.0.0.2:"), two.baseUrl());
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(client.sendAsync(request(one, "/slow/60000/" + i), BodyHandlers.ofString()));
                calls.add(client.sendAsync(request(two, "/slow/60000/" + i), BodyHandlers.ofString()));
            }
            assertTrue(shared.awaitCurrent(6, WAIT), shared.toString());
            assertEquals(3, one.peakInflight());
            assertEquals(3, two.peakInflight());
            assertEquals(6, shared.peak());
            calls.forEach(call -> call.cancel(true));
        }
    }

    @Test
    void closeIsPromptAndCutsPausesShort() throws Exception {
        MisbehavingServer server = MisbehavingServer.start();
        CompletableFuture<HttpResponse<String>> call =
                client.sendAsync(request(server, "/slow/60000/x"), BodyHandlers.ofString());
        assertTrue(server.inflightGauge().awaitCurrent(1, WAIT));
        long start = System.nanoTime();
        server.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertEquals(0, server.inflight());
        assertThrows(Exception.class, call::get);   // the client sees the connection drop
    }

    @Test
    void slowBodySendsHeadersBeforeTheBody() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            HttpResponse<InputStream> response = client.send(request(server, "/slowbody/600/x"), BodyHandlers.ofInputStream());
            // Headers are here while the server is still trickling the body.
            assertEquals(1, server.inflight());
            try (InputStream body = response.body()) {
                assertEquals("slow body for /slowbody/600/x\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void resetAbortsWithRstAndCloseWithEof() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Socket reset = connect(server);
             Socket closed = connect(server)) {
            send(reset, "GET /reset/x HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThrows(SocketException.class, () -> reset.getInputStream().read());
            send(closed, "GET /close/x HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(-1, closed.getInputStream().read());
            assertEquals(2, server.requestCount());
            assertEquals(200, get(server, "/ok/still-serving").statusCode());
        }
    }

    @Test
    void garbageIsNotHttp() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            String answer = rawExchange(server, "GET /garbage/x HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("SALVO-GARBAGE "), answer);
            assertThrows(IOException.class, () -> get(server, "/garbage/y"));
        }
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSecondsOrAsDate() throws Exception {
        FakeTime time = new FakeTime();
        try (MisbehavingServer server = MisbehavingServer.builder().wallClock(time).start()) {
            HttpResponse<String> seconds = get(server, "/429/7/x");
            assertEquals(429, seconds.statusCode());
            assertEquals("7", seconds.headers().firstValue("Retry-After").orElseThrow());
            time.advance(Duration.ofSeconds(60));   // 2025-01-01T00:01:00Z
            HttpResponse<String> date = get(server, "/429date/120/x");
            assertEquals(429, date.statusCode());
            assertEquals("Wed, 01 Jan 2025 00:03:00 GMT", date.headers().firstValue("Retry-After").orElseThrow());
        }
    }

    @Test
    void flakyFailsNTimesPerPathThenSucceeds() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            assertEquals(503, get(server, "/flaky/2/a").statusCode());
            assertEquals(503, get(server, "/flaky/2/a").statusCode());
            assertEquals(503, get(server, "/flaky/2/b").statusCode());   // its own counter
            assertEquals(200, get(server, "/flaky/2/a").statusCode());
            assertEquals(200, get(server, "/flaky/2/a").statusCode());
            assertEquals(4, server.requestCount("/flaky/2/a"));
        }
    }

    @Test
    void redirectsChainLoopAndCrossHosts() throws Exception {
        try (MisbehavingServer a = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer b = MisbehavingServer.start("127.0.0.2")) {
            HttpResponse<String> first = get(a, "/redirect/2/p?q=1");
            assertEquals(302, first.statusCode());
            assertEquals("/redirect/1/p?q=1", first.headers().firstValue("Location").orElseThrow());
            assertEquals(200, get(a, "/redirect/0/p").statusCode());

            assertEquals("/loop/x?y", get(a, "/loop/x?y").headers().firstValue("Location").orElseThrow());

            String target = b.baseUrl() + "/echo/landed";
            HttpResponse<String> hop = get(a, "/redirect-to?url=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            assertEquals(302, hop.statusCode());
            assertEquals(target, hop.headers().firstValue("Location").orElseThrow());
            assertEquals(307, get(a, "/redirect-to/?status=307&url=" + URLEncoder.encode(target, StandardCharsets.UTF_8)).statusCode());

            HttpRequest withSecrets = HttpRequest.newBuilder(b.url("/echo/landed"))
                    .header("Authorization", "Bearer s3cret").timeout(WAIT).build();
            HttpResponse<String> echoed = client.send(withSecrets, BodyHandlers.ofString());
            assertTrue(echoed.body().contains("Authorization: Bearer s3cret"), echoed.body());
            assertEquals("Bearer s3cret", b.lastRequest().header("authorization"));
            assertNull(b.lastRequest().header("Cookie"));
        }
    }

    @Test
    void bytesStreamsTheExactPatternWithLengthOrChunked() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            int n = 1_000_003;
            HttpResponse<byte[]> fixed = client.send(request(server, "/bytes/" + n), BodyHandlers.ofByteArray());
            assertEquals(String.valueOf(n), fixed.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(n, fixed.body().length);
            assertEquals(-1, BodyPattern.firstMismatch(fixed.body(), 0));

            HttpResponse<byte[]> chunked = client.send(request(server, "/bytes-chunked/" + n), BodyHandlers.ofByteArray());
            assertEquals("chunked", chunked.headers().firstValue("Transfer-Encoding").orElseThrow());
            assertArrayEquals(fixed.body(), chunked.body());
            assertEquals(0, client.send(request(server, "/bytes/0"), BodyHandlers.ofByteArray()).body().length);
            assertEquals(1, server.connectionCount());   // both framings leave the connection reusable
        }
    }

    @Test
    void survivesClientHangingUpMidBody() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            for (String path : List.of("/bytes/10000000000", "/bytes-chunked/10000000000")) {
                try (Socket socket = connect(server)) {
                    send(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals(100_000, socket.getInputStream().readNBytes(100_000).length);
                }
            }
            assertTrue(server.inflightGauge().awaitIdle(WAIT), server.toString());
            assertEquals(200, get(server, "/ok/after").statusCode());
        }
    }

    @Test
    void survivesMalformedAndAbandonedRequests() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            assertTrue(rawExchange(server, "NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400 "));
            try (Socket abandoned = connect(server)) {
                send(abandoned, "GET /ok/x HTTP/1.1\r\nHost: x\r\n");   // headers never finished
            }
            assertEquals(200, get(server, "/ok/fine").statusCode());
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void dropsIdleConnectionsAfterTheReadTimeout() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder().readTimeout(Duration.ofMillis(200)).start();
             Socket idle = connect(server)) {
            assertEquals(-1, idle.getInputStream().read());   // the server gave up waiting
        }
    }

    @Test
    void customHandlersOverrideAndAddRoutes() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/ok", exchange -> exchange.respond(299, "overridden\n"))
                .start()) {
            server.route("/teapot", exchange -> exchange.respond(418, "short and stout\n", "X-Kind: teapot"));
            server.route("/invalid", exchange -> {
                throw new IllegalArgumentException("nope");
            });
            assertEquals(299, get(server, "/ok/x").statusCode());
            HttpResponse<String> teapot = get(server, "/teapot/1");
            assertEquals(418, teapot.statusCode());
            assertEquals("teapot", teapot.headers().firstValue("X-Kind").orElseThrow());
            assertEquals(400, get(server, "/invalid").statusCode());
            assertEquals(0, server.inflight());
        }
    }

    @Test
    void httpsFailsVerificationButWorksWhenTrusted() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.https()) {
            assertTrue(server.baseUrl().startsWith("https://127.0.0.1:"));
            IOException failure = assertThrows(IOException.class, () -> get(server, "/ok/x"));
            assertTrue(hasCause(failure, SSLException.class), failure.toString());

            try (HttpClient trustAll = HttpClient.newBuilder()
                    .sslContext(TestCertificate.trustAllClientContext()).build();
                 HttpClient trustThis = HttpClient.newBuilder()
                    .sslContext(server.certificate().clientContextTrustingThis()).build()) {
                assertEquals(200, trustAll.send(request(server, "/ok/x"), BodyHandlers.ofString()).statusCode());
                assertEquals(200, trustThis.send(request(server, "/ok/y"), BodyHandlers.ofString()).statusCode());
                assertThrows(IOException.class, () -> trustAll.send(request(server, "/reset/z"), BodyHandlers.ofString()));
            }
            assertTrue(server.certificate().pem().startsWith("-----BEGIN CERTIFICATE-----\n"));
        }
    }

    @Test
    void refusesNonLoopbackAddresses() {
        assertThrows(IllegalArgumentException.class, () -> MisbehavingServer.start("8.8.8.8"));
        assertFalse(new SharedInflight().toString().isEmpty());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static HttpRequest request(MisbehavingServer server, String path) {
        return HttpRequest.newBuilder(server.url(path)).timeout(WAIT).build();
    }

    private static HttpResponse<String> get(MisbehavingServer server, String path) throws Exception {
        return client.send(request(server, path), BodyHandlers.ofString());
    }

    private static Socket connect(MisbehavingServer server) throws IOException {
        Socket socket = new Socket(server.host(), server.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends bytes on a fresh connection and returns everything received until EOF. */
    private static String rawExchange(MisbehavingServer server, String text) throws IOException {
        try (Socket socket = connect(server)) {
            send(socket, text);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(received);
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
