package dev.salvo.cli.resume;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputScanTest {

    @TempDir
    Path dir;

    private static String record(long index) {
        return "{\"index\":" + index + ",\"url\":\"http://h/" + index + "\",\"status\":200,\"ok\":true,\"error\":null}\n";
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void completeRecordsAreFinished() throws IOException {
        Path file = write(record(3) + record(0) + record(7));
        OutputScan scan = OutputScan.of(file);
        assertEquals(3, scan.records());
        assertEquals(3, scan.finished().count());
        assertTrue(scan.finished().contains(0) && scan.finished().contains(3) && scan.finished().contains(7));
        assertFalse(scan.finished().contains(1));
        assertEquals(0, scan.tornBytes());
        assertEquals(Files.size(file), scan.completeEnd());
    }

    @Test
    void aTornLastLineIsNotARecordAndIsMeasured() throws IOException {
        String torn = "{\"index\":9,\"url\":\"http://h/9\",\"sta";
        Path file = write(record(1) + record(2) + torn);
        OutputScan scan = OutputScan.of(file);
        assertEquals(2, scan.finished().count());
        assertFalse(scan.finished().contains(9));
        assertEquals(torn.length(), scan.tornBytes());
        assertEquals(Files.size(file) - torn.length(), scan.completeEnd());
    }

    @Test
    void aTornLineThatStillEndsInABraceButHasNoNewlineIsNotARecord() throws IOException {
        Path file = write(record(1) + record(2).strip());
        OutputScan scan = OutputScan.of(file);
        assertEquals(1, scan.finished().count());
        assertTrue(scan.tornBytes() > 0);
    }

    @Test
    void linesThatAreNotWholeRecordsAreCountedNotFinished() throws IOException {
        String[] others = {
                "",                                     // blank
                "garbage",                              // not JSON
                "\0\0\0\0\0\0\0\0",                     // zeros left by a power loss
                "{\"index\":,\"url\":\"x\"}",             // no digits
                "{\"index\":12 ,\"url\":\"x\"}",          // not a digit then a comma
                "{\"index\":13,\"url\":\"x\"\0\0\0",      // cut short: does not end with }
                "{\"url\":\"x\",\"index\":14}",           // index not first: not written by salvo
                " {\"index\":15,\"url\":\"x\"}",          // leading space
        };
        Path file = write(record(0) + String.join("\n", others) + "\n" + record(1));
        OutputScan scan = OutputScan.of(file);
        assertEquals(2, scan.finished().count());
        assertEquals(others.length, scan.otherLines());
        for (long i = 12; i <= 15; i++) {
            assertFalse(scan.finished().contains(i), "index " + i);
        }
        assertEquals(0, scan.tornBytes());
    }

    @Test
    void anEmptyFileHoldsNothing() throws IOException {
        OutputScan scan = OutputScan.of(write(""));
        assertEquals(0, scan.finished().count());
        assertEquals(0, scan.completeEnd());
        assertEquals(0, scan.tornBytes());
    }

    @Test
    void recordsSpanningTheReadBufferAreReadWhole() throws IOException {
        // Records of varied length over several 4 MiB buffers put every byte position at a boundary.
        Path file = dir.resolve("big.jsonl");
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long size = 0;
            while (size < 13L << 20) {
                String line = "{\"index\":" + n + ",\"url\":\"http://h/" + "x".repeat((int) (n % 97)) + "\"}\n";
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                size += bytes.length;
                n++;
            }
        }
        OutputScan scan = OutputScan.of(file);
        assertEquals(n, scan.records());
        assertEquals(n, scan.finished().count());
        assertEquals(0, scan.otherLines());
        for (long i = 0; i < n; i++) {
            assertTrue(scan.finished().contains(i));
        }
    }
}
