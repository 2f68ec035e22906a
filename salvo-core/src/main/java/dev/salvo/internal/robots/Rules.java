package dev.salvo.internal.robots;

import crawlercommons.robots.SimpleRobotRules;
import dev.salvo.internal.url.Target;

/**
 * What one origin's robots.txt says for Salvo's user agent: which URLs it allows, and the least
 * time between two requests ({@code Crawl-delay}). Either parsed rules, or a blanket answer (allow
 * all when there is no robots.txt; disallow all when it could not be fetched), with the reason a
 * refused URL's message gives.
 *
 * <p>Immutable; thread-safe.
 */
public final class Rules {

    private final SimpleRobotRules parsed;
    private final boolean allowAll;
    private final long crawlDelayNanos;
    private final String refusal;
    private final long sourceBytes;

    private Rules(SimpleRobotRules parsed, boolean allowAll, long crawlDelayNanos, String refusal, long sourceBytes) {
        this.parsed = parsed;
        this.allowAll = allowAll;
        this.crawlDelayNanos = crawlDelayNanos;
        this.refusal = refusal;
        this.sourceBytes = sourceBytes;
    }

    /** Every URL allowed, no delay: no robots.txt (4xx), or one that says nothing to this agent. */
    static Rules allowAll() {
        return new Rules(null, true, 0, null, 0);
    }

    /** Every URL refused, with {@code refusal} as the reason. */
    static Rules disallowAll(String refusal) {
        return new Rules(null, false, 0, refusal, 0);
    }

    /**
     * Parsed rules; {@code refusal} is the message of a URL they disallow, {@code sourceBytes} the
     * size of the robots.txt they came from (what they may cost in memory is in proportion).
     */
    static Rules parsed(SimpleRobotRules parsed, long crawlDelayNanos, String refusal, long sourceBytes) {
        return new Rules(parsed, false, crawlDelayNanos, refusal, sourceBytes);
    }

    /** Whether {@code url} may be fetched. */
    public boolean allows(Target url) {
        if (allowAll) {
            return true;
        }
        return parsed != null && parsed.isAllowed(url.url());
    }

    /** Why a URL these rules do not allow is refused: one line naming the robots.txt. */
    public String refusal() {
        return refusal;
    }

    /** The least time between two requests to the origin; 0 when robots.txt asks for none. */
    public long crawlDelayNanos() {
        return crawlDelayNanos;
    }

    /** Size of the robots.txt parsed rules came from; 0 for a blanket answer. */
    long sourceBytes() {
        return sourceBytes;
    }

    @Override
    public String toString() {
        return allowAll ? "allow all" : parsed == null ? "disallow all (" + refusal + ")" : parsed.toString();
    }
}
