package dev.salvo.cli;

import dev.salvo.cli.SalvoProcess.Outcome;
import dev.salvo.cli.demo.TlsDemoServer;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.netty.handler.ssl.OpenSsl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport as a person meets it, in a real process ({@link SalvoProcess}) against real
 * servers on loopback: {@code --version} and the run summary name the I/O transport and the TLS
 * library chosen for this machine (io_uring, else epoll, else NIO; OpenSSL, else the JDK's TLS),
 * https works on each of them, and {@code --http2} against a server that speaks only HTTP/1 is
 * one readable record with nothing but Salvo's own lines on standard error.
 */
// A bound against a hang: five salvo processes and keytool, on a machine shared with other builds.
@Timeout(240)
class NetworkProcessTest {

    /** Its certificate is made once for the class: keytool is a JVM of its own. */
    private static TlsDemoServer tls;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTlsServer() throws Exception {
        tls = TlsDemoServer.start(shared);
    }

    @AfterAll
    static void stopTlsServer() {
        tls.close();
    }

    /** What Salvo picks on this machine when nothing is asked for, as the test JVM sees it. */
    private static String defaultIo() {
        return IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
    }

    private static String defaultTls() {
        return OpenSsl.isAvailable() ? "TLS by OpenSSL (" + OpenSsl.versionString() + ")" : "TLS by JDK";
    }

    @Test
    void versionNamesTheIoTransportAndTheTlsLibrary() throws Exception {
        Outcome version = SalvoProcess.run(dir, Map.of(), null, "--version");

        assertEquals(0, version.status(), version.err());
        assertEquals(List.of("salvo " + dev.salvo.Salvo.version(), "network: " + defaultIo() + ", " + defaultTls()),
                version.out().lines().toList());
    }

    /**
     * The same https fetch (one host offering h2 by ALPN, one offering only HTTP/1.1) on the
     * transport chosen by default, on the others this machine has, and with OpenSSL switched off
     * (Netty's own {@code io.netty.handler.ssl.noOpenSsl}), where the JDK's TLS takes over.
     */
    @Test
    void httpsWorksOnEveryIoTransportAndOnTheJdksTlsWhenOpenSslIsOff() throws Exception {
        Map<String, String> runs = new LinkedHashMap<>(); // JVM options -> the network line expected
        runs.put("", defaultIo() + ", " + defaultTls());
        if (Epoll.isAvailable()) {
            runs.put("-Dsalvo.io=epoll", "epoll, " + defaultTls());
        }
        runs.put("-Dsalvo.io=nio -Dio.netty.handler.ssl.noOpenSsl=true", "nio, TLS by JDK");

        List<String> urls = new ArrayList<>();
        for (String base : tls.bases()) {
            urls.add(base + "/page/1");
            urls.add(base + "/page/2");
        }
        Path input = Files.write(dir.resolve("urls.txt"), urls);
        for (Map.Entry<String, String> run : runs.entrySet()) {
            Map<String, String> environment = run.getKey().isEmpty() ? Map.of()
                    : Map.of("JAVA_TOOL_OPTIONS", run.getKey());
            Outcome outcome = SalvoProcess.run(dir, environment, null, "fetch", "--insecure", "--retries", "0",
                    "--ordered", input.toString());

            String label = "with '" + run.getKey() + "': " + outcome.err();
            assertEquals(0, outcome.status(), label);
            List<Map<String, Object>> records = Records.parse(outcome.out());
            assertEquals(urls.size(), records.size(), label);
            for (Map<String, Object> record : records) {
                assertEquals(200L, record.get("status"), record + " " + label);
            }
            assertTrue(outcome.err().lines().anyMatch(("salvo: network: " + run.getValue())::equals), label);
        }
    }

    /**
     * Two failures a person reads in one run, with verification on: {@code --http2} against a
     * server that speaks only HTTP/1, and a self-signed certificate. Each is one record naming
     * what happened; standard error holds Salvo's own lines and nothing from Netty or the JVM.
     */
    @Test
    void http2AgainstAnHttp1OnlyServerAndAnUntrustedCertificateAreReadableRecordsAndNoLibraryLogLines()
            throws Exception {
        try (TestServer server = new TestServer()) {
            Path input = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/1",
                    tls.bases().get(0) + "/page/1"));
            Outcome outcome = SalvoProcess.run(dir, Map.of(), null, "fetch", "--http2", "--retries", "0",
                    "--ordered", input.toString());

            assertEquals(0, outcome.status(), outcome.err());
            List<Map<String, Object>> records = Records.parse(outcome.out());
            assertEquals(2, records.size(), outcome.out());
            assertEquals(Map.of("type", "protocol", "message",
                    "server does not speak HTTP/2 with prior knowledge (it answered in HTTP/1); drop --http2"),
                    records.get(0).get("error"));
            assertEquals(Map.of("type", "tls", "message", "certificate not trusted: self-signed, for host 127.0.0.1"),
                    records.get(1).get("error"));
            List<String> foreign = outcome.err().lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("salvo: ")).toList();
            assertEquals(List.of(), foreign, "only Salvo's own lines on stderr:\n" + outcome.err());
        }
    }
}
