package dev.salvo.internal.robots;

import dev.salvo.SalvoConfig;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What each origin's robots.txt allows, for one run with {@code --robots obey}: the engine asks
 * {@link #check} before a host's next request and, when it says {@link Check.Kind#FETCH}, holds a
 * lease on the host and calls {@link #fetch}; it reports each request it starts with
 * {@link #started}, which is how {@code Crawl-delay} spaces them.
 *
 * <p>Per origin (scheme, host and port; RFC 9309 2.3): the file is fetched once and kept for the
 * run, at most {@link #TTL}, then fetched again. One that could not be fetched (5xx, no answer)
 * disallows everything and is asked again once, {@link #RETRY_UNREACHABLE_AFTER} later, when a
 * URL of that origin next comes up; if it fails again it disallows everything for the rest of the
 * run. Memory is bounded: at most {@link #MAX_ORIGINS} origins, and robots.txt bodies of at most
 * {@link #MAX_CACHED_BYTES} in all, are kept; past either the least recently used origin is
 * forgotten (its robots.txt is fetched again if one of its URLs comes up later).
 *
 * <p>Not thread-safe: confined to the engine's event-loop thread.
 */
public final class Robots {

    /** How long a robots.txt is kept before it is fetched again (RFC 9309 2.4: at most 24 hours). */
    public static final Duration TTL = Duration.ofHours(24);
    /** When a robots.txt that could not be fetched is asked for again, once. */
    public static final Duration RETRY_UNREACHABLE_AFTER = Duration.ofSeconds(60);
    /** The time limit of one robots.txt fetch, redirects included (less when the run's timeout is less). */
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    /** Most origins remembered at once. */
    public static final int MAX_ORIGINS = 10_000;
    /** Most robots.txt bytes (of the files read, a bound on the rules parsed from them) remembered at once. */
    public static final long MAX_CACHED_BYTES = 64L * 1024 * 1024;

    /** What {@link #check} says of one URL. */
    public record Check(Kind kind, long waitNanos, String refusal) {
        public enum Kind {
            /** Allowed, and may be sent now. */
            GO,
            /** Allowed, but the origin's Crawl-delay asks to wait {@link #waitNanos} first. */
            WAIT,
            /** Not known: the origin's robots.txt must be fetched first. */
            FETCH,
            /** The origin's robots.txt is being fetched; its end makes the host runnable again. */
            PENDING,
            /** Refused; {@link #refusal} says why. */
            DISALLOWED
        }

        private static final Check GO = new Check(Kind.GO, 0, null);
        private static final Check FETCH = new Check(Kind.FETCH, 0, null);
        private static final Check PENDING = new Check(Kind.PENDING, 0, null);
    }

    /** One origin's state. */
    private static final class Origin {
        /** Null until the first fetch ended. */
        Rules rules;
        long fetchedAtNanos;
        boolean fetching;
        /** {@link #rules} disallows all because robots.txt could not be fetched. */
        boolean unreachable;
        /** The one fetch again after an unreachable one has been made (or is under way). */
        boolean retried;
        long retryAtNanos;
        /** No request before this (Crawl-delay); {@link Long#MIN_VALUE} for no limit. */
        long nextStartNanos = Long.MIN_VALUE;
        /** Bytes of robots.txt this origin's rules came from, counted against MAX_CACHED_BYTES. */
        long weight;
    }

    private final Transport transport;
    private final Executor loop;
    private final TimeSource time;
    private final RulesParser parser;
    private final List<Header> headers;
    private final long fetchTimeoutNanos;
    private final int maxOrigins;
    private final long maxBytes;
    /** Access order: the eldest entry is the least recently used. */
    private final LinkedHashMap<String, Origin> origins = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public Robots(SalvoConfig config, Transport transport, Executor loop) {
        this(config, transport, loop, MAX_ORIGINS, MAX_CACHED_BYTES);
    }

    /** With other bounds on memory; for tests. */
    Robots(SalvoConfig config, Transport transport, Executor loop, int maxOrigins, long maxBytes) {
        this.transport = transport;
        this.loop = loop;
        this.time = config.timeSource();
        String userAgent = userAgent(config);
        this.parser = new RulesParser(userAgent);
        this.headers = List.of(new Header("User-Agent", userAgent));
        this.fetchTimeoutNanos = Math.min(FETCH_TIMEOUT.toNanos(), config.timeout().toNanos());
        this.maxOrigins = maxOrigins;
        this.maxBytes = maxBytes;
    }

    /** The User-Agent requests carry: a configured header wins over the user-agent setting. */
    static String userAgent(SalvoConfig config) {
        for (Header header : config.headers()) {
            if (header.name().equalsIgnoreCase("User-Agent")) {
                return header.value();
            }
        }
        return config.userAgent();
    }

    /** The product token robots.txt groups are matched against. */
    public String token() {
        return parser.token();
    }

    /** Whether {@code url} may be sent now, must wait, is refused, or needs its robots.txt first. */
    public Check check(Target url, long nowNanos) {
        Origin origin = origins.get(originOf(url));
        if (origin == null) {
            return Check.FETCH;
        }
        if (origin.fetching) {
            return Check.PENDING;
        }
        if (origin.unreachable ? !origin.retried && nowNanos - origin.retryAtNanos >= 0
                : nowNanos - origin.fetchedAtNanos >= TTL.toNanos()) {
            return Check.FETCH;
        }
        if (!origin.rules.allows(url)) {
            return new Check(Check.Kind.DISALLOWED, 0, origin.rules.refusal());
        }
        if (origin.nextStartNanos != Long.MIN_VALUE && origin.nextStartNanos - nowNanos > 0) {
            return new Check(Check.Kind.WAIT, origin.nextStartNanos - nowNanos, null);
        }
        return Check.GO;
    }

    /** A request to {@code url} starts now: the next to its origin waits for the Crawl-delay. */
    public void started(Target url, long nowNanos) {
        Origin origin = origins.get(originOf(url));
        if (origin != null && origin.rules != null && origin.rules.crawlDelayNanos() > 0) {
            origin.nextStartNanos = nowNanos + origin.rules.crawlDelayNanos();
        }
    }

    /**
     * Fetches the robots.txt of {@code url}'s origin; {@code done} runs on the loop when it has
     * ended (cancelled included), after which {@link #check} knows the answer. The fetch is one
     * request to that origin: the caller holds a lease on its host until {@code done}.
     *
     * @return cancels the fetch ({@code done} still runs)
     */
    public TimeSource.Cancellable fetch(Target url, long nowNanos, Runnable done) {
        String key = originOf(url);
        Origin origin = origins.get(key);
        if (origin == null) {
            origin = new Origin();
            origins.put(key, origin);
        } else if (origin.unreachable) {
            origin.retried = true;
        }
        origin.fetching = true;
        Origin fetched = origin;
        // The fetch itself is a request to the origin, so the first request after it waits the Crawl-delay too.
        long startNanos = nowNanos;
        RobotsFetch fetch = new RobotsFetch(transport, loop, time, parser, key, headers, fetchTimeoutNanos,
                answer -> {
                    settle(key, fetched, answer, startNanos);
                    done.run();
                });
        try {
            fetch.start(robotsTxt(url));
        } catch (Target.InvalidUrlException e) {
            loop.execute(() -> {
                settle(key, fetched, new RobotsFetch.Answer.Unreachable(e.getMessage()), startNanos);
                done.run();
            });
        }
        return fetch;
    }

    private void settle(String key, Origin origin, RobotsFetch.Answer answer, long startNanos) {
        origin.fetching = false;
        long now = time.nanoTime();
        switch (answer) {
            case RobotsFetch.Answer.Abandoned abandoned -> {
                if (origin.rules == null && origins.get(key) == origin) {
                    origins.remove(key);   // nothing learnt: the next URL asks afresh
                }
                return;
            }
            case RobotsFetch.Answer.Known known -> {
                origin.rules = known.rules();
                origin.unreachable = false;
                origin.retried = false;
                long delay = known.rules().crawlDelayNanos();
                origin.nextStartNanos = delay > 0 ? startNanos + delay : Long.MIN_VALUE;
            }
            case RobotsFetch.Answer.Unreachable unreachable -> {
                boolean again = origin.retried;
                origin.unreachable = true;
                origin.retryAtNanos = now + RETRY_UNREACHABLE_AFTER.toNanos();
                origin.rules = Rules.disallowAll("robots.txt of " + key + " could not be fetched ("
                        + unreachable.why() + "); RFC 9309 then disallows the whole site"
                        + (again ? " (asked twice; not asked again in this run)"
                                : " (it is asked again once, " + RETRY_UNREACHABLE_AFTER.toSeconds() + " s later)"));
            }
        }
        origin.fetchedAtNanos = now;
        if (origins.get(key) == origin) {
            bytes -= origin.weight;
            origin.weight = answer instanceof RobotsFetch.Answer.Known ? weightOf(origin.rules) : 256;
            bytes += origin.weight;
            evict();
        }
    }

    /** Forgets least recently used origins until within both bounds; never one being fetched. */
    private void evict() {
        Iterator<Origin> eldestFirst = origins.values().iterator();
        while ((origins.size() > maxOrigins || bytes > maxBytes) && eldestFirst.hasNext()) {
            Origin origin = eldestFirst.next();
            if (!origin.fetching) {
                eldestFirst.remove();
                bytes -= origin.weight;
            }
        }
    }

    /** Origins remembered now; for tests. */
    int size() {
        return origins.size();
    }

    private static long weightOf(Rules rules) {
        return 256 + rules.sourceBytes();
    }

    /** The origin of a URL (RFC 9309 2.3: scheme, host and port), e.g. "https://example.com:443". */
    static String originOf(Target url) {
        return (url.secure() ? "https://" : "http://") + url.hostKey();
    }

    private static Target robotsTxt(Target url) throws Target.InvalidUrlException {
        return url.resolve("/robots.txt");
    }
}
