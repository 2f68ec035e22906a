package dev.salvo.cli.output;

import dev.salvo.FetchResult;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes records to a byte stream through a 64 KiB buffer. The buffer is flushed every
 * {@value #FLUSH_EVERY} records, by {@link #flushIfStale} (which a timer calls every
 * {@value #FLUSH_INTERVAL_MILLIS} ms, so a slow run still shows its records), and on {@link #close}.
 *
 * <p>Only whole records ever reach the stream: a record is written, and the buffer flushed, under
 * one lock, so a flush from another thread (a timer, an interrupt) never cuts a record in two. A
 * crash can still tear the last line mid-write; resuming repairs that. With a sync file descriptor, every
 * record is flushed and forced to the disk ({@code fsync}) before {@link #write} returns.
 *
 * <p>{@link #write} must be called from one thread at a time (the results thread);
 * {@link #flushIfStale} and {@link #close} may be called from any thread (a timer). Writing to the
 * stream is guarded by a lock. Since a timer thread flushes, and may be interrupted while doing
 * so, {@code out} must not be an interruptible channel (which an interrupt closes for good): use a
 * {@link java.io.FileOutputStream}, whose writes ignore interrupts.
 * One uncontended lock per record costs next to nothing at tens of thousands of records a second.
 */
public final class RecordWriter implements ResultSink {

    /** At most this many records wait in the buffer; a crash makes them be fetched again on resume. */
    public static final int FLUSH_EVERY = 64;
    /** How often a timer should call {@link #flushIfStale}. */
    public static final long FLUSH_INTERVAL_MILLIS = 200;

    private final OutputStream out;
    private final RecordFormat format;
    private final BodyStore bodies;
    private final boolean closeStream;
    private final FileDescriptor sync;
    private int unflushed;
    private volatile Runnable beforeOutput = () -> { };

    /**
     * @param out         where records go
     * @param format      how a record looks
     * @param bodies      where bodies are saved, or null to save none
     * @param closeStream false leaves {@code out} open on close (for standard output)
     */
    public RecordWriter(OutputStream out, RecordFormat format, BodyStore bodies, boolean closeStream) {
        this(out, format, bodies, closeStream, null);
    }

    /**
     * @param sync the file under {@code out} to force to the disk after every record, or null to
     *             leave writing back to the operating system
     */
    public RecordWriter(OutputStream out, RecordFormat format, BodyStore bodies, boolean closeStream,
                        FileDescriptor sync) {
        this.out = new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                beforeOutput.run();
                this.out.write(bytes, offset, length);
            }
        }, 1 << 16);
        this.format = format;
        this.bodies = bodies;
        this.closeStream = closeStream;
        this.sync = sync;
    }

    /**
     * Runs {@code action} before records reach the stream: a progress line on the terminal that
     * also shows the records erases itself. It runs under this writer's lock.
     */
    @Override
    public void beforeOutput(Runnable action) {
        this.beforeOutput = action;
    }

    /** Writes the record of {@code result}, saving its body first when asked to. */
    public void write(FetchResult result) {
        write(result, Extras.NONE);
    }

    @Override
    public void write(FetchResult result, Extras extras) {
        if (bodies != null) {
            extras = extras.withBodyFile(bodies.save(result));
        }
        // Formatting happens outside the lock: only the results thread calls write().
        LineBytes line = format.encode(result, extras);
        synchronized (this) {
            try {
                out.write(line.array(), 0, line.length());
                if (++unflushed >= FLUSH_EVERY || sync != null) {
                    flushLocked();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write output: " + e.getMessage(), e);
            }
        }
    }

    /** Flushes records written since the last flush, if any. */
    @Override
    public synchronized void flushIfStale() {
        if (unflushed > 0) {
            try {
                flushLocked();
            } catch (IOException e) {
                // write() reports the same failure on the results thread, where it can end the run.
            }
        }
    }

    private void flushLocked() throws IOException {
        unflushed = 0;
        out.flush();
        if (sync != null) {
            sync.sync();
        }
    }

    /** Flushes everything and closes the stream unless it is standard output. */
    @Override
    public synchronized void close() {
        try {
            flushLocked();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write output: " + e.getMessage(), e);
        }
    }
}
