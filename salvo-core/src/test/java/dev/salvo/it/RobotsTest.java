package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.RobotsTxt;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.Handler;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.RecordedRequest;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * robots.txt with {@link RobotsTxt#OBEY}, against real servers on loopback: rules (groups, wildcards,
 * {@code $}), 4xx as allow-all, 5xx and no answer as disallow-all with one later retry, the file
 * fetched once per origin under the host's limits, redirects checked hop by hop (the file's own
 * followed), and Crawl-delay spacing on an injected clock.
 */
@Timeout(60)
class RobotsTest {

    private static final String RULES = """
            # A group for everybody else, then Salvo's own.
            User-agent: *
            Disallow: /

            User-agent: otherbot
            User-agent: salvo
            Disallow: /ok/private
            Allow: /ok/private/open
            Disallow: /*.pdf$
            """;

    private static SalvoConfig.Builder obey() {
        return SalvoConfig.builder().robots(RobotsTxt.OBEY).retries(0);
    }

    private static Handler serve(String robotsTxt) {
        return exchange -> exchange.respond(200, robotsTxt);
    }

    private static Map<String, FetchResult> byPath(MisbehavingServer server, List<FetchResult> results) {
        Map<String, FetchResult> map = new ConcurrentHashMap<>();
        for (FetchResult result : results) {
            map.put(result.url().substring(server.baseUrl().length()), result);
        }
        return map;
    }

    @Test
    void agentGroupWildcardsAndEndAnchorDecide() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", serve(RULES)).start();
             Salvo salvo = Salvo.create(obey().build())) {
            List<String> paths = List.of("/ok/public", "/ok/private/x", "/ok/private/open/y", "/ok/doc.pdf",
                    "/ok/doc.pdf?page=2", "/ok/doc.pdfx");
            Map<String, FetchResult> results = byPath(server, salvo.fetchAll(
                    paths.stream().map(p -> server.url(p).toString()).toList()));

            assertTrue(results.get("/ok/public").ok(), results.toString());
            assertTrue(results.get("/ok/private/open/y").ok(), "the longer Allow wins: " + results);
            assertTrue(results.get("/ok/doc.pdf?page=2").ok(), "$ anchors the end: " + results);
            assertTrue(results.get("/ok/doc.pdfx").ok(), results.toString());
            for (String refused : List.of("/ok/private/x", "/ok/doc.pdf")) {
                FetchResult result = results.get(refused);
                assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
                assertEquals(0, result.attempts(), "nothing was sent");
                assertNull(result.status());
                assertEquals("robots.txt of " + server.baseUrl() + " disallows it for user agent 'salvo'",
                        result.error().message());
            }
            assertEquals(0, server.requestCount("/ok/private/x"), "the server never saw a disallowed URL");
            assertEquals(List.of("/ok/doc.pdf?page=2"), server.requests("/ok/doc.pdf").stream()
                    .map(RecordedRequest::target).toList(), "the server never saw a disallowed URL");
            assertEquals(1, server.requestCount("/robots.txt"), "robots.txt fetched once");
            assertEquals(List.of("Salvo/" + Salvo.version() + " (bulk URL fetcher)"),
                    server.requests("/robots.txt").get(0).headerValues("User-Agent"));
        }
    }

    @Test
    void anotherProductTokenGetsTheWildcardGroup() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", serve(RULES)).start();
             Salvo salvo = Salvo.create(obey().userAgent("NewBot/2.0 (+https://example.com/bot)").build())) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/public").toString())).get(0);

            assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
            assertTrue(result.error().message().endsWith("for user agent 'newbot'"), result.toString());
            assertEquals(1, server.requestCount(), "only robots.txt");
        }
    }

    @Test
    void ignoreIsTheDefaultAndReadsNoRobotsTxt() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", serve(RULES)).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            assertEquals(RobotsTxt.IGNORE, SalvoConfig.builder().build().robots());
            FetchResult result = salvo.fetchAll(List.of(server.url("/ok/private/x").toString())).get(0);

            assertTrue(result.ok(), result.toString());
            assertEquals(0, server.requestCount("/robots.txt"));
        }
    }

    @Test
    void missingRobotsTxtAllowsEverything() throws Exception {
        // No route: /robots.txt is a 404, and a 403 reads the same (RFC 9309 2.3.1.3).
        try (MisbehavingServer server404 = MisbehavingServer.start();
             MisbehavingServer server403 = MisbehavingServer.builder().address("127.0.0.2")
                     .route("/robots.txt", exchange -> exchange.respond(403, "no")).start();
             Salvo salvo = Salvo.create(obey().build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server404.url("/ok/a").toString(),
                    server404.url("/ok/b").toString(), server403.url("/ok/c").toString()));

            results.forEach(r -> assertTrue(r.ok(), r.toString()));
            assertEquals(1, server404.requestCount("/robots.txt"));
            assertEquals(1, server403.requestCount("/robots.txt"));
        }
    }

    @Test
    void robotsTxtIsFetchedOncePerOriginUnderTheHostsLimits() throws Exception {
        // Slow enough that every URL queues behind it; --per-host 1 must hold with it counted.
        Handler slowRobots = exchange -> {
            exchange.pause(Duration.ofMillis(200));
            exchange.respond(200, "User-agent: *\nDisallow: /ok/no\n");
        };
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", slowRobots).start();
             Salvo salvo = Salvo.create(obey().perHost(1).build())) {
            List<String> urls = new ArrayList<>(Inputs.urls(server, "/ok/yes", 15));
            urls.addAll(Inputs.urls(server, "/ok/no", 5));
            List<FetchResult> results = salvo.fetchAll(urls);

            assertEquals(20, results.size(), "robots.txt is no result of its own");
            assertEquals(15, results.stream().filter(FetchResult::ok).count(), results.toString());
            assertEquals(5, results.stream().filter(r -> r.error() != null
                    && r.error().type() == ErrorType.ROBOTS).count(), results.toString());
            assertEquals(1, server.requestCount("/robots.txt"));
            assertEquals(16, server.requestCount(), "robots.txt and the 15 allowed URLs");
            assertEquals(1, server.peakInflight(), "the robots.txt fetch counts against --per-host");
        }
    }

    @Test
    void serverErrorDisallowsTheSiteAndIsAskedAgainOnceLater() throws Exception {
        FakeTime time = new FakeTime();
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/robots.txt", exchange -> exchange.respond(503, "busy")).start();
             Salvo salvo = Salvo.create(obey().timeSource(time).build())) {
            Inputs.Live input = new Inputs.Live();
            Results results = new Results();
            FetchRun run = salvo.start(input, results);

            input.add(List.of(server.url("/ok/a").toString()));
            assertTrue(results.await(r -> true, 1, Duration.ofSeconds(20)), results.all().toString());
            time.advance(Duration.ofSeconds(30));   // before the retry is due: still refused, not asked
            input.add(List.of(server.url("/ok/b").toString()));
            assertTrue(results.await(r -> true, 2, Duration.ofSeconds(20)), results.all().toString());
            time.advance(Duration.ofSeconds(31));   // past it: asked again, once
            input.add(List.of(server.url("/ok/c").toString()));
            assertTrue(results.await(r -> true, 3, Duration.ofSeconds(20)), results.all().toString());
            time.advance(Duration.ofSeconds(120));
            input.add(List.of(server.url("/ok/d").toString()));
            input.end();
            run.await(Duration.ofSeconds(20));

            List<FetchResult> all = results.byIndex();
            assertEquals(4, all.size());
            for (FetchResult result : all) {
                assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
            }
            assertEquals("robots.txt of " + server.baseUrl() + " could not be fetched (HTTP 503); RFC 9309 then "
                    + "disallows the whole site (it is asked again once, 60 s later)", all.get(0).error().message());
            assertTrue(all.get(3).error().message().endsWith("(asked twice; not asked again in this run)"),
                    all.get(3).toString());
            assertEquals(2, server.requestCount("/robots.txt"), "asked at the start and once again later");
            assertEquals(2, server.requestCount(), "no URL was sent");
        }
    }

    @Test
    void aRetryThatSucceedsAllowsLaterUrls() throws Exception {
        FakeTime time = new FakeTime();
        AtomicInteger asked = new AtomicInteger();
        Handler failOnce = exchange -> {
            if (asked.getAndIncrement() == 0) {
                exchange.resetConnection();   // no answer at all: unreachable, like a 5xx
            } else {
                exchange.respond(200, "User-agent: *\nDisallow: /ok/no\n");
            }
        };
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", failOnce).start();
             Salvo salvo = Salvo.create(obey().timeSource(time).build())) {
            Inputs.Live input = new Inputs.Live();
            Results results = new Results();
            FetchRun run = salvo.start(input, results);

            input.add(List.of(server.url("/ok/a").toString()));
            assertTrue(results.await(r -> true, 1, Duration.ofSeconds(20)), results.all().toString());
            time.advance(Duration.ofSeconds(61));
            input.add(List.of(server.url("/ok/b").toString(), server.url("/ok/no").toString()));
            input.end();
            run.await(Duration.ofSeconds(20));

            Map<String, FetchResult> byPath = byPath(server, results.all());
            assertEquals(ErrorType.ROBOTS, byPath.get("/ok/a").error().type());
            assertTrue(byPath.get("/ok/a").error().message().contains("could not be fetched (reset: "),
                    byPath.get("/ok/a").toString());
            assertTrue(byPath.get("/ok/b").ok(), byPath.toString());
            assertEquals(ErrorType.ROBOTS, byPath.get("/ok/no").error().type());
            assertEquals(2, server.requestCount("/robots.txt"));
        }
    }

    @Test
    void unreachableHostIsDisallowed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Salvo salvo = Salvo.create(obey().build())) {
            FetchResult result = salvo.fetchAll(List.of("http://127.0.0.1:" + closedPort + "/x")).get(0);

            assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
            assertTrue(result.error().message().startsWith("robots.txt of http://127.0.0.1:" + closedPort
                    + " could not be fetched (connect: "), result.toString());
            assertEquals(0, result.attempts());
        }
    }

    @Test
    void robotsTxtGoesThroughTheTransportsNameAndAddressRules() throws Exception {
        try (MisbehavingServer allowed = MisbehavingServer.builder()
                     .route("/robots.txt", serve("User-agent: *\nDisallow: /ok/no\n")).start();
             MisbehavingServer denied = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(obey().resolve("robots.test:" + allowed.port() + ":127.0.0.1")
                     .deny("127.0.0.2/32").build())) {
            String named = "http://robots.test:" + allowed.port();
            List<FetchResult> results = salvo.fetchAll(List.of(named + "/ok/yes", named + "/ok/no",
                    denied.url("/ok/x").toString()));

            assertTrue(results.get(0).ok(), results.get(0).toString());
            assertEquals(ErrorType.ROBOTS, results.get(1).error().type(), results.get(1).toString());
            assertTrue(results.get(1).error().message().startsWith("robots.txt of " + named + " disallows"));
            assertEquals("robots.test:" + allowed.port(), allowed.requests("/robots.txt").get(0).header("Host"));
            // The guard refuses robots.txt like any request; the URL keeps its own blocked record.
            assertEquals(ErrorType.BLOCKED, results.get(2).error().type(), results.get(2).toString());
            assertEquals(0, denied.requestCount(), "nothing reached the denied address");
        }
    }

    @Test
    void robotsTxtIsReadOverHttp2Too() throws Exception {
        // Bodies are not kept for the run (no --include-body): robots.txt's own body still is.
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                     .respond("/robots.txt", "User-agent: *\nDisallow: /no\n".getBytes(StandardCharsets.UTF_8),
                             "content-type: text/plain").start();
             Salvo salvo = Salvo.create(obey().http2PriorKnowledge(true).build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/yes").toString(),
                    server.url("/no").toString()));

            assertTrue(results.get(0).ok(), results.get(0).toString());
            assertEquals(ErrorType.ROBOTS, results.get(1).error().type(), results.get(1).toString());
            assertEquals(List.of("/robots.txt", "/yes"), server.requests().stream()
                    .map(NettyHttpServer.Seen::path).toList());
            assertTrue(server.requests().stream().allMatch(seen -> seen.protocol().equals("HTTP/2")),
                    server.requests().toString());
        }
    }

    /**
     * A robots.txt of 700 KiB: its first 512 KiB are read and obeyed and the rest is ignored (RFC
     * 9309 2.5 asks parsers to read at least 500 KiB; Google ignores what follows), rather than the
     * whole site being refused as unreachable. The line cut by the cap ("Disallow: /o" of
     * "Disallow: /ok") is dropped, not read as a shorter rule.
     */
    static String largeRobotsTxt() {
        int cap = 512 * 1024;
        StringBuilder text = new StringBuilder("User-agent: *\nDisallow: /no\n");
        String padding = "# " + "a comment that pads the file past the size a parser must read ".repeat(2) + "\n";
        while (text.length() + padding.length() <= cap - 12) {
            text.append(padding);
        }
        text.append("#".repeat(cap - 12 - text.length() - 1)).append('\n');
        text.append("Disallow: /ok\n");   // crosses the cap: only "Disallow: /o" is within it
        while (text.length() < 700 * 1024) {
            text.append(padding);
        }
        return text.append("Disallow: /late\n").toString();
    }

    /** Sent to the server (whatever it answered), not refused by robots.txt. */
    private static boolean sent(FetchResult result) {
        return result.status() != null && result.attempts() == 1;
    }

    private static void assertLargeRobotsTxtReadUpToTheCap(List<FetchResult> results) {
        assertTrue(sent(results.get(0)), "the file's head is obeyed, not the whole site refused: " + results.get(0));
        assertEquals(ErrorType.ROBOTS, results.get(1).error().type(), results.get(1).toString());
        assertTrue(sent(results.get(2)), "the rule cut by the cap is dropped: " + results.get(2));
        assertTrue(sent(results.get(3)), "a rule past the cap is not read: " + results.get(3));
    }

    @Test
    void aRobotsTxtOverTheCapIsReadUpToIt() throws Exception {
        String robots = largeRobotsTxt();
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", serve(robots)).start();
             Salvo salvo = Salvo.create(obey().build())) {
            assertLargeRobotsTxtReadUpToTheCap(salvo.fetchAll(List.of(server.url("/yes").toString(),
                    server.url("/no").toString(), server.url("/ok/x").toString(), server.url("/late").toString())));
            assertEquals(1, server.requestCount("/robots.txt"));
        }
    }

    @Test
    void aRobotsTxtOverTheCapIsReadUpToItWithCompressionOffered() throws Exception {
        // --compressed: robots.txt is asked for without a content coding, so that it can be cut.
        String robots = largeRobotsTxt();
        try (MisbehavingServer server = MisbehavingServer.builder().route("/robots.txt", serve(robots)).start();
             Salvo salvo = Salvo.create(obey().compressed(true).build())) {
            assertLargeRobotsTxtReadUpToTheCap(salvo.fetchAll(List.of(server.url("/yes").toString(),
                    server.url("/no").toString(), server.url("/ok/x").toString(), server.url("/late").toString())));
            assertEquals(List.of("identity"), server.requests("/robots.txt").get(0).headerValues("Accept-Encoding"));
        }
    }

    @Test
    void aRobotsTxtOverTheCapIsReadUpToItOverHttp2() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                     .respond("/robots.txt", largeRobotsTxt().getBytes(StandardCharsets.UTF_8),
                             "content-type: text/plain").start();
             Salvo salvo = Salvo.create(obey().http2PriorKnowledge(true).build())) {
            assertLargeRobotsTxtReadUpToTheCap(salvo.fetchAll(List.of(server.url("/yes").toString(),
                    server.url("/no").toString(), server.url("/ok/x").toString(), server.url("/late").toString())));
        }
    }

    @Test
    void redirectIntoADisallowedPathIsRefusedOnEveryHop() throws Exception {
        try (MisbehavingServer target = MisbehavingServer.builder().address("127.0.0.2")
                     .route("/robots.txt", serve("User-agent: *\nDisallow: /ok/private\n")).start();
             MisbehavingServer origin = MisbehavingServer.builder()
                     .route("/robots.txt", serve("User-agent: *\nDisallow: /ok/mine\n")).start();
             Salvo salvo = Salvo.create(obey().build())) {
            String crossHost = redirectTo(origin, target.url("/ok/private/x").toString());
            String sameHost = redirectTo(origin, origin.url("/ok/mine/y").toString());
            String allowed = redirectTo(origin, target.url("/ok/public").toString());
            List<FetchResult> results = salvo.fetchAll(List.of(crossHost, sameHost, allowed));

            FetchResult refused = results.get(0);
            assertEquals(ErrorType.ROBOTS, refused.error().type(), refused.toString());
            assertEquals("redirect to " + target.url("/ok/private/x") + ": robots.txt of " + target.baseUrl()
                    + " disallows it for user agent 'salvo'", refused.error().message());
            assertEquals(1, refused.attempts());
            assertEquals(List.of(new FetchResult.Redirect(crossHost, 302)), refused.redirects());
            assertEquals(ErrorType.ROBOTS, results.get(1).error().type(), results.get(1).toString());
            assertTrue(results.get(2).ok(), results.get(2).toString());
            assertEquals(0, target.requestCount("/ok/private/x"));
            assertEquals(0, origin.requestCount("/ok/mine/y"));
            assertEquals(1, target.requestCount("/robots.txt"));
            assertEquals(1, origin.requestCount("/robots.txt"));
        }
    }

    @Test
    void robotsTxtRedirectsAreFollowedUpToFive() throws Exception {
        try (MisbehavingServer elsewhere = MisbehavingServer.builder().address("127.0.0.2")
                     .route("/rules.txt", serve("User-agent: *\nDisallow: /ok/no\n")).start();
             MisbehavingServer server = MisbehavingServer.builder()
                     .route("/robots.txt", exchange -> exchange.respond(301, "moved",
                             "Location: " + elsewhere.url("/rules.txt")))
                     .start();
             MisbehavingServer looping = MisbehavingServer.builder().address("127.0.0.3")
                     .route("/robots.txt", exchange -> exchange.respond(302, "again", "Location: /robots.txt")).start();
             Salvo salvo = Salvo.create(obey().build())) {
            List<FetchResult> results = salvo.fetchAll(List.of(server.url("/ok/no").toString(),
                    server.url("/ok/yes").toString(), looping.url("/ok/no").toString()));

            assertEquals(ErrorType.ROBOTS, results.get(0).error().type(), results.get(0).toString());
            assertTrue(results.get(1).ok(), results.get(1).toString());
            assertTrue(results.get(2).ok(), "more than five redirects: unavailable, so allowed: " + results.get(2));
            assertEquals(1, elsewhere.requestCount("/rules.txt"));
            assertEquals(6, looping.requestCount("/robots.txt"), "the first request and five redirects");
        }
    }

    @Test
    void crawlDelaySpacesRequestsOnTheInjectedClock() throws Exception {
        FakeTime time = new FakeTime();
        List<String> seen = new CopyOnWriteArrayList<>();
        Handler record = exchange -> {
            seen.add(exchange.request().path() + " at " + Duration.ofNanos(time.elapsedNanos()).toMillis() + "ms");
            exchange.respond(200, exchange.request().path().equals("/robots.txt")
                    ? "User-agent: *\nCrawl-delay: 2\n" : "ok");
        };
        try (MisbehavingServer server = MisbehavingServer.builder().route("/", record).start();
             MisbehavingServer other = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(obey().perHost(4).timeSource(time).build())) {
            Results results = new Results();
            List<String> urls = new ArrayList<>(IntStream.range(0, 3).mapToObj(i -> server.url("/p" + i).toString())
                    .toList());
            urls.add(other.url("/ok/fast").toString());
            FetchRun run = salvo.start(Inputs.requests(urls), results);
            // The other host has no Crawl-delay: it is never held back by this one's.
            assertTrue(results.await(r -> r.url().contains("/ok/fast"), 1, Duration.ofSeconds(20)));
            // Each timer runs only once the server has seen what the last one let through, so the
            // clock it reads is the one the request was sent at.
            for (int timers = 0; seen.size() < 4 && timers < 20; timers++) {
                int before = seen.size();
                time.awaitPendingTimer(Duration.ofSeconds(20));
                time.runNextTimer();
                awaitUntil(() -> seen.size() > before, Duration.ofSeconds(2));   // false: it was another timer
            }
            assertTrue(run.await(Duration.ofSeconds(20)));

            assertEquals(List.of("/robots.txt at 0ms", "/p0 at 2000ms", "/p1 at 4000ms", "/p2 at 6000ms"), seen);
            results.all().forEach(r -> assertTrue(r.ok(), r.toString()));
        }
    }

    /** Whether {@code condition} held within {@code limit} of real time. */
    private static boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);   // polling a real server's record, not timing anything
        }
        return true;
    }

    private static String redirectTo(MisbehavingServer server, String location) {
        return server.url("/redirect-to?url=" + URLEncoder.encode(location, StandardCharsets.UTF_8)).toString();
    }
}
