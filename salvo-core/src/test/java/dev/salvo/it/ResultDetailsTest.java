package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Results that answer the next question: the response's headers when asked, the redirect chain always. */
@Timeout(20)
class ResultDetailsTest {

    @Test
    void headersAreKeptWhenAskedRepeatedNamesInOrder() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/cookies", exchange -> exchange.respond(200, "hi", "Set-Cookie: a=1", "X-Custom: yes",
                        "Set-Cookie: b=2"))
                .start();
             Salvo keeping = Salvo.create(SalvoConfig.builder().keepHeaders(true).build());
             Salvo plain = Salvo.create(SalvoConfig.builder().build())) {
            FetchResult kept = keeping.fetchAll(List.of(server.url("/cookies").toString())).get(0);
            FetchResult notKept = plain.fetchAll(List.of(server.url("/cookies").toString())).get(0);

            assertTrue(kept.ok(), kept.toString());
            assertEquals(List.of("a=1", "b=2"), kept.headers().get("set-cookie"));
            assertEquals(List.of("yes"), kept.headers().get("x-custom"), "names are lower case");
            assertEquals(List.of("2"), kept.headers().get("content-length"));
            assertNull(notKept.headers(), "off by default, so results stay small");
        }
    }

    @Test
    void theRedirectChainIsRecordedWhenARedirectWasFollowed() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/redirect/2/x").toString(),
                    server.url("/ok/y").toString()));

            FetchResult redirected = results.get(0);
            assertTrue(redirected.ok(), redirected.toString());
            assertEquals(List.of(new FetchResult.Redirect(server.url("/redirect/2/x").toString(), 302),
                    new FetchResult.Redirect(server.url("/redirect/1/x").toString(), 302)), redirected.redirects());
            assertEquals(server.url("/redirect/0/x").toString(), redirected.finalUrl());
            assertEquals(List.of(), results.get(1).redirects());
        }
    }

    @Test
    void timingsSayWhereTheTimeWentAndAReusedConnectionCostsNothingToMake() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().perHost(1).build())) {
            FetchResult first = salvo.fetchAll(List.of(server.url("/ok/1").toString())).get(0);
            FetchResult second = salvo.fetchAll(List.of(server.url("/ok/2").toString())).get(0);

            FetchResult.Timings fresh = first.timings();
            assertEquals("127.0.0.1", fresh.remoteIp());
            assertTrue(fresh.connectNanos() > 0, fresh.toString());
            assertTrue(fresh.dnsNanos() >= 0, fresh.toString());
            assertEquals(0, fresh.tlsNanos(), "no TLS on http");
            assertTrue(fresh.ttfbNanos() >= fresh.connectNanos(), "time to first byte includes connecting: " + fresh);
            FetchResult.Timings reused = second.timings();
            assertEquals(1, server.connectionCount(), "the second request reused the connection");
            assertEquals(0, reused.dnsNanos() + reused.connectNanos() + reused.tlsNanos(), reused.toString());
            assertTrue(reused.ttfbNanos() > 0, reused.toString());
            assertEquals("127.0.0.1", reused.remoteIp());
        }
    }

    @Test
    void timingsOfAnHttpsConnectionIncludeTheHandshake() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.https();
             Salvo salvo = Salvo.create(SalvoConfig.builder().insecure(true).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/tls").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertTrue(result.timings().tlsNanos() > 0, result.timings().toString());
            assertTrue(result.timings().ttfbNanos() > result.timings().tlsNanos(), result.timings().toString());
        }
    }

    @Test
    void aRedirectLoopEndsWithItsChain() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().maxRedirects(3).build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/loop/z").toString())).get(0);

            assertEquals("redirects", result.error().type().wireName());
            assertEquals(3, result.redirects().size(), result.toString());
        }
    }
}
