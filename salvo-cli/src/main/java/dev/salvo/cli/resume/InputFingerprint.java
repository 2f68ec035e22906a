package dev.salvo.cli.resume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Enough of an input file to tell whether it changed: its size and the SHA-256 of its first MiB.
 * Cheap to compute for any size. An edit past the first MiB that keeps the size is not seen; any
 * insertion, deletion or append is. Immutable.
 *
 * @param size        the file's length in bytes
 * @param headSha256  hex SHA-256 of its first {@value #HEAD_BYTES} bytes (or all of it, if shorter)
 */
public record InputFingerprint(long size, String headSha256) {

    static final int HEAD_BYTES = 1 << 20;

    /** The fingerprint of {@code file}. */
    public static InputFingerprint of(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            sha.update(head);
        }
        return new InputFingerprint(Files.size(file), HexFormat.of().formatHex(sha.digest()));
    }
}
