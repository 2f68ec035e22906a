package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.TestCertificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS options a curl user expects: {@code --cacert} (added to the system's trust, or the only
 * trust with {@code --cacert-only}), {@code --cert}/{@code --key} client certificates, and
 * {@code --tls-min}; and certificate failures in words.
 */
@Timeout(60)
class TlsOptionsTest {

    private static final TestCertificate SERVER = TestCertificate.forAddress("127.0.0.1");
    private static final TestCertificate CLIENT = TestCertificate.forAddress("127.0.0.3");
    private static final TestCertificate OTHER_HOST = TestCertificate.forAddress("127.0.0.2");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static SalvoConfig.Builder base() {
        return SalvoConfig.builder().retries(0).timeout(Duration.ofSeconds(20));
    }

    private static FetchResult fetch(SalvoConfig config, NettyHttpServer server) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(List.of(server.url("/page").toString())).get(0);
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedInWordsUnlessCacertTrustsIt() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(SERVER).start()) {
            FetchResult refused = fetch(base().build(), server);
            assertEquals(ErrorType.TLS, refused.error().type(), refused.toString());
            assertEquals("certificate not trusted: self-signed, for host 127.0.0.1", refused.error().message());

            Path ca = write("ca.pem", SERVER.pem());
            assertTrue(fetch(base().caCert(ca, false).build(), server).ok(), "--cacert adds to the trust");
            assertTrue(fetch(base().caCert(ca, true).build(), server).ok(), "--cacert-only trusts just it");
        }
    }

    @Test
    void cacertOnlyReplacesTheSystemTrust() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(SERVER).start()) {
            Path unrelated = write("other.pem", OTHER_HOST.pem());
            FetchResult refused = fetch(base().caCert(unrelated, true).build(), server);
            assertEquals(ErrorType.TLS, refused.error().type(), refused.toString());
            assertEquals("certificate not trusted: self-signed, for host 127.0.0.1", refused.error().message());
        }
    }

    /**
     * The system's trust is what the JDK reads from {@code javax.net.ssl.trustStore}; here a store
     * holding 127.0.0.1's certificate (set for this test only). {@code --cacert} with 127.0.0.2's
     * certificate then trusts both servers; {@code --cacert-only} trusts 127.0.0.2 alone.
     */
    @Test
    void cacertAddsToTheSystemTrustAndCacertOnlyReplacesIt() throws Exception {
        Path system = dir.resolve("system-trust.p12");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("system", SERVER.certificate());
        try (var out = Files.newOutputStream(system)) {
            store.store(out, "changeit".toCharArray());
        }
        Path ca = write("ca.pem", OTHER_HOST.pem());
        Map<String, String> saved = new java.util.HashMap<>();
        for (String key : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType")) {
            saved.put(key, System.getProperty(key));
        }
        System.setProperty("javax.net.ssl.trustStore", system.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        try (NettyHttpServer systemTrusted = NettyHttpServer.builder().tls(SERVER).start();
             NettyHttpServer cacertTrusted = NettyHttpServer.builder().address("127.0.0.2").tls(OTHER_HOST).start()) {
            assertTrue(fetch(base().build(), systemTrusted).ok(), "the system's trust is in use");
            FetchResult untrusted = fetch(base().build(), cacertTrusted);
            assertEquals("certificate not trusted: self-signed, for host 127.0.0.2", untrusted.error().message());

            FetchResult added = fetch(base().caCert(ca, false).build(), systemTrusted);
            assertTrue(added.ok(), "--cacert keeps the system's trust: " + added);
            assertTrue(fetch(base().caCert(ca, false).build(), cacertTrusted).ok(), "and adds its own");

            assertTrue(fetch(base().caCert(ca, true).build(), cacertTrusted).ok(), "--cacert-only trusts its file");
            FetchResult replaced = fetch(base().caCert(ca, true).build(), systemTrusted);
            assertEquals(ErrorType.TLS, replaced.error().type(), replaced.toString());
            assertEquals("certificate not trusted: self-signed, for host 127.0.0.1", replaced.error().message());
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(OTHER_HOST).start()) {
            Path ca = write("ca.pem", OTHER_HOST.pem());
            FetchResult refused = fetch(base().caCert(ca, false).build(), server);

            assertEquals(ErrorType.TLS, refused.error().type(), refused.toString());
            assertEquals("certificate does not name this host, for host 127.0.0.1", refused.error().message());
        }
    }

    @Test
    void aClientCertificateIsPresentedWhenTheServerDemandsOne() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(SERVER)
                .requireClientCertificate(CLIENT.certificate()).start()) {
            Path ca = write("ca.pem", SERVER.pem());
            Path cert = write("client.pem", CLIENT.pem());
            Path key = write("client.key", CLIENT.privateKeyPem());

            FetchResult withCertificate = fetch(base().caCert(ca, false).clientCertificate(cert, key).build(), server);
            assertTrue(withCertificate.ok(), withCertificate.toString());

            FetchResult without = fetch(base().caCert(ca, false).build(), server);
            assertEquals(ErrorType.TLS, without.error().type(), without.toString());
            assertEquals("the server refused the client certificate (see --cert and --key)", without.error().message());
            assertEquals(1, server.requests().size(), "only the request with a certificate got through");
        }
    }

    @Test
    void tlsMinRefusesAServerThatOnlySpeaksAnOlderVersion() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().tls(SERVER).onlyTlsVersion("TLSv1.2").start()) {
            Path ca = write("ca.pem", SERVER.pem());
            assertTrue(fetch(base().caCert(ca, false).build(), server).ok(), "TLS 1.2 is allowed by default");

            FetchResult refused = fetch(base().caCert(ca, false).tlsMin("1.3").build(), server);
            assertEquals(ErrorType.TLS, refused.error().type(), refused.toString());
            assertEquals("the server does not offer an allowed TLS version (see --tls-min)", refused.error().message());
        }
    }

    @Test
    void laterConnectionsToAHostResumeItsTlsSession() throws Exception {
        // OpenSSL on the server too: its session cache reports a resumed TLS 1.2 session by its id.
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.handler.ssl.OpenSsl.isAvailable(), "no OpenSSL here");
        try (NettyHttpServer server = NettyHttpServer.builder().tls(SERVER).alpn("http/1.1").openSsl()
                .onlyTlsVersion("TLSv1.2").delayMillis(20).start()) {
            Path ca = write("ca.pem", SERVER.pem());
            try (Salvo salvo = Salvo.create(base().caCert(ca, false).perHost(4).build())) {
                List<String> urls = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    urls.add(server.url("/page/" + i).toString());
                }
                assertTrue(salvo.fetchAll(urls).stream().allMatch(FetchResult::ok));
            }
            List<String> ids = server.sessionIds();
            assertTrue(ids.size() >= 2, "several connections: " + ids);
            assertTrue(new java.util.HashSet<>(ids).size() < ids.size(), "a session was resumed: " + ids);
        }
    }

    @Test
    void unreadableTlsFilesFailBeforeAnyRequest() {
        Path missing = dir.resolve("missing.pem");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Salvo.create(base().caCert(missing, false).build()).close());
        assertTrue(e.getMessage().startsWith("cannot set up TLS: cannot read the CA certificates in "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base().tlsMin("1.1").build());
    }
}
