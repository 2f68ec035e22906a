package dev.salvo.cli.convert;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a size in bytes: a plain number of bytes ({@code 65536}, {@code 100B}), binary units
 * ({@code KiB}, {@code MiB}, {@code GiB}: powers of 1024) or decimal units ({@code KB}, {@code MB},
 * {@code GB}: powers of 1000, as disk makers and SI count). Units are case-insensitive and a
 * fraction is allowed ({@code 1.5MiB}). Thread-safe (stateless).
 */
public final class SizeConverter implements ITypeConverter<Long> {

    static final String FORMS = "bytes, or a number with KiB, MiB, GiB (1024) or KB, MB, GB (1000), e.g. 10MiB";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kib|mib|gib|kb|mb|gb)?");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** Parses {@code value}; throws {@link TypeConversionException} with a one-line message. */
    public static long parse(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size; use " + FORMS);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        long multiplier = switch (unit) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        try {
            return DecimalScaling.scale(m.group(1), multiplier);
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too large a size");
        }
    }

    /** The shortest exact binary form of {@code bytes}, e.g. {@code 10MiB}. */
    public static String format(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes > 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes > 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return Long.toString(bytes);
    }
}
