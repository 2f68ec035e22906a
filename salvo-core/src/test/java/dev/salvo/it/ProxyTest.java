package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.ProxyProcess;
import dev.salvo.testing.TestCertificate;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests through real proxies on loopback: tinyproxy (HTTP CONNECT, with and without Basic
 * auth) and microsocks (SOCKS5, with and without a password). Each proxy connects out from its
 * own loopback address (tinyproxy from 127.0.0.9, microsocks from 127.0.0.10), so the origin
 * server seeing that address proves the request went through the proxy; tinyproxy's log shows
 * the CONNECT too.
 */
@Timeout(60)
class ProxyTest {

    private static final String VIA_TINYPROXY = "127.0.0.9";
    private static final String VIA_MICROSOCKS = "127.0.0.10";

    @TempDir
    Path dir;

    private static SalvoConfig.Builder config() {
        return SalvoConfig.builder().retries(0).connectTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(10));
    }

    private static List<FetchResult> fetch(SalvoConfig config, List<String> urls) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(urls);
        }
    }

    @Test
    void httpAndHttpsGoThroughAnHttpProxyByConnect() throws Exception {
        TestCertificate cert = TestCertificate.forAddress("127.0.0.1");
        Path pem = Files.writeString(dir.resolve("ca.pem"), cert.pem());
        try (NettyHttpServer plain = NettyHttpServer.builder().start();
             NettyHttpServer secure = NettyHttpServer.builder().tls(cert).start();
             ProxyProcess proxy = ProxyProcess.tinyproxy(dir, VIA_TINYPROXY)) {
            SalvoConfig config = config().caCert(pem, false).proxy("http://127.0.0.1:" + proxy.port()).build();

            List<FetchResult> results = fetch(config, List.of(plain.url("/plain").toString(), secure.url("/secure").toString()));

            results.forEach(r -> assertTrue(r.ok(), r.toString()));
            assertEquals(Set.of(VIA_TINYPROXY), plain.peers(), "the origin saw the proxy's address");
            assertEquals(Set.of(VIA_TINYPROXY), secure.peers());
            assertTrue(proxy.output().contains("CONNECT 127.0.0.1:" + plain.port()), proxy.output());
            assertTrue(proxy.output().contains("CONNECT 127.0.0.1:" + secure.port()), proxy.output());
        }
    }

    @Test
    void anHttpsProxyIsReachedOverVerifiedTls() throws Exception {
        // stunnel terminates TLS (with a certificate for 127.0.0.1) in front of tinyproxy.
        TestCertificate cert = TestCertificate.forAddress("127.0.0.1");
        Path pem = Files.writeString(dir.resolve("proxy-ca.pem"), cert.pem());
        try (NettyHttpServer origin = NettyHttpServer.builder().start();
             ProxyProcess tinyproxy = ProxyProcess.tinyproxy(dir, VIA_TINYPROXY);
             ProxyProcess tls = ProxyProcess.stunnel(dir, cert, tinyproxy.port())) {
            String url = origin.url("/over-tls").toString();
            String proxy = "https://127.0.0.1:" + tls.port();

            FetchResult trusted = fetch(config().caCert(pem, false).proxy(proxy).build(), List.of(url)).get(0);
            FetchResult untrusted = fetch(config().proxy(proxy).build(), List.of(url)).get(0);

            assertTrue(trusted.ok(), trusted.toString());
            assertEquals(Set.of(VIA_TINYPROXY), origin.peers());
            assertTrue(tinyproxy.output().contains("CONNECT 127.0.0.1:" + origin.port()), tinyproxy.output());
            assertEquals(ErrorType.CONNECT, untrusted.error().type(), untrusted.toString());
            assertTrue(untrusted.error().message().startsWith("proxy https://127.0.0.1:" + tls.port() + " failed: certificate"),
                    untrusted.error().message());
            assertEquals(1, origin.connections(), "the unverified proxy was not used");
        }
    }

    @Test
    void anHttpProxyWithBasicAuthNeedsTheUserAndPassword() throws Exception {
        try (NettyHttpServer origin = NettyHttpServer.builder().start();
             ProxyProcess proxy = ProxyProcess.tinyproxy(dir, VIA_TINYPROXY, "BasicAuth salvo s3cret")) {
            String url = origin.url("/auth").toString();
            FetchResult withPassword = fetch(config().proxy("http://salvo:s3cret@127.0.0.1:" + proxy.port()).build(),
                    List.of(url)).get(0);
            FetchResult without = fetch(config().proxy("http://127.0.0.1:" + proxy.port()).build(), List.of(url)).get(0);

            assertTrue(withPassword.ok(), withPassword.toString());
            assertEquals(ErrorType.CONNECT, without.error().type(), without.toString());
            assertEquals("proxy http://127.0.0.1:" + proxy.port() + " refused the tunnel: 407 Proxy Authentication Required",
                    without.error().message());
            assertEquals(1, origin.connections(), "only the authenticated tunnel reached the origin");
        }
    }

    @Test
    void socks5WithAndWithoutAPassword() throws Exception {
        try (NettyHttpServer origin = NettyHttpServer.builder().start();
             ProxyProcess open = ProxyProcess.microsocks(dir, VIA_MICROSOCKS, null, null);
             ProxyProcess locked = ProxyProcess.microsocks(dir, VIA_MICROSOCKS, "salvo", "s3cret")) {
            String url = origin.url("/socks").toString();
            FetchResult viaOpen = fetch(config().proxy("socks5://127.0.0.1:" + open.port()).build(), List.of(url)).get(0);
            FetchResult viaLocked = fetch(config().proxy("socks5://salvo:s3cret@127.0.0.1:" + locked.port()).build(),
                    List.of(url)).get(0);
            FetchResult wrongPassword = fetch(config().proxy("socks5://salvo:nope@127.0.0.1:" + locked.port()).build(),
                    List.of(url)).get(0);

            assertTrue(viaOpen.ok(), viaOpen.toString());
            assertTrue(viaLocked.ok(), viaLocked.toString());
            assertEquals(Set.of(VIA_MICROSOCKS), origin.peers(), "both requests came from the proxy's address");
            assertEquals(2, origin.connections());
            assertEquals(ErrorType.CONNECT, wrongPassword.error().type(), wrongPassword.toString());
            assertTrue(wrongPassword.error().message().startsWith("proxy socks5://127.0.0.1:" + locked.port()),
                    wrongPassword.error().message());
            assertFalse(wrongPassword.error().message().contains("nope"), "the password never reaches a message");
        }
    }

    @Test
    void socks5hLetsTheProxyResolveTheNameAndSocks5ResolvesItHere() throws Exception {
        // The guard denies 127.0.0.0/8 and ::1, so a lookup of "localhost" done by Salvo ends the URL as
        // blocked; one done by the proxy (from its hosts file) is beyond the guard and succeeds.
        try (NettyHttpServer origin = NettyHttpServer.builder().start();
             ProxyProcess proxy = ProxyProcess.microsocks(dir, VIA_MICROSOCKS, null, null)) {
            String url = "http://localhost:" + origin.port() + "/remote-dns";
            SalvoConfig.Builder base = config().deny("127.0.0.0/8").deny("::1");

            FetchResult remote = fetch(base.proxy("socks5h://127.0.0.1:" + proxy.port()).build(), List.of(url)).get(0);
            FetchResult local = fetch(base.proxy("socks5://127.0.0.1:" + proxy.port()).build(), List.of(url)).get(0);

            assertTrue(remote.ok(), "socks5h:// sends the name to the proxy: " + remote);
            assertEquals(Set.of(VIA_MICROSOCKS), origin.peers());
            assertEquals(ErrorType.BLOCKED, local.error().type(), "socks5:// resolves here, where the guard sees it: " + local);
            assertEquals(1, origin.connections());
        }
    }

    @Test
    void aProxyThatIsNotListeningIsAConnectErrorNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (NettyHttpServer origin = NettyHttpServer.builder().start()) {
            FetchResult result = fetch(config().proxy("http://127.0.0.1:" + closedPort).build(),
                    List.of(origin.url("/x").toString())).get(0);

            assertEquals(ErrorType.CONNECT, result.error().type(), result.toString());
            assertEquals("proxy http://127.0.0.1:" + closedPort + " failed: connection refused", result.error().message());
            assertEquals(0, origin.connections());
        }
    }

    @Test
    void noProxyHostsAreReachedDirectly() throws Exception {
        try (NettyHttpServer origin = NettyHttpServer.builder().start();
             ProxyProcess proxy = ProxyProcess.tinyproxy(dir, VIA_TINYPROXY)) {
            SalvoConfig config = config().proxy("http://127.0.0.1:" + proxy.port()).noProxy("example.com, 127.0.0.0/8").build();

            FetchResult result = fetch(config, List.of(origin.url("/direct").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(Set.of("127.0.0.1"), origin.peers(), "not through the proxy");
            assertFalse(proxy.output().contains("CONNECT 127.0.0.1:" + origin.port()), proxy.output());
        }
    }

    @Test
    void perHostLimitsCountTheTargetNotTheProxy() throws Exception {
        try (NettyHttpServer a = NettyHttpServer.builder().delayMillis(150).start();
             NettyHttpServer b = NettyHttpServer.builder().delayMillis(150).start();
             ProxyProcess proxy = ProxyProcess.tinyproxy(dir, VIA_TINYPROXY)) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                urls.add(a.url("/a" + i).toString());
                urls.add(b.url("/b" + i).toString());
            }
            SalvoConfig config = config().perHost(2).proxy("http://127.0.0.1:" + proxy.port()).build();

            List<FetchResult> results = fetch(config, urls);

            results.forEach(r -> assertTrue(r.ok(), r.toString()));
            assertTrue(a.maxInFlight() <= 2 && b.maxInFlight() <= 2, a.maxInFlight() + " " + b.maxInFlight());
            assertTrue(a.maxInFlight() + b.maxInFlight() > 2,
                    "two targets behind one proxy each get their own cap: " + a.maxInFlight() + " + " + b.maxInFlight());
            assertEquals(Set.of(VIA_TINYPROXY), a.peers());
        }
    }
}
