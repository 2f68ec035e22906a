package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import io.netty.channel.Channel;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One exchange sent through {@link Http2Transport}: it may wait for a connection, ride a stream,
 * be moved to a new connection (a GOAWAY or REFUSED_STREAM means the server did not process it),
 * or be handed to HTTP/1.1 when ALPN chose that. Makes sure {@code done} is called exactly once.
 * Confined to the event loop.
 */
final class Http2Call implements Transport.InFlight {

    /** Times a call may be moved because the server did not process it, before it fails. */
    static final int MAX_UNPROCESSED = 3;

    final Exchange exchange;
    /** When the exchange was handed to the transport; time to first byte counts from here. */
    final long startedNanos = System.nanoTime();
    private final Consumer<Outcome> done;
    ScheduledFuture<?> timeout;
    /** The stream carrying the call, once it has one. */
    Channel stream;
    /** Set when the call went to HTTP/1.1: aborts go there. */
    private Transport.InFlight delegate;
    /** How often the server gave the call back unprocessed (GOAWAY, REFUSED_STREAM). */
    int unprocessed;
    private boolean finished;

    Http2Call(Exchange exchange, Consumer<Outcome> done) {
        this.exchange = exchange;
        this.done = done;
    }

    Consumer<Outcome> done() {
        return done;
    }

    /** True once done has been called or the call went to HTTP/1.1. */
    boolean isFinished() {
        return finished || delegate != null;
    }

    void finish(Outcome outcome) {
        if (isFinished()) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        done.accept(outcome);
    }

    /** The call continues on HTTP/1.1; its own timer stops, the new transport keeps time. */
    void handOver(Transport.InFlight to) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        delegate = to;
    }

    @Override
    public void abort(ErrorType type, String message) {
        if (delegate != null) {
            delegate.abort(type, message);
            return;
        }
        if (finished) {
            return;
        }
        finish(new Outcome.Failure(type, message));
        if (stream != null) {
            stream.close(); // resets the stream (CANCEL); the connection carries on
        }
    }
}
