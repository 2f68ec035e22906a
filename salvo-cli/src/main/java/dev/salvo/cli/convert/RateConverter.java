package dev.salvo.cli.convert;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rate as requests per second: a number ({@code 50}, {@code 0.5}) is per second;
 * {@code N/s}, {@code N/m} and {@code N/h} are per second, minute and hour. {@code 0} means no
 * limit. Thread-safe (stateless).
 */
public final class RateConverter implements ITypeConverter<Double> {

    static final String FORMS = "requests per second, or N/s, N/m, N/h, e.g. 20, 0.5, 100/m; 0 for no limit";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|m|h))?");

    @Override
    public Double convert(String value) {
        return parse(value);
    }

    /** Parses {@code value}; throws {@link TypeConversionException} with a one-line message. */
    public static double parse(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a rate; use " + FORMS);
        }
        double count = Double.parseDouble(m.group(1));
        String per = m.group(2) == null ? "s" : m.group(2);
        return switch (per) {
            case "m" -> count / 60;
            case "h" -> count / 3600;
            default -> count;
        };
    }

    /** A readable form of a per-second rate: {@code 0} for none, else a plain number per second. */
    public static String format(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
