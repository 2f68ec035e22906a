package dev.salvo.internal.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads what a server says about its rate limit, to learn when a host has no quota left and when
 * it will have some again. Three generations of fields are understood:
 * <ul>
 *   <li>the IETF httpapi draft's structured fields (draft 08 and later):
 *       {@code RateLimit: "default";r=0;t=30}, a list of policies each with {@code r} (requests
 *       remaining) and {@code t} (seconds until the quota resets); a policy with {@code r} but no
 *       {@code t} takes its window {@code w} from the {@code RateLimit-Policy} item of the same
 *       name ({@code RateLimit-Policy: "default";q=100;w=60}). Draft 07's dictionary form
 *       {@code RateLimit: limit=100, remaining=0, reset=30} is read too;</li>
 *   <li>the earlier drafts' split fields {@code RateLimit-Remaining} and {@code RateLimit-Reset};</li>
 *   <li>the common {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}.</li>
 * </ul>
 * A reset in the split and X- fields is told apart by its magnitude, since servers send either:
 * at least 10<sup>12</sup> is epoch milliseconds, at least 10<sup>9</sup> is epoch seconds
 * (10<sup>9</sup> s is September 2001, and as a delay it would be 31 years, which no server
 * means), anything smaller is seconds from now. A reset in the past means no wait.
 *
 * <p>When several fields or policies say nothing remains, the longest wait wins. Nothing remains
 * but no reset given: nothing is known about when to come back, so nothing is returned (the
 * server's 429s, if any, are then paced by backoff). A field that cannot be read is ignored.
 *
 * <p>The structured fields are read by a small parser of the RFC 9651 subset these fields use
 * (a list of string or token items with parameters, or a dictionary of integers): no maintained
 * Java structured-field parser is available to this build, and anything outside that subset is
 * rejected rather than guessed at.
 *
 * <p>Pure functions; thread-safe.
 */
public final class RateLimitHeaders {

    private static final double EPOCH_MILLIS_FROM = 1e12;
    private static final double EPOCH_SECONDS_FROM = 1e9;

    /**
     * The rate-limit fields of one response as received (each null when absent). Immutable.
     */
    public record Fields(String rateLimit, String rateLimitPolicy, String remaining, String reset,
                         String xRemaining, String xReset) {

        /**
         * The fields among {@code header}'s (a lookup by lower-case name, as HTTP/2 spells names;
         * null when absent); null when there are none.
         */
        public static Fields of(Function<String, String> header) {
            String rateLimit = header.apply("ratelimit");
            String remaining = header.apply("ratelimit-remaining");
            String xRemaining = header.apply("x-ratelimit-remaining");
            if (rateLimit == null && remaining == null && xRemaining == null) {
                return null;   // the common case: nothing to keep
            }
            return new Fields(rateLimit, header.apply("ratelimit-policy"), remaining, header.apply("ratelimit-reset"),
                    xRemaining, header.apply("x-ratelimit-reset"));
        }
    }

    private RateLimitHeaders() {
    }

    /**
     * How long, in milliseconds from {@code nowEpochMillis}, until the host has quota again, when
     * its fields say none remains; empty when quota remains, or nothing says so, or no reset is
     * given.
     */
    public static OptionalLong exhaustedForMillis(Fields fields, long nowEpochMillis) {
        if (fields == null) {
            return OptionalLong.empty();
        }
        long wait = -1;
        if (fields.rateLimit() != null) {
            wait = Math.max(wait, structured(fields.rateLimit(), fields.rateLimitPolicy()));
        }
        wait = Math.max(wait, split(fields.remaining(), fields.reset(), nowEpochMillis));
        wait = Math.max(wait, split(fields.xRemaining(), fields.xReset(), nowEpochMillis));
        return wait < 0 ? OptionalLong.empty() : OptionalLong.of(wait);
    }

    /** The wait a RateLimit field asks for, in ms, or -1. */
    private static long structured(String rateLimit, String policy) {
        List<Item> items = new Parser(rateLimit).list();
        if (items == null) {
            Map<String, Object> dictionary = new Parser(rateLimit).dictionary();
            if (dictionary == null) {
                return -1;
            }
            return exhausted(dictionary.get("remaining"), dictionary.get("reset"));
        }
        List<Item> policies = policy == null ? null : new Parser(policy).list();
        long wait = -1;
        for (Item item : items) {
            Object reset = item.params().get("t");
            if (reset == null && policies != null) {
                reset = policies.stream().filter(p -> p.value().equals(item.value())).findFirst()
                        .map(p -> p.params().get("w")).orElse(null);
            }
            wait = Math.max(wait, exhausted(item.params().get("r"), reset));
        }
        return wait;
    }

    /** Seconds {@code reset} in ms when {@code remaining} is a number at most 0; else -1. */
    private static long exhausted(Object remaining, Object reset) {
        if (!(remaining instanceof Number r) || r.doubleValue() > 0 || !(reset instanceof Number t)) {
            return -1;
        }
        return millis(Math.max(0, t.doubleValue()));
    }

    /** The wait split Remaining and Reset fields ask for, in ms, or -1. */
    private static long split(String remaining, String reset, long nowEpochMillis) {
        Double left = number(remaining);
        Double when = number(reset);
        if (left == null || left > 0 || when == null || when < 0) {
            return -1;
        }
        if (when >= EPOCH_MILLIS_FROM) {
            return Math.max(0, (long) (when - nowEpochMillis));
        }
        if (when >= EPOCH_SECONDS_FROM) {
            return Math.max(0, millis(when) - nowEpochMillis);
        }
        return millis(when);
    }

    private static long millis(double seconds) {
        return (long) Math.min(Long.MAX_VALUE / 4.0, Math.ceil(seconds * 1000));
    }

    /** A plain decimal number, or null. A list ("0, 100", one per policy) counts by its smallest. */
    private static Double number(String value) {
        if (value == null) {
            return null;
        }
        Double smallest = null;
        for (String part : value.split(",")) {
            String text = part.trim();
            if (!text.matches("-?\\d{1,18}(\\.\\d{1,9})?")) {
                return null;
            }
            double n = Double.parseDouble(text);
            smallest = smallest == null ? n : Math.min(smallest, n);
        }
        return smallest;
    }

    /** A list member: a string or token, and its parameters (numbers, strings, tokens, booleans). */
    private record Item(String value, Map<String, Object> params) { }

    /**
     * The RFC 9651 subset these fields use: lists of string or token items with parameters, and
     * dictionaries of bare items. Returns null for anything else. Not thread-safe (one per parse).
     */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        List<Item> list() {
            List<Item> items = new ArrayList<>();
            skipSpaces();
            while (at < text.length()) {
                Object value = bareItem();
                if (!(value instanceof String name)) {
                    return null;
                }
                Map<String, Object> params = params();
                if (params == null) {
                    return null;
                }
                items.add(new Item(name, params));
                if (!nextMember()) {
                    return at == text.length() ? items : null;
                }
            }
            return items;
        }

        Map<String, Object> dictionary() {
            Map<String, Object> members = new HashMap<>();
            skipSpaces();
            while (at < text.length()) {
                String key = key();
                if (key == null) {
                    return null;
                }
                Object value = valueAfterKey();
                if (value == null || params() == null) {
                    return null;
                }
                members.put(key, value);
                if (!nextMember()) {
                    return at == text.length() ? members : null;
                }
            }
            return members;
        }

        /**
         * After a dictionary or parameter key: its value, {@code Boolean.TRUE} when no {@code =}
         * follows (RFC 9651 3.2 and 3.1.2), or null when the value is malformed.
         */
        private Object valueAfterKey() {
            if (at < text.length() && text.charAt(at) == '=') {
                at++;
                return bareItem();
            }
            return Boolean.TRUE;
        }

        /** After a member: true at a comma that another member follows. */
        private boolean nextMember() {
            skipOws();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                skipOws();
                return at < text.length();
            }
            return false;
        }

        private Map<String, Object> params() {
            Map<String, Object> params = new HashMap<>();
            while (at < text.length() && text.charAt(at) == ';') {
                at++;
                skipSpaces();
                String key = key();
                if (key == null) {
                    return null;
                }
                Object value = valueAfterKey();
                if (value == null) {
                    return null;
                }
                params.put(key, value);
            }
            return params;
        }

        private String key() {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                boolean ok = (c >= 'a' && c <= 'z') || c == '*'
                        || (at > start && ((c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'));
                if (!ok) {
                    break;
                }
                at++;
            }
            return at > start ? text.substring(start, at) : null;
        }

        /** A number (as Double), a string or token (as String), a boolean; null when none. */
        private Object bareItem() {
            if (at >= text.length()) {
                return null;
            }
            char c = text.charAt(at);
            if (c == '-' || (c >= '0' && c <= '9')) {
                int start = at;
                at++;
                while (at < text.length() && ((text.charAt(at) >= '0' && text.charAt(at) <= '9') || text.charAt(at) == '.')) {
                    at++;
                }
                String number = text.substring(start, at);
                return number.matches("-?\\d{1,15}(\\.\\d{1,3})?") ? Double.valueOf(number) : null;
            }
            if (c == '"') {
                StringBuilder out = new StringBuilder();
                at++;
                while (at < text.length()) {
                    char s = text.charAt(at++);
                    if (s == '\\' && at < text.length()) {
                        out.append(text.charAt(at++));
                    } else if (s == '"') {
                        return out.toString();
                    } else {
                        out.append(s);
                    }
                }
                return null;
            }
            if (c == '?') {
                at++;
                if (at < text.length() && (text.charAt(at) == '0' || text.charAt(at) == '1')) {
                    return text.charAt(at++) == '1';
                }
                return null;
            }
            if (Character.isLetter(c) || c == '*') {
                int start = at;
                while (at < text.length() && tokenChar(text.charAt(at))) {
                    at++;
                }
                return text.substring(start, at);
            }
            return null;
        }

        private static boolean tokenChar(char c) {
            return c > 0x20 && c < 0x7f && "\"(),;<=>?@[\\]{}".indexOf(c) < 0;
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }

        private void skipOws() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }
    }
}
