package dev.salvo.cli.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record being built as UTF-8 bytes, in a buffer kept from record to record. A record is
 * mostly ASCII (field names, numbers, URLs, hex digests), which is written byte for byte (a quote
 * or backslash escaped with a backslash, as {@link Json#string} does); a string with control
 * characters or non-ASCII ones goes through {@link Json#string} and
 * {@link String#getBytes} as before, so the bytes are exactly those of formatting the record as
 * text and encoding it as UTF-8, without the text and its copies in between.
 *
 * <p>Not thread-safe: one record format, on one thread, owns it.
 */
final class LineBytes {

    private byte[] bytes = new byte[512];
    private int length;
    /** For the strings that need {@link Json#string}. */
    private final StringBuilder slow = new StringBuilder();

    void clear() {
        length = 0;
    }

    /** The record so far; valid until the next change. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Appends {@code ascii}, which must hold only ASCII characters (field names, literals). */
    LineBytes ascii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length + i] = (byte) ascii.charAt(i);
        }
        length += n;
        return this;
    }

    LineBytes ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends {@code value} in decimal, as {@link StringBuilder#append(long)} does. */
    LineBytes number(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value));
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int end = length + digits(value);
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /** Appends {@code value}, or {@code null}, as {@link StringBuilder#append(Object)} does. */
    LineBytes number(Integer value) {
        return value == null ? ascii("null") : number(value.longValue());
    }

    LineBytes bool(boolean value) {
        return ascii(value ? "true" : "false");
    }

    /** Appends {@code value} as a JSON string (see {@link Json#string}), or {@code null}. */
    LineBytes string(String value) {
        if (value == null) {
            return ascii("null");
        }
        int n = value.length();
        ensure(2 * n + 2);
        int at = length;
        bytes[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return escaped(value);
            }
            if (c == '"' || c == '\\') {
                bytes[at++] = '\\'; // as Json.string escapes them; ETags are quoted, so this is common
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        length = at;
        return this;
    }

    /** A string with characters to escape or encode: the general path, as text then UTF-8. */
    private LineBytes escaped(String value) {
        slow.setLength(0);
        Json.string(slow, value);
        byte[] utf8 = slow.toString().getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** The record as text, for callers that want a String. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static int digits(long value) {
        int digits = 1;
        for (long limit = 10; digits < 19 && value >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
