package dev.salvo.internal.transport;

import java.nio.charset.StandardCharsets;

/**
 * Header values as the bytes that go on the wire. Netty's HTTP/1.1 and HTTP/2 (HPACK) encoders
 * write each character of a header value as one byte (ISO-8859-1), so "☕" would go out as "?" and
 * "ë" as one Latin-1 byte. Salvo sends a value's UTF-8 bytes instead, as curl and wget send what
 * they are given: the value is handed to Netty as those bytes, one character each. Pure
 * functions; thread-safe.
 */
final class HeaderText {

    private HeaderText() {
    }

    /** {@code value}'s UTF-8 bytes, one character per byte; ASCII (nearly every value) as it is. */
    static String utf8Bytes(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return value;
    }
}
