package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IPv6 literals work, and every address of a name is tried: {@code localhost} resolves (from the
 * tests' loopback-only hosts file) to both 127.0.0.1 and ::1, and a server listening on only one
 * of them is reached whichever the resolver lists first.
 */
@Timeout(60)
class DualStackTest {

    private static boolean ipv6Loopback() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static FetchResult fetch(SalvoConfig config, String url) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(List.of(url)).get(0);
        }
    }

    @Test
    void anIpv6LiteralUrlIsFetched() throws Exception {
        assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        try (NettyHttpServer server = NettyHttpServer.builder().address("::1").start()) {
            String url = "http://[::1]:" + server.port() + "/v6";
            FetchResult result = fetch(SalvoConfig.builder().retries(0).build(), url);

            assertTrue(result.ok(), result.toString());
            assertEquals("hello /v6".length(), result.bytes());
        }
    }

    @Test
    void aNameWithTwoAddressesReachesAServerOnEitherOne() throws Exception {
        assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        assumeTrue(InetAddress.getAllByName("localhost").length >= 2, "localhost has a single address here");
        for (String address : List.of("::1", "127.0.0.1")) {
            try (NettyHttpServer server = NettyHttpServer.builder().address(address).start()) {
                FetchResult result = fetch(SalvoConfig.builder().retries(0).build(),
                        "http://localhost:" + server.port() + "/dual");

                assertTrue(result.ok(), "server on " + address + " only: " + result);
                assertEquals(1, result.attempts(), "the other address failing is not an attempt");
            }
        }
    }
}
