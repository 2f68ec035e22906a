package dev.salvo.cli.warc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One deflater reused across members, switching to stored tails and back, still makes whole members. */
@Timeout(30)
class GzipMembersTest {

    private static final byte[] HEADER = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] text(int size) {
        StringBuilder page = new StringBuilder();
        for (int i = 0; page.length() < size; i++) {
            page.append("<li><a href=\"/item/").append(i).append("\">Item ").append(i).append("</a></li>\n");
        }
        return page.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The bytes of one gzip member, decoded alone. */
    private static byte[] gunzip(byte[] member) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            return in.readAllBytes();
        }
    }

    @Test
    void eachMemberDecodesAloneWhateverCameBeforeIt() throws IOException {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        // Blocks in an order that switches the level both ways, with outputs larger than one deflate call's room.
        List<byte[]> blocks = List.of(text(3000), concat(head, random(100_000, 1)), text(200_000),
                concat(head, random(600, 2)), new byte[0], concat(text(50_000), random(50_000, 3)), text(10));
        List<Integer> storedFrom = List.of(3000, head.length, 200_000, head.length, 0, 50_000, 10);
        List<Integer> offsets = new ArrayList<>();
        byte[] all;
        try (GzipMembers gzip = new GzipMembers()) {
            gzip.clear();
            for (int i = 0; i < blocks.size(); i++) {
                offsets.add(gzip.add(HEADER, blocks.get(i), storedFrom.get(i)));
            }
            ByteBuffer members = gzip.members();
            all = Arrays.copyOfRange(members.array(), members.position(), members.limit());
        }
        offsets.add(all.length);
        for (int i = 0; i < blocks.size(); i++) {
            byte[] member = Arrays.copyOfRange(all, offsets.get(i), offsets.get(i + 1));
            byte[] expected = concat(concat(HEADER, blocks.get(i)), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(expected, gunzip(member), "member " + i + " decoded alone");
        }
        // The whole file reads as the concatenation of the records, as a plain gzip reader sees it.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] block : blocks) {
            expected.write(HEADER);
            expected.write(block);
            expected.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals(expected.toByteArray(), gunzip(all));
    }

    @Test
    void aStoredTailIsStoredAndTheNextMemberIsCompressedAgain() {
        byte[] body = random(64 * 1024, 4);
        byte[] page = text(64 * 1024);
        try (GzipMembers gzip = new GzipMembers()) {
            gzip.clear();
            int first = gzip.add(HEADER, page, page.length);
            int second = gzip.add(HEADER, body, 0);
            int third = gzip.add(HEADER, page, page.length);
            int end = gzip.size();
            int compressedPage = second - first;
            assertTrue(compressedPage < page.length / 4, "text is compressed: " + compressedPage);
            // Stored: the body's bytes plus a few bytes of framing per 64 KiB block, gzip's 18 and the header.
            int stored = third - second;
            assertTrue(stored >= body.length && stored < body.length + HEADER.length + 64, "stored: " + stored);
            assertEquals(compressedPage, end - third, "the level is back for the member after a stored tail");
        }
    }
}
