package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.NettyHttpServer;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failed URL's {@code error.message} says what happened in words: never a Java class name or a
 * hex dump.
 */
@Timeout(60)
class ReadableErrorsTest {

    /** A class name (a.b.C), an exception's name, or a run of hex bytes. */
    private static final Pattern UNREADABLE = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]|Exception|[0-9a-f]{10,}");

    private static FetchResult fetch(SalvoConfig config, String url) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(List.of(url)).get(0);
        }
    }

    private static SalvoConfig.Builder base() {
        return SalvoConfig.builder().retries(0).timeout(Duration.ofSeconds(20));
    }

    private static void assertReadable(FetchResult result, ErrorType type, String message) {
        assertEquals(type, result.error().type(), result.toString());
        assertEquals(message, result.error().message());
        assertFalse(UNREADABLE.matcher(result.error().message()).find(), result.error().message());
    }

    @Test
    void connectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertReadable(fetch(base().build(), "https://127.0.0.1:" + closedPort + "/"),
                ErrorType.CONNECT, "connection refused");
    }

    @Test
    void noSuchHost() throws Exception {
        // Resolved by the JDK from the loopback-only hosts file (see the surefire argLine): no query leaves.
        assertReadable(fetch(base().build(), "https://no-such-host.invalid/"), ErrorType.DNS, "no such host");
    }

    @Test
    void plainHttpOnATlsPort() throws Exception {
        try (NettyHttpServer plain = NettyHttpServer.builder().start()) {
            assertReadable(fetch(base().build(), "https://127.0.0.1:" + plain.port() + "/"),
                    ErrorType.TLS, "server spoke plain HTTP on a TLS port (try http://)");
        }
    }

    @Test
    void http2PriorKnowledgeAgainstAnHttp1Server() throws Exception {
        try (NettyHttpServer plain = NettyHttpServer.builder().start()) {
            assertReadable(fetch(base().http2PriorKnowledge(true).build(), plain.url("/").toString()),
                    ErrorType.PROTOCOL,
                    "server does not speak HTTP/2 with prior knowledge (it answered in HTTP/1); drop --http2");
        }
    }

    /**
     * Responses that are not HTTP as Netty's decoder reads them: its own messages ("For input
     * string", "invalid version format") name the parser, not the fault.
     */
    @Test
    void malformedResponsesAreDescribedInWords() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/status-not-a-number", raw("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n"))
                .route("/not-http", raw("SALVO-GARBAGE this is not an HTTP response\r\n\r\n"))
                .route("/long-status", raw("HTTP/1.1 200 " + "x".repeat(20_000) + "\r\n\r\n"))
                .route("/huge-headers", raw("HTTP/1.1 200 OK\r\n" + "X-Big: y\r\n".repeat(20_000) + "\r\n"))
                .route("/bad-chunk", raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"))
                .route("/bad-length", raw("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n0123456789"))
                .start()) {
            assertReadable(fetch(base().build(), server.url("/status-not-a-number").toString()),
                    ErrorType.PROTOCOL, "malformed response: the status code is not a number");
            assertReadable(fetch(base().build(), server.url("/not-http").toString()),
                    ErrorType.PROTOCOL, "malformed response: the server did not answer in HTTP");
            assertReadable(fetch(base().build(), server.url("/long-status").toString()),
                    ErrorType.PROTOCOL, "malformed response: the status line is longer than 16384 bytes");
            assertReadable(fetch(base().build(), server.url("/huge-headers").toString()),
                    ErrorType.PROTOCOL, "malformed response: the header block is larger than 65536 bytes");
            assertReadable(fetch(base().build(), server.url("/bad-chunk").toString()),
                    ErrorType.PROTOCOL, "malformed response body: a chunk size is not a number");
            assertReadable(fetch(base().build(), server.url("/bad-length").toString()),
                    ErrorType.PROTOCOL, "malformed response: the Content-Length is not a number");
        }
    }

    private static dev.salvo.testing.Handler raw(String response) {
        return exchange -> {
            var out = exchange.rawOutput();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            exchange.closeConnection();
        };
    }
}
