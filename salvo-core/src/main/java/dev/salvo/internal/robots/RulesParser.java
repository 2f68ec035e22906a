package dev.salvo.internal.robots;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads a robots.txt body with crawler-commons' {@link SimpleRobotRulesParser} (RFC 9309: the
 * group of the user agent's product token, else {@code *}; longest match wins, {@code Allow} on a
 * tie; {@code *} and {@code $} in paths), for one product token.
 *
 * <p>Thread-safe (the parser keeps its per-parse state in a thread-local).
 */
final class RulesParser {

    /**
     * The longest {@code Crawl-delay} obeyed. A site asking for more (some ask for an hour) is
     * treated as disallowing everything, as crawler-commons does by default, rather than holding a
     * run for hours.
     */
    static final Duration MAX_CRAWL_DELAY = Duration.ofMinutes(5);

    private final SimpleRobotRulesParser parser;
    private final String token;
    private final List<String> agents;

    /** @param userAgent the User-Agent header sent; its product token selects the group */
    RulesParser(String userAgent) {
        // No cap in the parser: this class applies MAX_CRAWL_DELAY itself, with a message that says so.
        this.parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
        this.token = productToken(userAgent);
        this.agents = token.isEmpty() ? List.of() : List.of(token);
    }

    /**
     * The product token of a User-Agent (RFC 9309 2.2.1): the text before its first '/' (and before
     * any space), lower case, as robots.txt groups are matched case-insensitively. "Salvo/0.1.0
     * (bulk URL fetcher)" gives "salvo"; an empty result matches only the {@code *} group.
     */
    static String productToken(String userAgent) {
        String head = userAgent.strip();
        int slash = head.indexOf('/');
        if (slash >= 0) {
            head = head.substring(0, slash);
        }
        int space = head.indexOf(' ');
        if (space >= 0) {
            head = head.substring(0, space);
        }
        return head.toLowerCase(Locale.ROOT);
    }

    String token() {
        return token;
    }

    /**
     * The rules in {@code body}, fetched from {@code robotsUrl} (the URL that answered, after
     * redirects) for the origin {@code origin}.
     */
    Rules parse(String origin, String robotsUrl, byte[] body, String contentType) {
        SimpleRobotRules rules = parser.parseContent(robotsUrl, body, contentType, agents);
        long delayMillis = rules.getCrawlDelay();
        if (delayMillis > MAX_CRAWL_DELAY.toMillis()) {
            return Rules.disallowAll("robots.txt of " + origin + " asks for a Crawl-delay of " + delayMillis / 1000
                    + " s for user agent '" + token + "', more than the " + MAX_CRAWL_DELAY.toSeconds()
                    + " s Salvo waits; treated as disallowing the whole site");
        }
        if (rules.isAllowAll() && delayMillis <= 0) {
            return Rules.allowAll();
        }
        return Rules.parsed(rules, Math.max(0, delayMillis) * 1_000_000L,
                "robots.txt of " + origin + " disallows it for user agent '" + token + "'", body == null ? 0 : body.length);
    }
}
