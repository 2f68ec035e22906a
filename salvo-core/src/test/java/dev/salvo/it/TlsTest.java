package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An untrusted certificate fails once, without retries, unless verification is turned off. */
// A bound against a hang, not a measure: the first TLS server in a JVM runs keytool (a second
// JVM), which takes tens of seconds on a loaded machine.
@Timeout(90)
class TlsTest {

    @Test
    void untrustedCertificateEndsWithTls() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.https();
             Salvo salvo = Salvo.create(SalvoConfig.builder().retries(3).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/a").toString())).get(0);

            assertEquals(ErrorType.TLS, result.error().type(), result.toString());
            assertEquals(1, result.attempts(), "a certificate failure is not retried");
        }
    }

    @Test
    void insecureAcceptsTheCertificate() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.https();
             Salvo salvo = Salvo.create(SalvoConfig.builder().insecure(true).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/a").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(200, result.status());
            assertEquals(1, server.requestCount());
        }
    }
}
