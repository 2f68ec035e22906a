package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.RecordedRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link FetchRequest} built with its own method, headers, body and query parameters reaches
 * the server as built, through redirects and retries.
 */
@Timeout(20)
class RequestBuilderTest {

    @Test
    void methodHeadersBodyAndParamsAreSentAsBuilt() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().header("X-Config", "c").header("X-Both", "config")
                     .build())) {
            FetchRequest request = FetchRequest.builder(0, server.url("/echo/a?x=1").toString())
                    .method("post")
                    .header("Content-Type", "application/json")
                    .header("X-Both", "mine")
                    .header("X-Both", "mine too")
                    .body("{\"q\": \"é\"}")
                    .param("q", "a b&c")
                    .param("lang", "é")
                    .build();
            FetchResult result = fetch(salvo, request);

            assertTrue(result.ok(), result.toString());
            RecordedRequest received = server.lastRequest();
            assertEquals("POST", received.method());
            assertEquals("/echo/a?x=1&q=a+b%26c&lang=%C3%A9", received.target());
            assertEquals("{\"q\": \"é\"}", received.bodyAsString());
            assertEquals(String.valueOf("{\"q\": \"é\"}".getBytes(StandardCharsets.UTF_8).length),
                    received.header("Content-Length"));
            assertEquals("application/json", received.header("Content-Type"));
            assertEquals(List.of("mine", "mine too"), received.headerValues("X-Both"),
                    "a request's header replaces the config's of the same name");
            assertEquals("c", received.header("X-Config"), "other config headers are kept");
            assertEquals(request.url(), result.url(), "the result names the URL with its parameters");
        }
    }

    @Test
    void aRequestsUserAgentReplacesTheDefault() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            fetch(salvo, FetchRequest.builder(0, server.url("/ok/a").toString()).header("user-agent", "me/1").build());

            assertEquals(List.of("me/1"), server.lastRequest().headerValues("User-Agent"));
        }
    }

    @Test
    void redirectsThatTurnIntoGetDropTheBody307And308KeepIt() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            for (int status : new int[] {301, 302, 303, 307, 308}) {
                String target = "/echo/after-" + status;
                String url = server.url("/redirect-to?status=" + status + "&url="
                        + URLEncoder.encode(target, StandardCharsets.UTF_8)).toString();
                FetchResult result = fetch(salvo, FetchRequest.builder(0, url).method("POST")
                        .header("Content-Type", "text/plain").body("payload").build());

                assertTrue(result.ok(), result.toString());
                RecordedRequest received = server.requests(target).get(0);
                boolean kept = status == 307 || status == 308;
                assertEquals(kept ? "POST" : "GET", received.method(), "after " + status);
                assertEquals(kept ? "payload" : "", received.bodyAsString(), "after " + status);
                assertEquals(kept ? "text/plain" : null, received.header("Content-Type"), "after " + status);
            }
        }
    }

    @Test
    void aPostWithABodyIsNotRetriedAPutIsAndKeepsItsBody() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().retries(2).backoff(java.time.Duration.ofMillis(1))
                     .circuitFailures(0).build())) {
            FetchResult post = fetch(salvo, FetchRequest.builder(0, server.url("/flaky/1/post").toString())
                    .method("POST").body("once").build());
            FetchResult put = fetch(salvo, FetchRequest.builder(0, server.url("/flaky/1/put").toString())
                    .method("PUT").body("twice").build());

            assertEquals(503, post.status(), post.toString());
            assertEquals(1, post.attempts(), "POST is not idempotent: sent once");
            assertTrue(put.ok(), put.toString());
            assertEquals(2, put.attempts());
            List<RecordedRequest> puts = server.requests("/flaky/1/put");
            assertEquals(List.of("twice", "twice"), puts.stream().map(RecordedRequest::bodyAsString).toList());
        }
    }

    @Test
    void invalidInputIsNeverSentAndSaysWhy() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            FetchResult result = fetch(salvo, FetchRequest.builder(4, server.url("/ok/a").toString()).id("x")
                    .invalidInput("unknown field \"methd\"").build());

            assertEquals(ErrorType.INVALID_INPUT, result.error().type());
            assertEquals("unknown field \"methd\"", result.error().message());
            assertEquals("x", result.id());
            assertEquals(4, result.index());
            assertEquals(0, result.attempts());
            assertNull(result.status());
            assertEquals(0, server.requestCount());
        }
    }

    private static FetchResult fetch(Salvo salvo, FetchRequest request) {
        List<FetchResult> results = new ArrayList<>();
        Consumer<FetchResult> sink = results::add;
        salvo.fetch(List.of(request).iterator(), sink);
        assertEquals(1, results.size());
        return results.get(0);
    }
}
