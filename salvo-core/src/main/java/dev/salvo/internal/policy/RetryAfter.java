package dev.salvo.internal.policy;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads a Retry-After header (RFC 9110 section 10.2.3): either a number of seconds or an HTTP
 * date. Pure function; thread-safe.
 */
public final class RetryAfter {

    /** IMF-fixdate and the obsolete RFC 850 form; both are ones servers still send. */
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US);

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, in milliseconds from {@code nowEpochMillis}; empty when the
     * header is absent or unreadable. A date in the past means no wait (0).
     */
    public static OptionalLong delayMillis(String header, long nowEpochMillis) {
        if (header == null) {
            return OptionalLong.empty();
        }
        String value = header.trim();
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 12) {
                return OptionalLong.of(Long.MAX_VALUE / 4); // absurdly long: longer than any cap
            }
            return OptionalLong.of(Long.parseLong(value) * 1000L);
        }
        Long epochMillis = parseDate(value);
        if (epochMillis == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, epochMillis - nowEpochMillis));
    }

    private static Long parseDate(String value) {
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850}) {
            try {
                return ZonedDateTime.parse(value, format).toInstant().toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return null;
    }
}
