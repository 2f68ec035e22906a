package dev.salvo.cli;

import dev.salvo.FetchRequest;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.output.RecordFormat;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.cli.resume.ResumableOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end of a run, with the background flush caught in the middle of writing. */
@Timeout(60)
class FetchSessionTest {

    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /**
     * Forces the end-of-run race: the ticker's flush is held inside the output stream until the
     * run ends and the ticker is stopped. Stopping it (which interrupts it) must not lose the
     * record the ticker was writing, nor make the final close fail.
     */
    @Test
    void aFlushCaughtByTheEndOfTheRunLosesNothing() throws Exception {
        Path in = Files.writeString(dir.resolve("urls.txt"), server.base() + "/ok/1\n");
        Path out = dir.resolve("out.jsonl");
        ResumableOutput file = ResumableOutput.open(out, "urls.txt", in, false, false);
        HeldFlush held = new HeldFlush(file.stream());
        RecordWriter writer = new RecordWriter(held, new RecordFormat(false), null, true);
        // One URL, then the input stays open until the ticker is inside its flush, so the run
        // ends exactly while that flush is under way.
        Iterator<FetchRequest> requests = new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                if (!given) {
                    return true;
                }
                await(held.entered);
                return false;
            }

            @Override
            public FetchRequest next() {
                given = true;
                return new FetchRequest(0, server.base() + "/ok/1", null);
            }
        };
        StringWriter err = new StringWriter();
        new FetchSession(SalvoConfig.builder().build(), false, new PrintWriter(err, true)).run(requests, writer);

        assertTrue(held.wasHeld.get(), "the ticker's flush was not caught");
        List<String> lines = Files.readAllLines(out);
        assertEquals(1, lines.size(), "records: " + lines + "; stderr: " + err);
        assertTrue(lines.get(0).startsWith("{\"index\":0,"), lines.get(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the ticker never flushed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds the first write from the ticker thread until that thread is interrupted (as stopping
     * the ticker does), then lets it through with its interrupt status set, as a real flush
     * interrupted mid-way would be.
     */
    private static final class HeldFlush extends FilterOutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean wasHeld = new AtomicBoolean();

        HeldFlush(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (Thread.currentThread().getName().equals("salvo-ticker") && wasHeld.compareAndSet(false, true)) {
                entered.countDown();
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(b, off, len);
        }
    }
}
