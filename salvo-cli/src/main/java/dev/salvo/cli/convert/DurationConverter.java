package dev.salvo.cli.convert;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration such as {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 5m} or {@code 2h}.
 * A bare number is refused (is {@code 30} seconds or milliseconds?), except {@code 0}.
 * Thread-safe (stateless).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    static final String FORMS = "a number with ms, s, m or h, e.g. 500ms, 10s, 1.5s, 5m";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code value}; throws {@link TypeConversionException} with a one-line message. */
    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; use " + FORMS);
        }
        long nanosPerUnit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        try {
            return Duration.ofNanos(DecimalScaling.scale(m.group(1), nanosPerUnit));
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        }
    }

    /** The shortest exact form of {@code d} that {@link #parse} reads back, e.g. {@code 30s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
