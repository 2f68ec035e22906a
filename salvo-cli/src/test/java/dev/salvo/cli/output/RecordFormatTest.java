package dev.salvo.cli.output;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordFormatTest {

    @Test
    void okRecordHasEveryFieldInOrder() {
        FetchResult ok = new FetchResult(7, "http://h/a", "id-1", 200, 1, 12_345_678, 5, "abc", "text/plain",
                "http://h/a", null, null);
        assertEquals("{\"index\":7,\"url\":\"http://h/a\",\"id\":\"id-1\",\"status\":200,\"ok\":true,\"attempts\":1,"
                + "\"elapsed_ms\":12,\"bytes\":5,\"sha256\":\"abc\",\"content_type\":\"text/plain\","
                + "\"final_url\":\"http://h/a\",\"error\":null}\n", new RecordFormat(false).format(ok, null));
    }

    @Test
    void failedRecordWithoutIdHasAnErrorObject() {
        FetchResult failed = new FetchResult(0, "not a url", null, null, 0, 0, 0, null, null, null,
                new FetchError(ErrorType.INVALID_URL, "no \"scheme\""), null);
        assertEquals("{\"index\":0,\"url\":\"not a url\",\"status\":null,\"ok\":false,\"attempts\":0,"
                + "\"elapsed_ms\":0,\"bytes\":0,\"sha256\":null,\"content_type\":null,\"final_url\":null,"
                + "\"error\":{\"type\":\"invalid_url\",\"message\":\"no \\\"scheme\\\"\"}}\n",
                new RecordFormat(false).format(failed, null));
    }

    @Test
    void bodyFileAndBodyComeLast() {
        byte[] body = "héllo\n\u0000".getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = {'a', (byte) 0xff, 'b'};
        FetchResult ok = new FetchResult(1, "u", null, 404, 1, 0, body.length, "s", null, "u",
                new FetchError(ErrorType.HTTP, "HTTP 404"), body);
        String record = new RecordFormat(true).format(ok, "dir/1.body");
        assertEquals(",\"body_file\":\"dir/1.body\",\"body\":\"héllo\\n\\u0000\"}\n",
                record.substring(record.indexOf(",\"body_file\"")));
        FetchResult bad = new FetchResult(2, "u", null, 200, 1, 0, 3, "s", null, "u", null, withBadByte);
        String badRecord = new RecordFormat(true).format(bad, null);
        assertEquals(",\"body\":\"a\uFFFDb\"}\n", badRecord.substring(badRecord.indexOf(",\"body\"")));
    }

    @Test
    void bodyFileNamesAreSafeAndUnique() {
        assertEquals("12.body", BodyStore.fileName(12, null));
        assertEquals("3-item-7.body", BodyStore.fileName(3, "item-7"));
        assertEquals("4-.._etc_passwd.body", BodyStore.fileName(4, "../etc/passwd"));
        assertEquals("5-a_b_c.body", BodyStore.fileName(5, "a b\nc"));
        assertEquals(2 + 80 + 5, BodyStore.fileName(6, "x".repeat(500)).length());
    }

    @Test
    void bodiesNamedAfterTheirUrlAreSafeUniqueAndCarryTheContentTypesExtension() {
        assertEquals("7-example.com_docs_intro.html",
                BodyStore.urlFileName(7, "https://example.com/docs/intro", "text/html; charset=utf-8"));
        assertEquals("8-example.com_report.html", BodyStore.urlFileName(8, "http://example.com/report.php?q=1", "text/html"));
        assertEquals("9-example.com_data.json", BodyStore.urlFileName(9, "http://example.com/data.json", "application/json"));
        assertEquals("10-example.com.html", BodyStore.urlFileName(10, "http://example.com/", "text/html"));
        assertEquals("11-example.com_a_b.tar.body", BodyStore.urlFileName(11, "http://example.com/a/b.tar", null));
        assertEquals("12-example.com_.._.._etc_passwd.txt",
                BodyStore.urlFileName(12, "http://example.com/../../etc/passwd", "text/plain"));
        assertEquals("13-example.com_caf_C3_A9.body", BodyStore.urlFileName(13, "http://example.com/caf%C3%A9", "x/y"));
        assertEquals(3 + 80 + 5, BodyStore.urlFileName(14, "http://example.com/" + "x".repeat(500), "text/html").length());
    }
}
