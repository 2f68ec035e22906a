package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.Dnsmasq;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.NettyHttpServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --deny 127.0.0.2/32}: however a request would reach 127.0.0.2 (its address in the URL,
 * a redirect from an allowed host, a name fixed by {@code --resolve}, a name a real DNS server
 * answers with it), it ends with
 * {@code blocked}, and the server listening there never sees a connection.
 */
@Timeout(30)
class AddressGuardTest {

    @TempDir
    Path dir;

    private static List<FetchResult> fetch(SalvoConfig config, List<String> urls) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(urls);
        }
    }

    private static void assertBlocked(FetchResult result) {
        assertEquals(ErrorType.BLOCKED, result.error() == null ? null : result.error().type(), result.toString());
        assertTrue(result.error().message().contains("127.0.0.2/32"), result.error().message());
    }

    @Test
    void everyWayTo127002IsBlockedAndTheServerThereSeesNoConnection() throws Exception {
        try (NettyHttpServer denied = NettyHttpServer.builder().address("127.0.0.2").start();
             MisbehavingServer allowed = MisbehavingServer.start("127.0.0.1")) {
            String direct = denied.url("/direct").toString();
            String redirect = allowed.url("/redirect-to?url="
                    + URLEncoder.encode(denied.url("/via-redirect").toString(), StandardCharsets.UTF_8)).toString();
            String pinned = "http://pinned.test:" + denied.port() + "/pinned";
            SalvoConfig config = SalvoConfig.builder().retries(2).backoff(java.time.Duration.ZERO)
                    .deny("127.0.0.2/32")
                    .resolve("pinned.test:" + denied.port() + ":127.0.0.2")
                    .build();

            List<FetchResult> results = fetch(config, List.of(direct, redirect, pinned));

            results.forEach(AddressGuardTest::assertBlocked);
            assertEquals(1, results.get(0).attempts(), "blocked is final, never retried");
            assertEquals(1, allowed.requestCount(), "the allowed host answered the redirect");
            assertEquals(0, denied.connections(), "the denied server saw no connection");
        }
    }

    @Test
    void aNameTheDnsServerAnswersWithADeniedAddressIsBlocked() throws Exception {
        try (NettyHttpServer denied = NettyHttpServer.builder().address("127.0.0.2").start();
             Dnsmasq dns = Dnsmasq.start(dir, Map.of("denied.test", List.of("127.0.0.2")))) {
            SalvoConfig config = SalvoConfig.builder().retries(2).deny("127.0.0.2/32").dnsServer(dns.address()).build();

            FetchResult result = fetch(config, List.of("http://denied.test:" + denied.port() + "/named")).get(0);

            assertBlocked(result);
            assertTrue(result.error().message().startsWith("denied.test resolves to 127.0.0.2"), result.error().message());
            assertEquals(1, dns.queries("A", "denied.test"), "the name was resolved by the DNS server");
            assertEquals(0, denied.connections(), "the denied server saw no connection");
        }
    }

    @Test
    void aNameWithADeniedAndAnAllowedAddressConnectsOnlyToTheAllowedOne() throws Exception {
        try (NettyHttpServer denied = NettyHttpServer.builder().address("127.0.0.2").start()) {
            // The allowed address has no server on that port: only the denied one could answer.
            SalvoConfig config = SalvoConfig.builder().retries(0)
                    .deny("127.0.0.2")
                    .resolve("mixed.test:" + denied.port() + ":127.0.0.2,127.0.0.3")
                    .build();

            FetchResult result = fetch(config, List.of("http://mixed.test:" + denied.port() + "/")).get(0);

            assertEquals(ErrorType.CONNECT, result.error().type(), result.toString());
            assertEquals(0, denied.connections(), "the denied address was not tried");
        }
    }

    @Test
    void withoutTheGuardTheSameServerIsReached() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().address("127.0.0.2").start()) {
            SalvoConfig config = SalvoConfig.builder().retries(0)
                    .resolve("pinned.test:" + server.port() + ":127.0.0.2").build();

            FetchResult result = fetch(config, List.of("http://pinned.test:" + server.port() + "/ok")).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals("pinned.test:" + server.port(), server.requests().get(0).values("host").get(0),
                    "the Host header keeps the name");
        }
    }

    @Test
    void denyPrivateBlocksLoopback() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().address("127.0.0.1").start()) {
            FetchResult result = fetch(SalvoConfig.builder().denyPrivate(true).build(),
                    List.of(server.url("/").toString())).get(0);

            assertEquals(ErrorType.BLOCKED, result.error().type(), result.toString());
            assertTrue(result.error().message().contains("127.0.0.0/8"), result.error().message());
            assertEquals(0, server.connections());
        }
    }
}
