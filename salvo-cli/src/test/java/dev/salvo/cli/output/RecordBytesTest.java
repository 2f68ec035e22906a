package dev.salvo.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordFormat} builds each record as UTF-8 bytes ({@link LineBytes}); its bytes must be
 * those of the record built as text and then encoded ({@link TextRecordFormat}, the format as it
 * was), for every kind of value: escapes, non-ASCII, surrogate pairs and lone surrogates, extreme
 * numbers, every optional field.
 */
class RecordBytesTest {

    private static final String[] STRINGS = {null, "", "http://127.0.0.1:18080/s/000000042", "text/html",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a\"b\\c", "tab\tline\nfeed\r",
        "\u0000\u001f\u007f\u0080", "caf\u00e9", "https://\u4f8b\u3048.jp/\u30d1\u30b9", "\ud83d\ude00 smile",
        "lone \ud800 high", "lone \udc00 low", "ends high \ud83d", "x".repeat(700), "\u00e9".repeat(300),
        "HTTP 503", "text/plain; charset=iso-8859-1", "text/html; charset=\"utf-16\"", "W/\"etag-1\"", "Tue, 01 Dec 2026 10:00:00 GMT", "~!@#$%^&*()_+`-={}|[]:;'<>?,./"};
    private static final long[] LONGS = {0, 1, -1, 9, 10, 99, 100, 999_999, 1_000_000, 999_999_999_999_999_999L,
        1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, -1_234_567_890_123L};
    private static final Integer[] STATUSES = {null, 200, 204, 301, 304, 404, 503, 0, -5, Integer.MAX_VALUE,
        Integer.MIN_VALUE};
    private static final long[] NANOS = {0, -7, 999, 1_000, 1_005_000, 1_050_000, 1_500_000, 123_456_789,
        2_000_000_000L, 999_999_999_999L};

    @Test
    void bytesMatchTheTextFormatOnGeneratedResults() {
        SplittableRandom random = new SplittableRandom(20261129);
        for (int fieldSet = 0; fieldSet < 32; fieldSet++) {
            RecordFormat.Fields fields = new RecordFormat.Fields((fieldSet & 1) != 0, (fieldSet & 2) != 0,
                    (fieldSet & 4) != 0, (fieldSet & 8) != 0, (fieldSet & 16) != 0);
            RecordFormat format = new RecordFormat(fields);
            TextRecordFormat text = new TextRecordFormat(fields);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ByteArrayOutputStream expectedWritten = new ByteArrayOutputStream();
            RecordWriter writer = new RecordWriter(written, new RecordFormat(fields), null, true);
            for (int i = 0; i < 300; i++) {
                FetchResult result = result(random);
                ResultSink.Extras extras = extras(random);
                String expected = text.formatWith(result, extras);
                byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
                assertEquals(expected, format.formatWith(result, extras));
                LineBytes line = format.encode(result, extras);
                byte[] actual = java.util.Arrays.copyOf(line.array(), line.length());
                assertArrayEquals(expectedBytes, actual, expected);
                writer.write(result, extras);
                expectedWritten.writeBytes(expectedBytes);
            }
            writer.close();
            assertArrayEquals(expectedWritten.toByteArray(), written.toByteArray());
        }
    }

    private static FetchResult result(SplittableRandom random) {
        List<FetchResult.Redirect> redirects = new ArrayList<>();
        for (int hops = random.nextInt(4) - 1; hops > 0; hops--) {
            redirects.add(new FetchResult.Redirect(pick(random, STRINGS), 300 + random.nextInt(9)));
        }
        FetchError error = random.nextBoolean() ? null
                : new FetchError(ErrorType.values()[random.nextInt(ErrorType.values().length)], pick(random, STRINGS));
        FetchResult.Timings timings = random.nextInt(3) == 0 ? null : new FetchResult.Timings(pick(random, NANOS),
                pick(random, NANOS), pick(random, NANOS), pick(random, NANOS), pick(random, STRINGS));
        return new FetchResult(pick(random, LONGS), nonNull(pick(random, STRINGS)), pick(random, STRINGS),
                STATUSES[random.nextInt(STATUSES.length)], (int) pick(random, LONGS), pick(random, LONGS),
                pick(random, LONGS), pick(random, STRINGS), pick(random, STRINGS), pick(random, STRINGS), error,
                body(random), pick(random, LONGS), headers(random), redirects, timings, pick(random, STRINGS),
                pick(random, STRINGS), List.of());
    }

    private static ResultSink.Extras extras(SplittableRandom random) {
        String warc = pick(random, STRINGS);
        return new ResultSink.Extras(pick(random, STRINGS), warc, warc == null ? -1 : pick(random, LONGS));
    }

    private static Map<String, List<String>> headers(SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            List<String> values = new ArrayList<>();
            for (int v = 1 + random.nextInt(3); v > 0; v--) {
                values.add(pick(random, STRINGS));
            }
            headers.put(random.nextInt(4) == 0 ? "location" : nonNull(pick(random, STRINGS)), values);
        }
        return headers;
    }

    private static byte[] body(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new byte[] {'a', (byte) 0xff, 'b', 0, '"'};
            default -> nonNull(pick(random, STRINGS)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String nonNull(String value) {
        return value == null ? "u" : value;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static long pick(SplittableRandom random, long[] values) {
        return values[random.nextInt(values.length)];
    }
}
