package dev.salvo.testing;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Holds {@code /gate/...} requests until the test opens the gate: the deterministic way to keep
 * a known number of requests in flight (no timing involved), e.g. to prove a concurrency cap.
 * Starts closed. A held request gives up after the server's read timeout, or at once when the
 * server closes.
 *
 * <p>Thread-safe.
 */
final class Gate {

    private final Duration maxHold;
    private boolean open;
    private boolean serverClosed;

    Gate(Duration maxHold) {
        this.maxHold = maxHold;
    }

    synchronized void open() {
        open = true;
        notifyAll();
    }

    synchronized void close() {
        open = false;
    }

    /** Releases every held request with an error; called when the server closes. */
    synchronized void abort() {
        serverClosed = true;
        notifyAll();
    }

    /** {@code /gate/...}: waits for the gate to open, then answers 200. */
    void handle(Exchange exchange) throws IOException {
        awaitOpen();
        exchange.respond(200, "passed " + exchange.request().target() + "\n");
    }

    private synchronized void awaitOpen() throws IOException {
        long deadline = System.nanoTime() + maxHold.toNanos();
        while (!open) {
            if (serverClosed) {
                throw new SocketException("server closed while request was held at the gate");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("gate stayed closed for " + maxHold);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted at the gate");
            }
        }
    }
}
