package dev.salvo.cli.resume;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumableOutputTest {

    @TempDir
    Path dir;

    private Path input(String text) throws IOException {
        Path file = dir.resolve("urls.txt");
        Files.writeString(file, text);
        return file;
    }

    private static void append(ResumableOutput out, String text) throws IOException {
        out.stream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFreshRunEmptiesTheOutputAndRecordsItsInput() throws IOException {
        Path in = input("http://a/\nhttp://b/\n");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "old\n");
        ResumableOutput.open(out, "urls.txt", in, false, false).stream().close();
        assertEquals(0, Files.size(out));
        ResumeRecord record = ResumeRecord.read(out);
        assertEquals("urls.txt", record.input());
        assertEquals(InputFingerprint.of(in), record.fingerprint());
    }

    @Test
    void resumingCutsTheTornLineAndAppendsAfterTheLastCompleteRecord() throws IOException {
        Path in = input("http://a/\nhttp://b/\nhttp://c/\n");
        Path out = dir.resolve("out.jsonl");
        ResumableOutput first = ResumableOutput.open(out, "urls.txt", in, false, false);
        append(first, "{\"index\":1,\"url\":\"http://b/\"}\n{\"index\":0,\"url\":\"ht");
        first.stream().close();

        ResumableOutput resumed = ResumableOutput.open(out, "urls.txt", in, true, false);
        assertEquals(1, resumed.finished().count());
        assertTrue(resumed.finished().contains(1));
        assertEquals("{\"index\":0,\"url\":\"ht".length(), resumed.scan().tornBytes());
        append(resumed, "{\"index\":0,\"url\":\"http://a/\"}\n");
        resumed.stream().close();
        assertEquals("{\"index\":1,\"url\":\"http://b/\"}\n{\"index\":0,\"url\":\"http://a/\"}\n",
                Files.readString(out));
    }

    @Test
    void resumingWithoutAnOutputStartsAfresh() throws IOException {
        Path in = input("http://a/\n");
        Path out = dir.resolve("new.jsonl");
        ResumableOutput resumed = ResumableOutput.open(out, "urls.txt", in, true, false);
        resumed.stream().close();
        assertEquals(0, resumed.finished().count());
        assertTrue(Files.exists(ResumeRecord.pathFor(out)));
    }

    @Test
    void aChangedInputIsRefusedUnlessForced() throws IOException {
        Path in = input("http://a/\nhttp://b/\n");
        Path out = dir.resolve("out.jsonl");
        ResumableOutput.open(out, "urls.txt", in, false, false).stream().close();

        Files.writeString(in, "http://a/\nhttp://c/\n"); // same size, different bytes
        CannotResume changed = assertThrows(CannotResume.class,
                () -> ResumableOutput.open(out, "urls.txt", in, true, false));
        assertTrue(changed.getMessage().contains("differs"), changed.getMessage());
        assertTrue(changed.getMessage().contains("--force-resume"), changed.getMessage());

        Files.writeString(in, "http://a/\nhttp://c/\nhttp://d/\n");
        CannotResume grown = assertThrows(CannotResume.class,
                () -> ResumableOutput.open(out, "urls.txt", in, true, false));
        assertTrue(grown.getMessage().contains("bytes"), grown.getMessage());

        ResumableOutput.open(out, "urls.txt", in, true, true).stream().close();
        ResumableOutput.open(out, "urls.txt", in, true, false).stream().close(); // forcing re-recorded it
    }

    @Test
    void anOutputWithoutItsSidecarOrFromStandardInputIsRefusedUnlessForced() throws IOException {
        Path in = input("http://a/\n");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "{\"index\":0,\"url\":\"http://a/\"}\n");
        CannotResume missing = assertThrows(CannotResume.class,
                () -> ResumableOutput.open(out, "urls.txt", in, true, false));
        assertTrue(missing.getMessage().contains("out.jsonl.salvo-resume"), missing.getMessage());

        ResumableOutput.open(out, "-", null, false, false).stream().close();
        CannotResume stdin = assertThrows(CannotResume.class,
                () -> ResumableOutput.open(out, "-", null, true, false));
        assertTrue(stdin.getMessage().contains("standard input"), stdin.getMessage());
        ResumableOutput.open(out, "-", null, true, true).stream().close();
    }
}
