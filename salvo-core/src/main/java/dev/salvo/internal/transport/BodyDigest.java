package dev.salvo.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes a body as it streams, keeps it when asked, and says when it passes the cap,
 * so no body is ever held whole unless the caller wants it. Not thread-safe: one per exchange.
 */
final class BodyDigest {

    private static final MessageDigest SHA256_PROTOTYPE = newSha256();

    private final long maxBody;
    private final MessageDigest digest = cloneSha256();
    private final ByteArrayOutputStream kept;
    private long bytes;

    BodyDigest(long maxBody, boolean keep) {
        this.maxBody = maxBody;
        this.kept = keep ? new ByteArrayOutputStream() : null;
    }

    /** Adds a chunk; false when the body has now passed the cap (the chunk is then not hashed). */
    boolean add(ByteBuffer chunk) {
        bytes += chunk.remaining();
        if (bytes > maxBody) {
            return false;
        }
        if (kept != null) {
            ByteBuffer copy = chunk.duplicate();
            byte[] array = new byte[copy.remaining()];
            copy.get(array);
            kept.writeBytes(array);
        }
        digest.update(chunk);
        return true;
    }

    long bytes() {
        return bytes;
    }

    long maxBody() {
        return maxBody;
    }

    /** Lower-case hex SHA-256 of everything added. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The body when kept, else null. */
    byte[] body() {
        return kept == null ? null : kept.toByteArray();
    }

    private static MessageDigest cloneSha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
