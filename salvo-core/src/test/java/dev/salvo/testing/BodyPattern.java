package dev.salvo.testing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The deterministic content of {@code /bytes/{n}} bodies: the byte at offset {@code i} is
 * {@code i % 251}. The period is prime so that a client that drops, repeats or reorders a
 * buffer's worth of bytes produces a mismatch. Stateless and thread-safe.
 */
public final class BodyPattern {

    private static final int PERIOD = 251;
    private static final int CHUNK = 64 * 1024;
    /** One chunk plus a period, so any offset's chunk is a slice of this without copying. */
    private static final byte[] TILE = new byte[CHUNK + PERIOD];

    static {
        for (int i = 0; i < TILE.length; i++) {
            TILE[i] = (byte) (i % PERIOD);
        }
    }

    private BodyPattern() {
    }

    /** Returns the byte expected at {@code offset} of a pattern body. */
    public static byte byteAt(long offset) {
        return (byte) (offset % PERIOD);
    }

    /**
     * Returns the offset of the first byte of {@code bytes} that differs from the pattern when the
     * array starts at body offset {@code start}, or -1 if all match.
     */
    public static long firstMismatch(byte[] bytes, long start) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != byteAt(start + i)) {
                return start + i;
            }
        }
        return -1;
    }

    /** Writes {@code length} pattern bytes in 64 KiB writes; memory use is constant in length. */
    static void write(OutputStream out, long length) throws IOException {
        for (long offset = 0; offset < length; ) {
            int n = (int) Math.min(CHUNK, length - offset);
            out.write(TILE, (int) (offset % PERIOD), n);
            offset += n;
        }
    }
}
