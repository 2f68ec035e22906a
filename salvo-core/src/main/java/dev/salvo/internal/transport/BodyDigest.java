package dev.salvo.internal.transport;

import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes a body as it streams, keeps it when asked, and says when it passes the cap,
 * so no body is ever held whole unless the caller wants it. Not thread-safe: one per exchange.
 */
final class BodyDigest {

    private static final MessageDigest SHA256_PROTOTYPE = newSha256();

    /** Direct buffers are hashed through this scratch array; one per event-loop thread. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final long maxBody;
    private final MessageDigest digest;
    private final ByteArrayOutputStream kept;
    private long bytes;

    /** A digest with a fresh SHA-256. */
    BodyDigest(long maxBody, boolean keep) {
        this(maxBody, keep, newSha256Instance());
    }

    /**
     * A digest reusing {@code sha256}, which must be reset (as {@link MessageDigest#digest()}
     * leaves it); a connection keeps one across its exchanges to save the allocation.
     */
    BodyDigest(long maxBody, boolean keep, MessageDigest sha256) {
        this.maxBody = maxBody;
        this.kept = keep ? new ByteArrayOutputStream() : null;
        this.digest = sha256;
    }

    /**
     * Why a response whose Content-Length header says {@code declaredLength} is over
     * {@code maxBody}, or null when it is within the cap or has no usable length; checked before
     * any body byte is read, so an oversized body is never downloaded.
     */
    static String declaredLengthOverCap(String declaredLength, long maxBody) {
        if (declaredLength == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(declaredLength.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return length > maxBody ? "Content-Length " + declaredLength.trim() + " exceeds the cap of " + maxBody
                + " bytes" : null;
    }

    /** Why the body was cut off after {@link #add} returned false. */
    String overCapMessage() {
        return "body exceeds the cap of " + maxBody + " bytes";
    }

    /** A new SHA-256 instance. */
    static MessageDigest newSha256Instance() {
        return cloneSha256();
    }

    /**
     * Adds the readable bytes of {@code chunk} (its indexes are not moved); false when the body
     * has now passed the cap (the chunk is then not hashed).
     */
    boolean add(ByteBuf chunk) {
        int length = chunk.readableBytes();
        bytes += length;
        if (bytes > maxBody) {
            return false;
        }
        if (chunk.hasArray()) {
            update(chunk.array(), chunk.arrayOffset() + chunk.readerIndex(), length);
            return true;
        }
        byte[] scratch = SCRATCH.get();
        for (int offset = 0; offset < length; offset += scratch.length) {
            int part = Math.min(scratch.length, length - offset);
            chunk.getBytes(chunk.readerIndex() + offset, scratch, 0, part);
            update(scratch, 0, part);
        }
        return true;
    }

    /**
     * Adds as much of {@code chunk} as fits under the cap (its indexes are not moved); false when
     * some of it did not fit, so the body is cut at exactly the cap.
     */
    boolean addUpToCap(ByteBuf chunk) {
        long room = maxBody - bytes;
        int length = chunk.readableBytes();
        if (length <= room) {
            return add(chunk);
        }
        add(chunk.slice(chunk.readerIndex(), (int) Math.max(0, room)));
        return false;
    }

    private void update(byte[] array, int offset, int length) {
        digest.update(array, offset, length);
        if (kept != null) {
            kept.write(array, offset, length);
        }
    }

    long bytes() {
        return bytes;
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
