package dev.salvo.cli.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UrlLineCountTest {

    @TempDir
    Path dir;

    @Test
    void countsWhatLineParserCallsUrlLines() throws IOException {
        String text = "\uFEFF# comment\nhttp://a/\n\n   \n  # indented comment\n\t http://b/ \r\n"
                + "{\"url\":\"http://c/\"}\nnot a url\nhttp://d/";
        Path file = dir.resolve("in.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        long expected = text.lines().map(l -> l.replace("\uFEFF", "")).filter(LineParser::isUrlLine).count();
        assertEquals(5, expected);
        assertEquals(expected, UrlLineCount.of(file));
    }
}
