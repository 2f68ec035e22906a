package dev.salvo.internal.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.SalvoConfig;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;
import dev.salvo.testing.FakeTime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The per-origin cache behind {@code --robots obey}, on a hand-driven clock and a transport that
 * answers every robots.txt at once: its bounds on memory (origins and bytes, least recently used
 * forgotten first), the 24-hour lifetime, the product token, and the cap on Crawl-delay.
 */
class RobotsCacheTest {

    private final FakeTime time = new FakeTime();
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private String body = "User-agent: *\nDisallow: /no\n";

    /** Answers each exchange with 200 and {@link #body}, on a later turn of the loop. */
    private final Transport transport = new Transport() {
        @Override
        public InFlight send(Exchange exchange, Consumer<Outcome> done) {
            asked.add(exchange.target().url());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            loop.add(() -> done.accept(new Outcome.Response(200, "text/plain", null, null, bytes.length, "00", bytes)));
            return (type, message) -> { };
        }

        @Override
        public void close() {
        }
    };

    private Robots robots(int maxOrigins, long maxBytes) {
        return new Robots(SalvoConfig.builder().timeSource(time).build(), transport, loop::add, maxOrigins, maxBytes);
    }

    private void fetch(Robots robots, String url) throws Exception {
        robots.fetch(Target.parse(url), time.nanoTime(), () -> { });
        Runnable task;
        while ((task = loop.poll()) != null) {
            task.run();
        }
    }

    private static Robots.Check.Kind kind(Robots robots, String url, FakeTime time) throws Exception {
        return robots.check(Target.parse(url), time.nanoTime()).kind();
    }

    @Test
    void atMostSoManyOriginsAreKeptTheLeastRecentlyUsedForgottenFirst() throws Exception {
        Robots robots = robots(2, Long.MAX_VALUE);
        fetch(robots, "http://a.test/x");
        fetch(robots, "http://b.test/x");
        assertEquals(Robots.Check.Kind.GO, kind(robots, "http://a.test/x", time));   // a is now the most recent
        fetch(robots, "http://c.test/x");

        assertEquals(2, robots.size());
        assertEquals(Robots.Check.Kind.FETCH, kind(robots, "http://b.test/x", time), "b was forgotten");
        assertEquals(Robots.Check.Kind.DISALLOWED, kind(robots, "http://a.test/no", time));
        assertEquals(Robots.Check.Kind.GO, kind(robots, "http://c.test/x", time));
    }

    @Test
    void robotsTxtBytesAreBoundedToo() throws Exception {
        body = "User-agent: *\n" + "Disallow: /no\n".repeat(100);   // 1414 bytes
        Robots robots = robots(1000, 4000);
        fetch(robots, "http://a.test/x");
        fetch(robots, "http://b.test/x");
        fetch(robots, "http://c.test/x");

        assertEquals(2, robots.size(), "three files of ~1.7 KB each with their overhead do not fit in 4000 bytes");
        assertEquals(Robots.Check.Kind.FETCH, kind(robots, "http://a.test/x", time));
    }

    @Test
    void aRobotsTxtIsKeptForADayThenFetchedAgain() throws Exception {
        Robots robots = robots(10, Long.MAX_VALUE);
        fetch(robots, "https://a.test/x");
        time.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals(Robots.Check.Kind.GO, kind(robots, "https://a.test/x", time));
        assertEquals(Robots.Check.Kind.FETCH, kind(robots, "http://a.test/x", time), "another origin (scheme)");
        time.advance(Duration.ofSeconds(1));
        assertEquals(Robots.Check.Kind.FETCH, kind(robots, "https://a.test/x", time));
        assertEquals(List.of("https://a.test/robots.txt"), asked);
    }

    @Test
    void theProductTokenIsTheUserAgentUpToItsFirstSlash() {
        assertEquals("salvo", RulesParser.productToken(SalvoConfig.defaultUserAgent()));
        assertEquals("mybot", RulesParser.productToken("  MyBot/2.1 (+https://example.com/bot)"));
        assertEquals("mozilla", RulesParser.productToken("Mozilla/5.0 (compatible; somebot/1.0)"));
        assertEquals("plain", RulesParser.productToken("plain"));
        assertEquals("two", RulesParser.productToken("two words"));
        assertEquals("", RulesParser.productToken(""));
    }

    @Test
    void aUserAgentHeaderWinsOverTheSetting() {
        SalvoConfig config = SalvoConfig.builder().userAgent("setting/1").header("user-agent", "Header/2").build();
        assertEquals("Header/2", Robots.userAgent(config));
    }

    @Test
    void aCrawlDelayOverFiveMinutesDisallowsTheSite() throws Exception {
        RulesParser parser = new RulesParser("salvo/1");
        Rules slow = parser.parse("http://a.test:80", "http://a.test/robots.txt",
                "User-agent: *\nCrawl-delay: 3600\n".getBytes(StandardCharsets.UTF_8), "text/plain");
        Rules fine = parser.parse("http://a.test:80", "http://a.test/robots.txt",
                "User-agent: *\nCrawl-delay: 300\n".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertFalse(slow.allows(Target.parse("http://a.test/x")));
        assertEquals("robots.txt of http://a.test:80 asks for a Crawl-delay of 3600 s for user agent 'salvo', more than "
                + "the 300 s Salvo waits; treated as disallowing the whole site", slow.refusal());
        assertTrue(fine.allows(Target.parse("http://a.test/x")));
        assertEquals(Duration.ofMinutes(5).toNanos(), fine.crawlDelayNanos());
    }
}
