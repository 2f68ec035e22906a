package dev.salvo.cli.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    private static String json(String value) {
        StringBuilder out = new StringBuilder();
        Json.string(out, value);
        return out.toString();
    }

    @Test
    void plainTextIsQuotedAsIs() {
        assertEquals("\"https://example.com/a?b=c&d=e\"", json("https://example.com/a?b=c&d=e"));
        assertEquals("\"\"", json(""));
        assertEquals("null", json(null));
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"say \\\"hi\\\" C:\\\\dir\\\\\"", json("say \"hi\" C:\\dir\\"));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"a\\nb\\rc\\td\\be\\ff\"", json("a\nb\rc\td\be\ff"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", json("\u0000\u0001\u001f"));
        assertEquals("\"\u007f\"", json("\u007f"));
    }

    @Test
    void nonAsciiPassesThrough() {
        assertEquals("\"café ☕ 日本 😀\"", json("café ☕ 日本 😀"));
        assertEquals("\"\u2028\"", json("\u2028"));
    }

    @Test
    void loneSurrogatesAreEscapedRatherThanLost() {
        assertEquals("\"a\\ud800b\"", json("a\ud800b"));
        assertEquals("\"\\udc00\"", json("\udc00"));
        assertEquals("\"x\\ud83d\"", json("x\ud83d"));
    }

    @Test
    void escapesInTheMiddleKeepTheTextAround() {
        assertEquals("\"one\\ntwo\\\"three\"", json("one\ntwo\"three"));
    }
}
