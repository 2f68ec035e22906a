package dev.salvo.cli.convert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertersTest {

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), DurationConverter.parse("10s"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(5), DurationConverter.parse("5m"));
        assertEquals(Duration.ofHours(2), DurationConverter.parse("2h"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse(" 3 S "));
        assertEquals(Duration.ZERO, DurationConverter.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "", "s", "-1s", "1.s", "10 sec", "1d", "PT5S", "1e3ms"})
    void badDurationsSayWhatIsAccepted(String value) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> DurationConverter.parse(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("500ms"), e.getMessage());
    }

    @Test
    void durationsFormatBackToTheirShortestForm() {
        for (String form : new String[] {"500ms", "1500ms", "10s", "5m", "2h", "0"}) {
            assertEquals(form, DurationConverter.format(DurationConverter.parse(form)));
        }
    }

    @Test
    void sizes() {
        assertEquals(65536, SizeConverter.parse("65536"));
        assertEquals(100, SizeConverter.parse("100B"));
        assertEquals(64 * 1024, SizeConverter.parse("64KiB"));
        assertEquals(10L << 20, SizeConverter.parse("10MiB"));
        assertEquals(10L << 20, SizeConverter.parse("10mib"));
        assertEquals(1L << 30, SizeConverter.parse("1GiB"));
        assertEquals(1_500_000, SizeConverter.parse("1.5MB"));
        assertEquals(2_000, SizeConverter.parse("2KB"));
        assertEquals(3_000_000_000L, SizeConverter.parse("3GB"));
        assertEquals(3L << 19, SizeConverter.parse("1.5MiB"));
        assertEquals("10MiB", SizeConverter.format(10L << 20));
        assertEquals("1000", SizeConverter.format(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "10M", "-5", "ten", "1TiB", "99999999999GiB"})
    void badSizesSayWhatIsAccepted(String value) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> SizeConverter.parse(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void rates() {
        assertEquals(20.0, RateConverter.parse("20"));
        assertEquals(0.5, RateConverter.parse("0.5"));
        assertEquals(20.0, RateConverter.parse("20/s"));
        assertEquals(2.0, RateConverter.parse("120/m"));
        assertEquals(1.0, RateConverter.parse("3600/h"));
        assertEquals(0.0, RateConverter.parse("0"));
        assertEquals("0", RateConverter.format(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "10/d", "/s", "-1", "5 per second"})
    void badRatesSayWhatIsAccepted(String value) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> RateConverter.parse(value));
        assertTrue(e.getMessage().contains("'" + value + "'") && e.getMessage().contains("N/m"), e.getMessage());
    }

    @Test
    void headers() {
        HeaderConverter converter = new HeaderConverter();
        assertEquals("Authorization", converter.convert("Authorization: Bearer a:b").name());
        assertEquals("Bearer a:b", converter.convert("Authorization: Bearer a:b").value());
        assertEquals("", converter.convert("X-Empty:").value());
        assertThrows(TypeConversionException.class, () -> converter.convert("no colon"));
        assertThrows(TypeConversionException.class, () -> converter.convert(": value"));
        assertThrows(TypeConversionException.class, () -> converter.convert("Bad Name: value"));
    }
}
