package dev.salvo.internal.transport;

import dev.salvo.ErrorType;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One exchange on the HTTP/1.1 transport: makes sure {@code done} is called exactly once,
 * whichever of response end, failure, timeout or abort comes first. Confined to the event loop.
 */
final class Http1Call implements Transport.InFlight {

    final Exchange exchange;
    /** When the exchange was handed to a transport; time to first byte counts from here. */
    final long startedNanos;
    private final Consumer<Outcome> done;
    ScheduledFuture<?> timeout;
    /** The connection carrying this call, once it has one. */
    Http1Connection connection;
    /** A failed stale keep-alive connection is replaced once, transparently. */
    boolean staleRetried;
    private boolean finished;

    Http1Call(Exchange exchange, Consumer<Outcome> done) {
        this(exchange, done, System.nanoTime());
    }

    /** A call whose exchange was handed to a transport at {@code startedNanos} (another, when adopted). */
    Http1Call(Exchange exchange, Consumer<Outcome> done, long startedNanos) {
        this.startedNanos = startedNanos;
        this.exchange = exchange;
        this.done = done;
    }

    boolean isFinished() {
        return finished;
    }

    void finish(Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        done.accept(outcome);
    }

    @Override
    public void abort(ErrorType type, String message) {
        if (finished) {
            return;
        }
        finish(new Outcome.Failure(type, message));
        if (connection != null) {
            // Mid-exchange: the connection's state is unknown, so it cannot be reused.
            connection.close();
        }
    }
}
