package dev.salvo.cli.warc;

import org.netpreserve.jwarc.WarcRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Turns WARC records into gzip members (RFC 1952), one per record, as WARC readers expect for
 * seeking: the record is serialised by jwarc ({@code serializeHeader()}, its block, and the
 * CRLF CRLF that ends a record), deflated at zlib's default level with one deflater reused for
 * the whole run, and framed with gzip's header and CRC/size trailer. A fresh
 * {@code GZIPOutputStream} per record would allocate a native zlib state and two buffers each time.
 *
 * <p>Not thread-safe; the returned buffer is valid until the next call.
 */
final class GzipMembers implements AutoCloseable {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final byte[] END_OF_RECORD = {'\r', '\n', '\r', '\n'};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private final ByteArrayOutputStream plain = new ByteArrayOutputStream(8192);
    private final WritableByteChannel plainChannel = Channels.newChannel(plain);
    private final byte[] chunk = new byte[16384];
    private final Out out = new Out();

    /** {@code record} as one gzip member. */
    ByteBuffer member(WarcRecord record) throws IOException {
        plain.reset();
        plain.write(record.serializeHeader());
        ByteBuffer body = ByteBuffer.allocate(8192);
        while (record.body().read(body) >= 0) {
            body.flip();
            plainChannel.write(body);
            body.clear();
        }
        plain.write(END_OF_RECORD);
        byte[] bytes = plain.toByteArray();

        out.reset();
        out.write(HEADER);
        crc.reset();
        crc.update(bytes);
        deflater.reset();
        deflater.setInput(bytes);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            out.write(chunk, 0, n);
        }
        writeIntLe((int) crc.getValue());
        writeIntLe(bytes.length);
        return ByteBuffer.wrap(out.buffer(), 0, out.size());
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

    /** A byte array stream that lends its buffer instead of copying it. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(8192);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
