package dev.salvo.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bodies and content codings the body tests share: a page that compresses well, gzip and deflate
 * made by the JDK (independently of the decoders under test), and the SHA-256 a result should carry.
 * Stateless and thread-safe.
 */
final class Codings {

    /** About 100 KB of HTML that compresses to a few hundred bytes. */
    static final byte[] COMPRESSIBLE_PAGE = "<p>the same words, over and over, compress well</p>\n".repeat(2000)
            .getBytes(StandardCharsets.UTF_8);

    private Codings() {
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    /** The zlib-wrapped form that HTTP's {@code deflate} coding names (RFC 9110 8.4.1.2). */
    static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(data);
        }
        return out.toByteArray();
    }

    /** Lower-case hex SHA-256, as {@code FetchResult.sha256()} gives it. */
    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
