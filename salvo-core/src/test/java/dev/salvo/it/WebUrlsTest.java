package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.RecordedRequest;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * URLs as the web writes them reach the right server with the right request: Locations with raw
 * spaces and UTF-8, hosts with underscores or outside ASCII, IPv6 literals. The test hosts file
 * maps xn--bcher-kva.test and my_host.test to 127.0.0.1.
 */
@Timeout(20)
class WebUrlsTest {

    @Test
    void aLocationWithRawSpacesAndUtf8IsFollowedPercentEncoded() throws Exception {
        // Header bytes go out one per character: this sends the Location's UTF-8 bytes raw.
        String location = new String("/echo/a b/é?q=x y".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            server.route("/raw", exchange -> exchange.respond(302, "see\n", "Location: " + location));

            FetchResult result = salvo.fetchAll(List.of(server.url("/raw").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals("/echo/a%20b/%C3%A9?q=x%20y", server.lastRequest().target());
            assertEquals(server.baseUrl() + "/echo/a%20b/%C3%A9?q=x%20y", result.finalUrl());
        }
    }

    @Test
    void internationalisedAndUnderscoreHostsAreFetchedByTheirAsciiNames() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            int port = server.port();
            List<FetchResult> results = salvo.fetchAll(List.of(
                    "http://Bücher.test:" + port + "/echo/idn",
                    "http://my_host.test:" + port + "/echo/underscore"));

            assertTrue(results.get(0).ok(), results.get(0).toString());
            assertTrue(results.get(1).ok(), results.get(1).toString());
            assertEquals("xn--bcher-kva.test:" + port, hostHeaderOf(server, "/echo/idn"));
            assertEquals("my_host.test:" + port, hostHeaderOf(server, "/echo/underscore"));
            assertEquals("http://xn--bcher-kva.test:" + port + "/echo/idn", results.get(0).finalUrl());
        }
    }

    @Test
    void anIpv6LiteralIsConnectedToAndNamedInBrackets() throws Exception {
        Assumptions.assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
        try (MisbehavingServer server = MisbehavingServer.start("::1");
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            String authority = "[::1]:" + server.port();

            FetchResult result = salvo.fetchAll(List.of("http://" + authority + "/echo/v6")).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(authority, hostHeaderOf(server, "/echo/v6"));
            assertEquals("http://" + authority + "/echo/v6", result.finalUrl());
        }
    }

    private static String hostHeaderOf(MisbehavingServer server, String path) {
        List<RecordedRequest> requests = server.requests(path);
        assertEquals(1, requests.size(), server.requests().toString());
        return requests.get(0).header("Host");
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.getInetAddress() instanceof Inet6Address;
        } catch (IOException e) {
            return false;
        }
    }
}
