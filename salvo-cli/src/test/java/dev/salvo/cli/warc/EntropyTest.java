package dev.salvo.cli.warc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which bodies are stored rather than deflated. */
class EntropyTest {

    private final Entropy entropy = new Entropy();

    private static byte[] page(int size) {
        StringBuilder page = new StringBuilder("<!doctype html><html><head><title>Salvo</title></head><body>\n");
        for (int i = 0; page.length() < size; i++) {
            page.append("<p class=\"entry\">Entry number ").append(i).append(" of the list, with some words.</p>\n");
        }
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Text of made-up words in a random order: gzip codes it to bytes spread as compressed data's are. */
    private static byte[] prose(int size) {
        Random random = new Random(9);
        String[] words = new String[2000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 2 + random.nextInt(8); j > 0; j--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void randomAndGzippedBytesLookCompressed() throws IOException {
        byte[] random = new byte[1024];
        new Random(7).nextBytes(random);
        assertTrue(entropy.looksCompressed(random, 0, random.length));
        byte[] coded = gzip(prose(200_000));
        assertTrue(coded.length > 4096, "a sample from the middle of a long run");
        assertTrue(entropy.looksCompressed(coded, 0, coded.length));
    }

    @Test
    void textAndShortRunsDoNot() {
        byte[] page = page(20_000);
        assertFalse(entropy.looksCompressed(page, 0, page.length));
        byte[] prose = prose(20_000);
        assertFalse(entropy.looksCompressed(prose, 0, prose.length));
        byte[] random = new byte[Entropy.MIN_SAMPLE - 1];
        new Random(8).nextBytes(random);
        assertFalse(entropy.looksCompressed(random, 0, random.length), "too short to judge");
        byte[] zeros = new byte[8192];
        assertFalse(entropy.looksCompressed(zeros, 0, zeros.length));
    }
}
