package dev.salvo.cli.convert;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecimalScalingTest {

    @Test
    void scalesWholeAndFractionalDecimalsExactly() {
        assertEquals(1_500_000_000L, DecimalScaling.scale("1.5", 1_000_000_000L));
        assertEquals(1_000_000L, DecimalScaling.scale("0.001", 1_000_000_000L));
        assertEquals(9_000_000_000_000L, DecimalScaling.scale("2.5", 3_600_000_000_000L));
        assertEquals(100L, DecimalScaling.scale("0.1", 1_000L));
        assertEquals(1_536L, DecimalScaling.scale("1.5", 1_024L));
        assertEquals(42L, DecimalScaling.scale("42", 1L));
        assertEquals(333_333_333L, DecimalScaling.scale("0.333333333", 1_000_000_000L));
    }

    @Test
    void truncatesBelowOneUnitAndPastNineDigits() {
        assertEquals(1L, DecimalScaling.scale("1.9", 1L));
        assertEquals(1_000_000_000L, DecimalScaling.scale("1.0000000009", 1_000_000_000L));
    }

    @Test
    void refusesResultsThatDoNotFitALong() {
        assertThrows(ArithmeticException.class, () -> DecimalScaling.scale("9999999999", 3_600_000_000_000L));
        assertThrows(ArithmeticException.class, () -> DecimalScaling.scale("99999999999999999999", 1L));
    }
}
