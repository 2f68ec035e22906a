package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;
import dev.salvo.internal.engine.ScriptedTransport.Step;
import dev.salvo.internal.transport.Outcome;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine's invariants, checked on thousands of generated workloads run in the
 * {@link Simulation}: many hosts; answers drawn from 2xx, 4xx, 5xx, 429 and 503 with and without
 * Retry-After (seconds and dates), rate-limit fields saying nothing is left, timeouts, resets and refused connections; redirects within
 * and across hosts and schemes, and redirect loops; global and per-host rate limits; adaptive per-host limits; a cap per address shared by host names; circuits
 * opening and probing; a stop at a random moment. See {@link #check} for the invariants.
 *
 * <p>Each workload is built from one seed. A failing case prints its seed; replay it alone with
 * {@code mvn test -pl salvo-core -Dtest=SimulationProperties#replay -Dsalvo.sim.seed=<seed>}.
 */
class SimulationProperties {

    /** Workloads per build; each build draws new seeds, so CI explores new cases every run. */
    private static final int CASES = 2000;

    @Test
    void everyWorkloadKeepsTheInvariants() {
        // A plain seeded loop rather than a property-testing library: generation lives in
        // Workload.generate, so all a runner adds is seeds, and a failure names its own seed.
        long base = Long.getLong("salvo.sim.base", new Random().nextLong());
        Random seeds = new Random(base);
        for (int i = 0; i < CASES; i++) {
            run(seeds.nextLong());
        }
    }

    /** Replays one seed given as {@code -Dsalvo.sim.seed}; without it, a fixed one. */
    @Test
    void replay() {
        run(Long.parseLong(System.getProperty("salvo.sim.seed", "42")));
    }

    private static void run(long seed) {
        Workload workload = Workload.generate(seed);
        Simulation sim = workload.simulation();
        try {
            workload.play(sim);
            check(sim, workload);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulation seed " + seed + " failed (" + workload + "); replay with "
                    + "-Dtest=SimulationProperties#replay -Dsalvo.sim.seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    /** The invariants every run must keep. */
    private static void check(Simulation sim, Workload w) {
        // The run ends, with exactly one result per admitted request, under the right index.
        assertEquals(List.of(), sim.problems, "duplicate results");
        assertEquals(sim.admitted(), sim.results.size(), "one result per admitted request (the run ended)");
        for (Map.Entry<Long, FetchResult> entry : sim.results.entrySet()) {
            assertEquals((long) entry.getKey(), entry.getValue().index(), "result under the right index");
            assertEquals(w.urls.get((int) (long) entry.getKey()), entry.getValue().url(), "result for its URL");
        }
        // Never more than the global or a host's cap in flight.
        if (sim.transport.peakInFlight() > sim.config.concurrency()) {
            throw new AssertionError("in flight peaked at " + sim.transport.peakInFlight() + " over the cap "
                    + sim.config.concurrency());
        }
        sim.transport.peakByHost().forEach((host, peak) -> {
            // A robots.txt moved to another host is fetched there under its origin's lease (see checkRobots).
            if (peak > sim.config.perHost() && !host.equals(Workload.MOVED_ROBOTS_HOST)) {
                throw new AssertionError(host + " peaked at " + peak + " in flight over its cap " + sim.config.perHost());
            }
        });
        // With adaptive limits, never more in flight to a host than its limit at that moment.
        if (sim.config.adaptive()) {
            checkAdaptiveLimits(sim);
        }
        // With a cap per address, never more in flight to one address over all its names.
        if (sim.config.perIp() > 0) {
            for (ScriptedTransport.Sent sent : sim.transport.sent()) {
                if (sent.addressInFlight() > sim.config.perIp()
                        && !sent.hostKey().equals(Workload.MOVED_ROBOTS_HOST)) {   // under its origin's lease
                    throw new AssertionError(sent.hostKey() + "'s address had " + sent.addressInFlight()
                            + " in flight at " + sent.atNanos() + " over the per-address cap " + sim.config.perIp());
                }
            }
        }
        // Nothing sent to a host while it is paused (Retry-After or rate-limit fields).
        checkPauses(sim);
        // Never a host's (or the global) rate exceeded in any window.
        Map<String, List<Long>> sendsByHost = new HashMap<>();
        List<Long> allSends = new ArrayList<>();
        for (ScriptedTransport.Sent sent : sim.transport.sent()) {
            sendsByHost.computeIfAbsent(sent.hostKey(), h -> new ArrayList<>()).add(sent.atNanos());
            allSends.add(sent.atNanos());
        }
        if (sim.config.perHostRate() > 0) {
            sendsByHost.forEach((host, times) -> checkRate(host, times, sim.config.perHostRate(),
                    sim.config.effectiveBurst(sim.config.perHostRate())));
        }
        if (sim.config.rate() > 0) {
            checkRate("all hosts", allSends, sim.config.rate(), sim.config.effectiveBurst(sim.config.rate()));
        }
        // An attempt is always counted against the host it was sent to.
        assertEquals(List.of(), sim.attemptsCountedAgainstAnotherHost(), "attempts counted against another host");
        // Every AttemptStarted has its AttemptFinished, for the same request, attempt and host.
        Map<String, Integer> open = new HashMap<>();
        for (SalvoEvent event : sim.events) {
            if (event instanceof SalvoEvent.AttemptStarted s) {
                open.merge(s.request().index() + "#" + s.attempt() + "@" + s.host(), 1, Integer::sum);
            } else if (event instanceof SalvoEvent.AttemptFinished f) {
                open.merge(f.request().index() + "#" + f.attempt() + "@" + f.host(), -1, Integer::sum);
            }
        }
        open.values().removeIf(v -> v == 0);
        assertEquals(Map.of(), open, "attempts started and finished do not balance");
        // Every circuit that opened is closed again (by a probe, or by being forgotten).
        Map<String, Boolean> circuitOpen = new HashMap<>();
        for (SalvoEvent event : sim.events) {
            if (event instanceof SalvoEvent.CircuitOpened o) {
                circuitOpen.put(o.host(), true);
            } else if (event instanceof SalvoEvent.CircuitClosed c) {
                if (circuitOpen.remove(c.host()) == null) {
                    throw new AssertionError("CircuitClosed for " + c.host() + " that was not open");
                }
            }
        }
        assertEquals(Map.of(), circuitOpen, "circuits still open at the end");
        if (w.robots) {
            checkRobots(sim, w);
        }
        // Nothing left behind: no live timer, an empty host table, gauges back at zero.
        assertEquals(0, sim.time.pendingCount(), "timers left: " + sim.time);
        assertEquals(0, sim.dispatcher.hostCount(), "hosts left in the table");
        assertEquals(new dev.salvo.EngineSnapshot(0, 0, 0, 0, 0), sim.dispatcher.snapshot());
    }

    /**
     * Replays the timeline: each exchange sent must find its host with no more in flight (itself
     * included) than the limit the last HostLimitChanged for that host set, and that limit within
     * [1, perHost].
     */
    private static void checkAdaptiveLimits(Simulation sim) {
        Map<String, Integer> limits = new HashMap<>();
        for (Object step : sim.timeline) {
            if (step instanceof SalvoEvent.HostLimitChanged changed) {
                if (changed.limit() < 1 || changed.limit() > sim.config.perHost()) {
                    throw new AssertionError(changed + " outside [1, " + sim.config.perHost() + "]");
                }
                limits.put(changed.host(), changed.limit());
            } else if (step instanceof ScriptedTransport.Sent sent
                    && !sent.hostKey().equals(Workload.MOVED_ROBOTS_HOST)) {   // under its origin's lease
                Integer limit = limits.get(sent.hostKey());
                if (limit == null || sent.hostInFlight() > limit) {
                    throw new AssertionError(sent.hostKey() + " had " + sent.hostInFlight()
                            + " in flight at " + sent.atNanos() + " over its adaptive limit " + limit);
                }
            }
        }
    }

    /** Replays the timeline: no exchange goes to a host between a HostPaused and the end of that pause. */
    private static void checkPauses(Simulation sim) {
        Map<String, Long> pausedUntil = new HashMap<>();
        for (Object step : sim.timeline) {
            if (step instanceof SalvoEvent.HostPaused paused) {
                long until = sim.eventNanos.get(paused) + paused.delay().toNanos();
                pausedUntil.merge(paused.host(), until, Math::max);
            } else if (step instanceof ScriptedTransport.Sent sent) {
                Long until = pausedUntil.get(sent.hostKey());
                if (until != null && sent.atNanos() < until) {
                    throw new AssertionError(sent.hostKey() + " sent to at " + sent.atNanos() + ", paused until " + until);
                }
            }
        }
    }

    /**
     * With robots.txt obeyed: no request to an origin before its robots.txt was asked for; that
     * file asked for at most twice (once, and once again after it could not be fetched); nothing
     * its rules disallow sent (nothing at all where it never answered); results with
     * {@code robots} only where robots.txt says so; and Crawl-delay's spacing kept between any two
     * requests to its origin, robots.txt included.
     */
    private static void checkRobots(Simulation sim, Workload w) {
        Map<String, Integer> robotsAsked = new HashMap<>();
        Map<String, List<Long>> sendsByOrigin = new HashMap<>();
        for (ScriptedTransport.Sent sent : sim.transport.sent()) {
            dev.salvo.internal.url.Target target = sent.exchange().target();
            String origin = (target.secure() ? "https://" : "http://") + target.hostKey();
            String path = target.pathAndQuery();
            if (target.connectHost().equals(Workload.MOVED_ROBOTS_HOST.split(":")[0])) {
                continue;   // a hop of some origin's robots.txt fetch
            }
            sendsByOrigin.computeIfAbsent(origin, o -> new ArrayList<>()).add(sent.atNanos());
            if (path.equals("/robots.txt")) {
                robotsAsked.merge(origin, 1, Integer::sum);
                continue;
            }
            if (!robotsAsked.containsKey(origin)) {
                throw new AssertionError(target + " sent before " + origin + "/robots.txt was asked for");
            }
            Workload.RobotsKind kind = w.robotsKind(target.connectHost());
            if (kind == Workload.RobotsKind.UNREACHABLE) {
                throw new AssertionError(target + " sent although " + origin + "/robots.txt never answered");
            }
            if (kind.disallowed != null && path.startsWith(kind.disallowed)) {
                throw new AssertionError(target + " sent although robots.txt disallows " + kind.disallowed);
            }
        }
        robotsAsked.forEach((origin, asked) -> {
            if (asked > 2) {
                throw new AssertionError(origin + "/robots.txt asked for " + asked + " times");
            }
        });
        sendsByOrigin.forEach((origin, times) -> {
            String host = origin.substring(origin.indexOf("//") + 2, origin.lastIndexOf(':'));
            long delay = w.robotsKind(host).crawlDelayNanos;
            for (int i = 1; delay > 0 && i < times.size(); i++) {
                if (times.get(i) - times.get(i - 1) < delay) {
                    throw new AssertionError(origin + ": two requests " + Duration.ofNanos(times.get(i) - times.get(i - 1))
                            + " apart, under its Crawl-delay of " + Duration.ofNanos(delay));
                }
            }
        });
        for (FetchResult result : sim.results.values()) {
            if (result.error() != null && result.error().type() == ErrorType.ROBOTS) {
                String message = result.error().message();
                if (!message.contains("disallows it for user agent 'salvo'") && !message.contains("could not be fetched")) {
                    throw new AssertionError("a robots refusal that names no robots.txt: " + result);
                }
            }
        }
    }

    /** In any window [t_i, t_j], at most burst + rate * (t_j - t_i) requests went out. */
    private static void checkRate(String who, List<Long> times, double perSecond, int burst) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + burst; j < sorted.size(); j++) {
                double allowed = burst + perSecond * (sorted.get(j) - sorted.get(i)) / 1e9 + 1e-6;
                if (j - i + 1 > allowed) {
                    throw new AssertionError(who + ": " + (j - i + 1) + " requests within "
                            + Duration.ofNanos(sorted.get(j) - sorted.get(i)) + ", over rate " + perSecond
                            + "/s with burst " + burst);
                }
            }
        }
    }

    /** One generated workload: a configuration, URLs with scripted answers, and when things happen. */
    private static final class Workload {
        private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

        final long seed;
        final Random random;
        final List<String> urls = new ArrayList<>();
        final List<Integer> batches = new ArrayList<>();
        final List<Long> batchGapsNanos = new ArrayList<>();
        long stopAtNanos = -1;
        long graceNanos;
        int concurrency;
        int perHost;
        int retries;
        int circuitFailures;
        long cooldownMillis;
        int maxRedirects;
        double rate;
        double perHostRate;
        int burst;
        int maxDormant;
        long timeoutMillis;
        boolean adaptive;
        int perIp;
        final List<String> hosts = new ArrayList<>();
        /** Obey robots.txt; each host's answers its robots.txt with {@link #robotsKinds}. */
        boolean robots;
        final Map<String, RobotsKind> robotsKinds = new HashMap<>();
        final Map<String, Integer> robotsAnswered = new HashMap<>();

        /** Where a {@link RobotsKind#MOVED} robots.txt redirects to; no URL of the workload is there. */
        static final String MOVED_ROBOTS_HOST = "moved-robots.test:80";

        /** How a host's robots.txt answers. */
        enum RobotsKind {
            RULES("/p1", 0),
            CRAWL_DELAY("/p2", 500_000_000L),
            MISSING(null, 0),
            UNREACHABLE(null, 0),
            /** Fails (connect) the first time, then answers as RULES. */
            FLAKY("/p1", 0),
            /** 301 to another host, where the RULES are. */
            MOVED("/p1", 0);

            final String disallowed;
            final long crawlDelayNanos;

            RobotsKind(String disallowed, long crawlDelayNanos) {
                this.disallowed = disallowed;
                this.crawlDelayNanos = crawlDelayNanos;
            }
        }

        RobotsKind robotsKind(String host) {
            return robotsKinds.getOrDefault(host, RobotsKind.MISSING);
        }

        private Workload(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        static Workload generate(long seed) {
            Workload w = new Workload(seed);
            Random r = w.random;
            w.concurrency = 1 + r.nextInt(16);
            w.perHost = 1 + r.nextInt(4);
            w.retries = r.nextInt(4);
            w.circuitFailures = r.nextInt(5);
            w.cooldownMillis = 500 + r.nextInt(20_000);
            w.maxRedirects = r.nextInt(6);
            w.rate = r.nextInt(4) == 0 ? 2 + r.nextInt(50) : 0;
            w.perHostRate = r.nextInt(4) == 0 ? 1 + r.nextInt(10) : 0;
            w.burst = r.nextInt(4);
            w.maxDormant = r.nextBoolean() ? HostTable.MAX_DORMANT : 1 + r.nextInt(8);
            w.timeoutMillis = 500 + r.nextInt(5_000);
            w.adaptive = r.nextInt(3) == 0;
            w.perIp = r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 0;
            if (w.adaptive) {
                w.perHost = 1 + r.nextInt(12);   // room for the limit to move
            }
            int hostCount = 1 + r.nextInt(r.nextBoolean() ? 5 : 40);
            for (int i = 0; i < hostCount; i++) {
                w.hosts.add("h" + i + ".test");
            }
            w.robots = r.nextInt(3) == 0;
            for (String host : w.hosts) {
                RobotsKind[] kinds = RobotsKind.values();
                RobotsKind kind = kinds[r.nextInt(kinds.length)];
                // A moved robots.txt is fetched under its origin's lease, not the other host's, so it
                // would show as an extra request against the rate limits; see the README.
                w.robotsKinds.put(host, kind == RobotsKind.MOVED && (w.rate > 0 || w.perHostRate > 0) ? RobotsKind.RULES : kind);
            }
            int urlCount = 1 + r.nextInt(r.nextInt(10) == 0 ? 400 : 60);
            for (int i = 0; i < urlCount; i++) {
                w.urls.add(w.url(r));
            }
            int left = urlCount;
            while (left > 0) {
                int batch = 1 + r.nextInt(left);
                w.batches.add(batch);
                w.batchGapsNanos.add(r.nextInt(3) == 0 ? 0L : (long) r.nextInt(3_000) * 1_000_000L);
                left -= batch;
            }
            if (r.nextInt(5) == 0) {
                w.stopAtNanos = (long) r.nextInt(5_000) * 1_000_000L;
                w.graceNanos = r.nextBoolean() ? 0 : (long) r.nextInt(2_000) * 1_000_000L;
            }
            return w;
        }

        private String url(Random r) {
            String scheme = r.nextInt(4) == 0 ? "https" : "http";
            return scheme + "://" + hosts.get(r.nextInt(hosts.size())) + "/p" + r.nextInt(1_000_000);
        }

        Simulation simulation() {
            return new Simulation(b -> b.concurrency(concurrency).perHost(perHost).retries(retries)
                    .backoff(Duration.ofMillis(50)).maxBackoff(Duration.ofSeconds(2))
                    .retryAfterMax(Duration.ofSeconds(30)).circuitFailures(circuitFailures)
                    .circuitCooldown(Duration.ofMillis(cooldownMillis)).maxRedirects(maxRedirects)
                    .rate(rate).perHostRate(perHostRate).burst(burst).timeout(Duration.ofMillis(timeoutMillis))
                    .adaptive(adaptive).perIp(perIp)
                    .robots(robots ? dev.salvo.RobotsTxt.OBEY : dev.salvo.RobotsTxt.IGNORE),
                    seed, maxDormant);
        }

        /** Scripts every URL's answers (and its redirect targets'), admits the batches, stops, runs out. */
        void play(Simulation sim) {
            sim.transport.otherwise(url -> answer(url));
            long start = sim.time.nanoTime();
            int next = 0;
            boolean stopped = false;
            for (int b = 0; b < batches.size(); b++) {
                sim.advance(Duration.ofNanos(batchGapsNanos.get(b)));
                if (!stopped && stopAtNanos >= 0 && sim.time.nanoTime() - start >= stopAtNanos) {
                    sim.stop(Duration.ofNanos(graceNanos));
                    stopped = true;
                }
                String[] batch = urls.subList(next, next + batches.get(b)).toArray(String[]::new);
                next += batch.length;
                sim.admit(batch);
            }
            if (!stopped && stopAtNanos >= 0) {
                long left = stopAtNanos - (sim.time.nanoTime() - start);
                sim.advance(Duration.ofNanos(Math.max(0, left)));
                sim.stop(Duration.ofNanos(graceNanos));
            }
            sim.runUntilQuiet();
            // Let every timer run out (host expiries included), so leftovers show.
            sim.advance(Duration.ofHours(1));
        }

        /** A random answer for any exchange to {@code url}: drawn afresh for each exchange. */
        private Step answer(String url) {
            Random r = random;
            if (robots && url.endsWith("/robots.txt") || url.endsWith("/moved-robots.txt")) {
                return robotsAnswer(url, r);
            }
            long latency = (long) r.nextInt(r.nextInt(8) == 0 ? 8_000 : 300) * 1_000_000L;
            Outcome outcome = switch (r.nextInt(22)) {
                case 0, 1, 2, 3, 4, 5 -> response(200, null, null);
                case 6 -> response(404, null, null);
                case 7 -> response(500, null, null);
                case 8 -> response(503, null, null);
                case 9 -> response(503, null, String.valueOf(r.nextInt(5)));
                case 10 -> response(429, null, String.valueOf(r.nextInt(40)));
                case 11 -> response(429, null, HTTP_DATE.format(java.time.Instant.ofEpochMilli(
                        dev.salvo.testing.FakeTime.START_EPOCH.toEpochMilli() + r.nextInt(10_000_000))));
                case 12 -> new Outcome.Failure(ErrorType.TIMEOUT, "timed out (scripted)");
                case 13 -> new Outcome.Failure(ErrorType.RESET, "reset (scripted)");
                case 14 -> new Outcome.Failure(ErrorType.CONNECT, "refused (scripted)");
                case 15 -> response(302, "/same-host" + r.nextInt(3), null);
                case 16 -> response(301, url(r), null);
                case 17 -> response(307, url.replaceFirst("^http:", "https:"), null);
                case 18 -> response(302, url, null);   // a loop
                // Rate-limit fields: nothing left, reset within or beyond retryAfterMax (30 s).
                case 19 -> response(r.nextBoolean() ? 200 : 404, null, null).withRateLimit(java.util.Map.of(
                        "ratelimit", "\"default\";r=0;t=" + r.nextInt(40))::get);
                case 20 -> response(r.nextBoolean() ? 429 : 503, null, null).withRateLimit(java.util.Map.of(
                        "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(
                                dev.salvo.testing.FakeTime.START_EPOCH.getEpochSecond() + r.nextInt(15_000)))::get);
                default -> response(308, "//" + hosts.get(r.nextInt(hosts.size())) + "/elsewhere", null);
            };
            return new Step(outcome, latency);
        }

        private Step robotsAnswer(String url, Random r) {
            long latency = (long) r.nextInt(200) * 1_000_000L;
            String host = url.substring(url.indexOf("//") + 2, url.indexOf('/', url.indexOf("//") + 2));
            if (url.endsWith("/moved-robots.txt")) {
                return new Step(robotsFile("User-agent: *\nDisallow: /p1\n"), latency);
            }
            RobotsKind kind = robotsKind(host);
            int answered = robotsAnswered.merge(host, 1, Integer::sum);
            Outcome outcome = switch (kind) {
                case RULES -> robotsFile("User-agent: *\nDisallow: /p1\n");
                case CRAWL_DELAY -> robotsFile("User-agent: salvo\nDisallow: /p2\nCrawl-delay: 0.5\n");
                case MISSING -> response(404, null, null);
                case UNREACHABLE -> r.nextBoolean() ? response(503, null, null)
                        : new Outcome.Failure(ErrorType.TIMEOUT, "timed out (scripted)");
                case FLAKY -> answered == 1 ? new Outcome.Failure(ErrorType.CONNECT, "refused (scripted)")
                        : robotsFile("User-agent: *\nDisallow: /p1\n");
                case MOVED -> response(301, "http://" + MOVED_ROBOTS_HOST.split(":")[0] + "/moved-robots.txt", null);
            };
            return new Step(outcome, latency);
        }

        private static Outcome robotsFile(String text) {
            byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new Outcome.Response(200, "text/plain", null, null, body.length, "00", body);
        }

        private static Outcome.Response response(int status, String location, String retryAfter) {
            return new Outcome.Response(status, "text/plain", location, retryAfter, 2, "00", null);
        }

        @Override
        public String toString() {
            return urls.size() + " URLs over " + hosts.size() + " hosts, concurrency " + concurrency + ", perHost "
                    + perHost + ", retries " + retries + ", circuit " + circuitFailures + "/" + cooldownMillis
                    + " ms, rate " + rate + "/" + perHostRate + " burst " + burst + ", maxDormant " + maxDormant
                    + (adaptive ? ", adaptive" : "") + (perIp > 0 ? ", perIp " + perIp : "")
                    + (stopAtNanos >= 0 ? ", stop at " + stopAtNanos / 1_000_000 + " ms" : "")
                    + (robots ? ", robots.txt obeyed " + robotsKinds : "");
        }
    }
}
