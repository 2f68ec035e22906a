package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A header value with a control character is refused when the configuration is built, with one
 * clear line, rather than making every request fail (it once made every URL hang without a result).
 */
// A bound against a hang, not a measure: the first TLS server in a JVM runs keytool (a second
// JVM), which takes tens of seconds on a loaded machine.
@Timeout(90)
class HeaderValidationTest {

    @Test
    void controlCharactersInHeaderValuesAreRefused() {
        for (String value : new String[] {"a\u0000b", "a\u007fb", "a\u001bb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SalvoConfig.builder().header("X-Test", value));
            assertEquals("header 'X-Test' has a control character in its value", e.getMessage());
        }
    }

    /**
     * A tab and non-ASCII text are legal in a field value (RFC 9110 5.5) and reach the server as
     * sent: the tab as is, the text as its UTF-8 bytes, as curl sends what it is given. Checked
     * over both transports, since each encodes headers its own way.
     */
    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void tabsAndNonAsciiReachTheServerAsSent(boolean tls) throws Exception {
        SalvoConfig config = SalvoConfig.builder().insecure(true)
                .header("X-Test", "a\tb").header("X-Name", "Zoë ☕").build();
        try (MisbehavingServer server = tls ? MisbehavingServer.https() : MisbehavingServer.start();
             Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/echo/h").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            RecordedRequest received = server.lastRequest();
            assertEquals("a\tb", received.header("X-Test"));
            // The server reads one byte per character: decode its bytes to compare them as UTF-8.
            String name = received.header("X-Name");
            assertEquals("Zoë ☕", new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), name);
        }
    }

    /** The same over HTTP/2 (prior knowledge), whose HPACK encoder also writes one byte per character. */
    @Test
    void tabsAndNonAsciiReachAnHttp2ServerAsSent() throws Exception {
        SalvoConfig config = SalvoConfig.builder().http2PriorKnowledge(true)
                .header("X-Test", "a\tb").header("X-Name", "Zoë ☕").build();
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/h").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            NettyHttpServer.Seen received = server.requests().get(0);
            assertEquals("HTTP/2", received.protocol());
            assertEquals(List.of("a\tb"), received.values("x-test"));
            String name = received.values("x-name").get(0);
            assertEquals("Zoë ☕", new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), name);
        }
    }
}
