package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;

import java.net.ServerSocket;
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
}
