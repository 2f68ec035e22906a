package dev.salvo.cli.input;

import dev.salvo.FetchRequest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        assertEquals(new FetchRequest(3, "http://example.com/a", null), LineParser.PLAIN.parse(3, "  http://example.com/a \r"));
    }

    @Test
    void jsonLinesGiveUrlAndId() {
        assertEquals(new FetchRequest(0, "http://h/a", "a1"),
                LineParser.PLAIN.parse(0, "{\"url\": \"http://h/a\", \"id\": \"a1\"}"));
        assertEquals(new FetchRequest(1, "http://h/b", "42"),
                LineParser.PLAIN.parse(1, "{\"id\": 42, \"url\": \"http://h/b\"}"));
        assertEquals(new FetchRequest(2, "http://h/c", "4.5e1"), LineParser.PLAIN.parse(2, "{\"url\":\"http://h/c\",\"id\":4.5e1}"));
        assertEquals(new FetchRequest(3, "http://h/\u00e9\"", null), LineParser.PLAIN.parse(3, "{\"url\":\"http://h/\\u00e9\\\"\"}"));
    }

    @Test
    void otherIdTypesAreInvalidInput() {
        for (String id : new String[] {"true", "{\"a\":1}", "null", "[1]"}) {
            FetchRequest request = LineParser.PLAIN.parse(0, "{\"url\":\"http://h/\",\"id\":" + id + "}");
            assertEquals("\"id\" must be a string or a number", request.invalidInput(), id);
            assertEquals("http://h/", request.url());
        }
    }

    @Test
    void aJsonLineGivesItsRequestsMethodHeadersBodyAndParams() {
        FetchRequest request = LineParser.PLAIN.parse(2, "{\"url\":\"http://h/p?k=v\",\"id\":\"a\",\"method\":\"put\","
                + "\"headers\":{\"X-A\":\"1\",\"X-B\":[\"2\",\"3\"]},\"body\":\"h\u00e9\","
                + "\"params\":{\"q\":\"a b\",\"n\":[1,true]}}");
        assertEquals(FetchRequest.builder(2, "http://h/p?k=v").id("a").method("PUT").header("X-A", "1")
                .header("X-B", "2").header("X-B", "3").body("h\u00e9").param("q", "a b").param("n", "1")
                .param("n", "true").build(), request);
        assertEquals("http://h/p?k=v&q=a+b&n=1&n=true", request.url());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 1},
                LineParser.PLAIN.parse(0, "{\"url\":\"http://h/\",\"body_base64\":\"AP8B\"}").body());
    }

    @Test
    void unknownFieldsAndWrongShapesAreInvalidInputNamingTheField() {
        String[][] cases = {
                {"{\"url\":\"http://h/\",\"methd\":\"POST\"}",
                        "unknown field \"methd\" (known: url, id, method, headers, body, body_base64, params)"},
                {"{\"url\":\"http://h/\",\"method\":5}", "\"method\" must be a string"},
                {"{\"url\":\"http://h/\",\"method\":\"GE T\"}", "\"method\": method must be letters only, was 'GE T'"},
                {"{\"url\":\"http://h/\",\"headers\":[\"X-A: 1\"]}",
                        "\"headers\" must be an object of strings (or arrays of them)"},
                {"{\"url\":\"http://h/\",\"headers\":{\"X A\":\"1\"}}", "\"headers\": invalid header name 'X A'"},
                {"{\"url\":\"http://h/\",\"params\":{\"a\":{}}}",
                        "\"params\" must be an object of strings, numbers or booleans (or arrays of them)"},
                {"{\"url\":\"http://h/\",\"body\":\"a\",\"body_base64\":\"YQ==\"}",
                        "give \"body\" or \"body_base64\", not both"},
                {"{\"url\":\"http://h/\",\"body_base64\":\"*\"}", "\"body_base64\" is not base64: "},
        };
        for (String[] c : cases) {
            FetchRequest request = LineParser.PLAIN.parse(0, c[0]);
            assertTrue(request.invalidInput() != null && request.invalidInput().startsWith(c[1]),
                    c[0] + " -> " + request.invalidInput());
        }
        FetchRequest noUrl = LineParser.PLAIN.parse(0, "{\"id\":1,\"uri\":\"http://h/\"}");
        assertEquals("1", noUrl.id());
        assertTrue(noUrl.invalidInput().startsWith("unknown field \"uri\""), noUrl.toString());
    }

    @Test
    void aBaseResolvesRelativeLinesAndTheCommandLinesBodyGoesWithLinesWithoutTheirOwn() {
        LineParser parser = new LineParser(BaseUrl.parse("http://h/docs/index.html?x=1"), new byte[] {7});
        assertEquals("http://h/docs/a/b", parser.parse(0, "a/b").url());
        assertEquals("http://h/top", parser.parse(0, "{\"url\":\"../top\"}").url());
        assertEquals("https://other/", parser.parse(0, "https://other/").url(), "absolute URLs stay");
        assertEquals("http://h/docs/c?p=1", parser.parse(0, "{\"url\":\"c\",\"params\":{\"p\":1}}").url());
        assertArrayEquals(new byte[] {7}, parser.parse(0, "a").body());
        assertArrayEquals("own".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                parser.parse(0, "{\"url\":\"a\",\"body\":\"own\"}").body());
    }

    @Test
    void badJsonStillYieldsARequestWithTheRawLine() {
        for (String line : new String[] {"{\"url\": \"http://h/a\"", "{not json}", "{\"url\": 5}", "{}",
                "{\"id\": \"x\"} trailing", "{\"url\": [\"http://h/a\"]}"}) {
            FetchRequest request = LineParser.PLAIN.parse(9, line);
            assertEquals(9, request.index());
            assertEquals(line, request.url(), line);
        }
        // A valid object without a url keeps its id, so the failure can be matched up.
        assertEquals(new FetchRequest(0, "{\"id\": \"x\"}", "x"), LineParser.PLAIN.parse(0, "{\"id\": \"x\"}"));
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
