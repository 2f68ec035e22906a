package dev.salvo.cli.input;

import dev.salvo.FetchRequest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineParserTest {

    @Test
    void blankAndCommentLinesAreNotUrlLines() {
        assertFalse(LineParser.isUrlLine(""));
        assertFalse(LineParser.isUrlLine("   \t"));
        assertFalse(LineParser.isUrlLine("# a comment"));
        assertFalse(LineParser.isUrlLine("  # indented comment"));
        assertTrue(LineParser.isUrlLine("http://example.com/#fragment"));
        assertTrue(LineParser.isUrlLine("not a url"));
    }

    @Test
    void plainLinesAreTrimmedUrls() {
        assertEquals(new FetchRequest(3, "http://example.com/a", null), LineParser.parse(3, "  http://example.com/a \r"));
    }

    @Test
    void jsonLinesGiveUrlAndId() {
        assertEquals(new FetchRequest(0, "http://h/a", "a1"),
                LineParser.parse(0, "{\"url\": \"http://h/a\", \"id\": \"a1\"}"));
        assertEquals(new FetchRequest(1, "http://h/b", "42"),
                LineParser.parse(1, "{\"id\": 42, \"url\": \"http://h/b\", \"extra\": {\"nested\": [1, 2]}}"));
        assertEquals(new FetchRequest(2, "http://h/c", "4.5e1"), LineParser.parse(2, "{\"url\":\"http://h/c\",\"id\":4.5e1}"));
        assertEquals(new FetchRequest(3, "http://h/\u00e9\"", null), LineParser.parse(3, "{\"url\":\"http://h/\\u00e9\\\"\"}"));
    }

    @Test
    void otherIdTypesAreDropped() {
        assertNull(LineParser.parse(0, "{\"url\":\"http://h/\",\"id\":true}").id());
        assertNull(LineParser.parse(0, "{\"url\":\"http://h/\",\"id\":{\"a\":1}}").id());
        assertNull(LineParser.parse(0, "{\"url\":\"http://h/\",\"id\":null}").id());
    }

    @Test
    void badJsonStillYieldsARequestWithTheRawLine() {
        for (String line : new String[] {"{\"url\": \"http://h/a\"", "{not json}", "{\"url\": 5}", "{}",
                "{\"id\": \"x\"} trailing", "{\"url\": [\"http://h/a\"]}"}) {
            FetchRequest request = LineParser.parse(9, line);
            assertEquals(9, request.index());
            assertEquals(line, request.url(), line);
        }
        // A valid object without a url keeps its id, so the failure can be matched up.
        assertEquals(new FetchRequest(0, "{\"id\": \"x\"}", "x"), LineParser.parse(0, "{\"id\": \"x\"}"));
    }

    @Test
    void indexesCountUrlLinesOnly() {
        String input = "\uFEFF# header\nhttp://h/0\n\n   \n{\"url\":\"http://h/1\",\"id\":7}\n# note\n"
                + "{broken\nnot a url\r\nhttp://h/4";
        List<FetchRequest> requests = new ArrayList<>();
        new UrlLines(new BufferedReader(new StringReader(input))).forEachRemaining(requests::add);
        assertEquals(List.of(
                new FetchRequest(0, "http://h/0", null),
                new FetchRequest(1, "http://h/1", "7"),
                new FetchRequest(2, "{broken", null),
                new FetchRequest(3, "not a url", null),
                new FetchRequest(4, "http://h/4", null)), requests);
    }

    @Test
    void aByteOrderMarkBeforeTheFirstUrlIsDropped() {
        List<FetchRequest> requests = new ArrayList<>();
        new UrlLines(new BufferedReader(new StringReader("\uFEFFhttp://h/0\n"))).forEachRemaining(requests::add);
        assertEquals(List.of(new FetchRequest(0, "http://h/0", null)), requests);
    }
}
