package dev.salvo.cli.warc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Turns WARC records into gzip members (RFC 1952), one per record, as WARC readers expect for
 * seeking: a record's header (jwarc's {@code serializeHeader()}), its block and the CRLF CRLF that
 * ends a record are deflated as one member with one deflater reused for the whole run, and framed
 * with gzip's header and CRC/size trailer. The members of one result are collected in one buffer so
 * that they reach the file in one write.
 *
 * <p>The tail of a block that already looks compressed (see {@link Entropy}) is stored (deflate
 * level 0) in the same member instead of compressed: deflate gains nothing on such bytes (a JPEG,
 * a gzip-coded page, the random bodies of the benchmark) but spends some 15 ns a byte finding that
 * out. The rest is deflated at {@link #LEVEL}.
 *
 * <p>Not thread-safe; {@link #members()} is valid until the next {@link #clear()}.
 */
final class GzipMembers implements AutoCloseable {

    /**
     * zlib's level for what is compressed: its default, 6. Measured on two HTML pages (GCC's NEWS,
     * 52 KB, and bzip2's manual, 127 KB), level 1 deflates them 3.4-3.7x faster but 17-21% larger,
     * level 3 2.6-2.9x faster and 10-12% larger. On the few hundred bytes of headers that every
     * record has, the level makes no measurable difference to the time. Archives are kept for
     * years, so the default stays; the bytes that cost the most CPU for nothing are the
     * incompressible ones, and those are stored.
     */
    static final int LEVEL = Deflater.DEFAULT_COMPRESSION;

    /** The largest buffer kept from one result to the next. */
    static final int KEPT = 1 << 20;

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final byte[] END_OF_RECORD = {'\r', '\n', '\r', '\n'};

    private final Deflater deflater = new Deflater(LEVEL, true);
    private int level = LEVEL;
    private final CRC32 crc = new CRC32();
    private final Out out = new Out();

    /**
     * Forgets the members made so far. A buffer grown past {@link #KEPT} bytes by a large record is
     * let go, so that one large body does not hold that much memory for the rest of the run.
     */
    void clear() {
        out.reset();
        out.shrink(KEPT);
    }

    /**
     * Appends one member holding {@code header}, {@code block} and the end of the record, the
     * block's bytes from {@code storedFrom} on stored rather than compressed, and returns its
     * offset in {@link #members()}.
     */
    int add(byte[] header, byte[] block, int storedFrom) {
        int start = out.size();
        out.write(HEADER, 0, HEADER.length);
        crc.reset();
        deflater.reset();
        level(LEVEL);
        feed(header, 0, header.length);
        feed(block, 0, storedFrom);
        if (storedFrom < block.length) {
            level(0);
            feed(block, storedFrom, block.length - storedFrom);
        }
        crc.update(END_OF_RECORD);
        deflater.setInput(END_OF_RECORD);
        deflater.finish();
        while (!deflater.finished()) {
            deflateOnce();
        }
        writeIntLe((int) crc.getValue());
        writeIntLe(header.length + block.length + END_OF_RECORD.length);
        return start;
    }

    /** How many bytes the members added since {@link #clear()} take. */
    int size() {
        return out.size();
    }

    /** The members added since {@link #clear()}. */
    ByteBuffer members() {
        return ByteBuffer.wrap(out.buffer(), 0, out.size());
    }

    private void feed(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        crc.update(bytes, offset, length);
        deflater.setInput(bytes, offset, length);
        while (!deflater.needsInput()) {
            deflateOnce();
        }
    }

    /**
     * Switches the level for the bytes fed next. The deflater applies a new level on its next
     * call, first compressing whatever input it still holds at the old one; that call must come
     * before new input is set, or the new input would go at the old level too.
     */
    private void level(int next) {
        if (next == level) {
            return;
        }
        deflater.setLevel(next);
        level = next;
        deflater.setInput(END_OF_RECORD, 0, 0);
        while (deflateOnce() > 0) {
            // Flushing what it held at the old level; 0 once the new level is in force.
        }
    }

    private int deflateOnce() {
        out.ensureRoom(8192);
        int n = deflater.deflate(out.buffer(), out.size(), out.room());
        out.advance(n);
        return n;
    }

    private void writeIntLe(int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }

    @Override
    public void close() {
        deflater.end();
    }

    /** A byte array stream that lends its buffer and lets the deflater write into it directly. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(16384);
        }

        byte[] buffer() {
            return buf;
        }

        int room() {
            return buf.length - count;
        }

        void ensureRoom(int n) {
            if (room() < n) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
            }
        }

        void shrink(int most) {
            if (buf.length > most) {
                buf = new byte[16384];
            }
        }

        void advance(int n) {
            count += n;
        }
    }
}
