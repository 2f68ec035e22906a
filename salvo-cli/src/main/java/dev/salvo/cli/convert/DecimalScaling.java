package dev.salvo.cli.convert;

/**
 * Multiplies a decimal written as digits ({@code "1.5"}) by a whole unit, exactly, in long
 * arithmetic, truncating toward zero (fraction digits past the ninth are ignored). Used instead of
 * BigDecimal,
 * whose class initialisation alone cost about 20 ms of the command line's start-up. Pure;
 * thread-safe.
 */
final class DecimalScaling {

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    private DecimalScaling() {
    }

    /**
     * {@code decimal × unit}, truncated toward zero.
     *
     * @param decimal digits with at most one '.', already checked by the caller's pattern
     * @throws ArithmeticException when the result does not fit in a long
     */
    static long scale(String decimal, long unit) {
        int dot = decimal.indexOf('.');
        String whole = dot < 0 ? decimal : decimal.substring(0, dot);
        String fraction = dot < 0 ? "" : decimal.substring(dot + 1);
        long result = Math.multiplyExact(parseDigits(whole), unit);
        // Nine fraction digits are plenty (nanoseconds of a second); more are ignored.
        String kept = fraction.length() > 9 ? fraction.substring(0, 9) : fraction;
        if (kept.isEmpty()) {
            return result;
        }
        long numerator = Long.parseLong(kept);
        long denominator = POWERS_OF_TEN[kept.length()];
        // numerator × unit ÷ denominator without overflow: split unit by the denominator. Both
        // products stay below unit and 10^18 respectively, because numerator < denominator.
        long fractionPart = numerator * (unit / denominator) + numerator * (unit % denominator) / denominator;
        return Math.addExact(result, fractionPart);
    }

    private static long parseDigits(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 18) {
            throw new ArithmeticException("too many digits");
        }
        return Long.parseLong(digits);
    }
}
