package dev.salvo.internal.policy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Retry-After header (RFC 9110 section 10.2.3): either a number of seconds or an HTTP
 * date in any of the three forms RFC 9110 section 5.6.7 says a recipient must accept. Pure
 * function; thread-safe.
 */
public final class RetryAfter {

    /** The obsolete RFC 850 form, "Sunday, 06-Nov-94 08:49:37 GMT": its year has two digits. */
    private static final Pattern RFC_850 = Pattern.compile(
            "[A-Za-z]+, (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}:\\d{2}:\\d{2}) GMT");

    /** C's asctime() form, "Sun Nov  6 08:49:37 1994", in GMT; a one-digit day is space-padded. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    /** The RFC 850 date with a four-digit year, so that java.time reads it. */
    private static final DateTimeFormatter DAY_MONTH_YEAR_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.US);

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
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (value.length() > 12) {
                return OptionalLong.of(Long.MAX_VALUE / 4); // absurdly long: longer than any cap
            }
            return OptionalLong.of(Long.parseLong(value) * 1000L);
        }
        Long epochMillis = parseDate(value, nowEpochMillis);
        if (epochMillis == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, epochMillis - nowEpochMillis));
    }

    private static Long parseDate(String value, long nowEpochMillis) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException notImfFixdate) {
            // try the obsolete forms
        }
        Matcher rfc850 = RFC_850.matcher(value);
        if (rfc850.matches()) {
            return rfc850(rfc850, nowEpochMillis);
        }
        try {
            return LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /**
     * An RFC 850 date's two-digit year is read in the current century, unless that puts it more
     * than 50 years in the future, when it is the century before (RFC 9110 section 5.6.7). Its
     * weekday is not checked: a wrong one does not make the date less clear.
     */
    private static Long rfc850(Matcher m, long nowEpochMillis) {
        ZonedDateTime now = java.time.Instant.ofEpochMilli(nowEpochMillis).atZone(ZoneOffset.UTC);
        int year = now.getYear() - Math.floorMod(now.getYear(), 100) + Integer.parseInt(m.group(3));
        String month = m.group(2).substring(0, 1).toUpperCase(Locale.ROOT) + m.group(2).substring(1).toLowerCase(Locale.ROOT);
        ZonedDateTime date;
        try {
            date = LocalDateTime.parse(m.group(1) + "-" + month + "-" + year + " " + m.group(4), DAY_MONTH_YEAR_TIME)
                    .atZone(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
        if (date.isAfter(now.plusYears(50))) {
            date = date.minusYears(100);
        } else if (!date.isAfter(now.minusYears(50))) {
            // In 2090, "05" is 2105 (15 years ahead), not 2005 (85 years ago).
            date = date.plusYears(100);
        }
        return date.toInstant().toEpochMilli();
    }
}
