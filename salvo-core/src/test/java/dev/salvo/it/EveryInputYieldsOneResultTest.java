package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every input yields exactly one result, whatever becomes of it, and {@code fetchAll} returns
 * them in input order.
 */
@Timeout(20)
class EveryInputYieldsOneResultTest {

    private static final SalvoConfig CONFIG = SalvoConfig.builder().retries(0).build();

    @Test
    void invalidUrlsEndWithoutARequest() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(CONFIG)) {
            List<String> urls = List.of("not a url", "ftp://x", "http://", server.url("/ok/after").toString());

            List<FetchResult> results = salvo.fetchAll(urls);

            assertEquals(4, results.size());
            for (int i = 0; i < 3; i++) {
                FetchResult result = results.get(i);
                assertEquals(ErrorType.INVALID_URL, result.error().type(), result.toString());
                assertEquals(0, result.attempts());
                assertNull(result.status());
            }
            assertTrue(results.get(3).ok(), results.get(3).toString());
            assertEquals(1, server.requestCount(), "only the valid URL was sent");
        }
    }

    /** Ports outside 1-65535 once made the transport throw, and the URL never got a result. */
    @Test
    void unusablePortIsAnInvalidUrl() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(CONFIG)) {
            List<FetchResult> results = salvo.fetchAll(List.of("http://127.0.0.1:99999/", "http://127.0.0.1:0/",
                    server.url("/ok/after").toString()));

            assertEquals(ErrorType.INVALID_URL, results.get(0).error().type(), results.get(0).toString());
            assertEquals(ErrorType.INVALID_URL, results.get(1).error().type(), results.get(1).toString());
            assertTrue(results.get(2).ok(), results.get(2).toString());
        }
    }

    @Test
    void refusedConnectionEndsWithConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (Salvo salvo = Salvo.create(CONFIG)) {
            FetchResult result = salvo.fetchAll(List.of("http://127.0.0.1:" + closedPort + "/")).get(0);

            assertEquals(ErrorType.CONNECT, result.error().type(), result.toString());
            assertNull(result.status());
            assertEquals(1, result.attempts());
        }
    }

    /**
     * Needs a resolver that cannot leave the machine: the build runs tests with the JDK resolver
     * ({@code -Dsalvo.resolver=jdk}) reading only a loopback hosts file
     * ({@code jdk.net.hosts.file}), so no DNS query is ever sent.
     */
    @Test
    void unresolvableHostEndsWithDns() throws Exception {
        assumeTrue(System.getProperty("jdk.net.hosts.file") != null && "jdk".equals(System.getProperty("salvo.resolver")),
                "skipped: without -Djdk.net.hosts.file and -Dsalvo.resolver=jdk a DNS query "
                        + "would go to the system's (non-loopback) name server");
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName("no-such-host.invalid"));
        try (Salvo salvo = Salvo.create(CONFIG)) {
            FetchResult result = salvo.fetchAll(List.of("http://no-such-host.invalid/")).get(0);

            assertEquals(ErrorType.DNS, result.error().type(), result.toString());
            assertEquals(1, result.attempts());
        }
    }

    @Test
    void fetchAllReturnsResultsInInputOrder() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(CONFIG.toBuilder().concurrency(16).build())) {
            // Slow ones first, so completion order differs from input order.
            List<String> urls = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                urls.add(switch (i % 4) {
                    case 0 -> server.url("/slow/" + (200 - i * 5) + "/" + i).toString();
                    case 1 -> server.url("/ok/" + i).toString();
                    case 2 -> "not a url " + i;
                    default -> server.url("/status/404/" + i).toString();
                });
            }

            List<FetchResult> results = salvo.fetchAll(urls);

            assertEquals(urls.size(), results.size());
            for (int i = 0; i < urls.size(); i++) {
                assertEquals(i, results.get(i).index());
                assertEquals(urls.get(i), results.get(i).url());
            }
            assertEquals(30, server.requestCount(), "one request per valid URL");
        }
    }
}
