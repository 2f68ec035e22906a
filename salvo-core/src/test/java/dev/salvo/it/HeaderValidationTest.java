package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.SalvoConfig;

import org.junit.jupiter.api.Test;

/**
 * A header value with a control character is refused when the configuration is built, with one
 * clear line, rather than making every request fail (it once made every URL hang without a result).
 */
class HeaderValidationTest {

    @Test
    void controlCharactersInHeaderValuesAreRefused() {
        for (String value : new String[] {"a\u0000b", "a\u007fb", "a\u001bb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SalvoConfig.builder().header("X-Test", value));
            assertEquals("header 'X-Test' has a control character in its value", e.getMessage());
        }
    }

    @Test
    void tabsAndNonAsciiAreAllowed() {
        SalvoConfig.builder().header("X-Test", "a\tb").header("X-Name", "Zoë").build();
    }
}
