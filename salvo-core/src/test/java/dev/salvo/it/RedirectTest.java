package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.RecordedRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects are followed up to a limit, and credentials never follow one to another host. */
// A bound against a hang, not a measure: the first TLS server in a JVM runs keytool (a second
// JVM), which takes tens of seconds on a loaded machine.
@Timeout(90)
class RedirectTest {

    @Test
    void chainIsFollowedToTheEnd() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/redirect/3/x").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(200, result.status());
            assertEquals(server.url("/redirect/0/x").toString(), result.finalUrl());
            assertEquals(1, result.attempts(), "following redirects is one attempt");
            assertEquals(4, server.requestCount());
        }
    }

    @Test
    void loopEndsWithRedirects() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().maxRedirects(5).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/loop/x").toString())).get(0);

            assertEquals(ErrorType.REDIRECTS, result.error().type(), result.toString());
            assertEquals(6, server.requestCount(), "the first request and five redirects");
        }
    }

    @Test
    void redirectIsTheResultWhenNoneAreFollowed() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().maxRedirects(0).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/redirect/1/x").toString())).get(0);

            assertEquals(302, result.status(), result.toString());
            assertEquals(ErrorType.HTTP, result.error().type());
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void redirectToAnUnusableLocationEndsWithRedirects() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            List<String> urls = List.of(redirectTo(server, "ftp://x/"), redirectTo(server, "http://127.0.0.1:99999/x"));

            for (FetchResult result : salvo.fetchAll(urls)) {
                assertEquals(ErrorType.REDIRECTS, result.error().type(), result.toString());
                assertEquals(302, result.status());
            }
        }
    }

    private static String redirectTo(MisbehavingServer server, String location) {
        return server.url("/redirect-to?url=" + URLEncoder.encode(location, StandardCharsets.UTF_8)).toString();
    }

    @Test
    void redirectFromHttpToHttpsCrossesTransportsAndDropsCredentials() throws Exception {
        SalvoConfig config = SalvoConfig.builder().insecure(true).header("Authorization", "Bearer secret").build();
        try (MisbehavingServer plain = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer secure = MisbehavingServer.https("127.0.0.1");
             Salvo salvo = Salvo.create(config)) {
            String target = secure.url("/ok/upgraded").toString();
            FetchResult result = salvo.fetchAll(List.of(redirectTo(plain, target))).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(target, result.finalUrl());
            assertTrue(target.startsWith("https://"), target);
            assertNull(secure.lastRequest().header("Authorization"),
                    "another port is another host: the credentials stay behind");
        }
    }

    @Test
    void aRedirectedHopCountsAgainstTheHostItGoesTo() throws Exception {
        SalvoConfig config = SalvoConfig.builder().concurrency(20).perHost(2).build();
        try (MisbehavingServer target = MisbehavingServer.start("127.0.0.9");
             MisbehavingServer a = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer b = MisbehavingServer.start("127.0.0.2");
             MisbehavingServer c = MisbehavingServer.start("127.0.0.3");
             MisbehavingServer d = MisbehavingServer.start("127.0.0.4");
             Salvo salvo = Salvo.create(config)) {
            List<String> urls = new java.util.ArrayList<>();
            for (MisbehavingServer origin : List.of(a, b, c, d)) {
                for (int i = 0; i < 5; i++) {
                    urls.add(redirectTo(origin, target.url("/slow/100/" + origin.host() + "/" + i).toString()));
                }
            }
            List<FetchResult> results = salvo.fetchAll(urls);

            assertTrue(results.stream().allMatch(FetchResult::ok), results.toString());
            assertEquals(20, target.requestCount());
            // Four origins with two slots each could put eight hops on the target at once; its own
            // cap of two must hold.
            assertTrue(target.peakInflight() <= 2, "peak at the target: " + target.peakInflight());
            assertEquals(1, results.get(0).attempts(), "a hop is part of the attempt, not a new one");
        }
    }

    @Test
    void credentialsStayWithTheirHost() throws Exception {
        SalvoConfig config = SalvoConfig.builder().header("Authorization", "Bearer secret")
                .header("Cookie", "session=secret").build();
        try (MisbehavingServer first = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer second = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(config)) {
            String crossHost = first.url("/redirect-to?url="
                    + URLEncoder.encode(second.url("/echo/landed").toString(), StandardCharsets.UTF_8)).toString();
            String sameHost = first.url("/redirect/1/same").toString();

            List<FetchResult> results = salvo.fetchAll(List.of(crossHost, sameHost));

            assertTrue(results.get(0).ok(), results.get(0).toString());
            assertTrue(results.get(1).ok(), results.get(1).toString());
            RecordedRequest landed = second.lastRequest();
            assertEquals("/echo/landed", landed.path());
            assertNull(landed.header("Authorization"), "Authorization sent to another host");
            assertNull(landed.header("Cookie"), "Cookie sent to another host");
            assertTrue(landed.header("User-Agent").startsWith("Salvo/"), "other headers still go");
            for (RecordedRequest hop : first.requests()) {
                assertEquals("Bearer secret", hop.header("Authorization"), hop.toString());
                assertEquals("session=secret", hop.header("Cookie"), hop.toString());
            }
            assertEquals(3, first.requestCount(), "redirect-to, redirect/1 and redirect/0 on the first host");
        }
    }
}
