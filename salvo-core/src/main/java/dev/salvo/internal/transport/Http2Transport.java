package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.SalvoConfig;
import io.netty.channel.EventLoop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP/2 on Netty, on the engine's event loop: https hosts whose protocol is not yet known (ALPN
 * decides on the first connection) and cleartext with prior knowledge ({@code --http2}). One
 * connection per host carries up to {@code perHost} streams, never more than the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS; calls beyond that wait here for a stream to end (the engine's
 * per-host cap bounds how many can wait). A request the server did not process (GOAWAY,
 * REFUSED_STREAM) is sent again on another connection without counting as an attempt. When ALPN
 * chooses http/1.1 the connection and every waiting call go to {@link Http1Transport}, and the
 * host is remembered as HTTP/1.1.
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class Http2Transport implements Transport, Http2Connection.Listener {

    /** The connections of one host and the calls waiting for a stream. */
    private static final class Host {
        final List<Http2Connection> connections = new ArrayList<>(1);
        final ArrayDeque<Http2Call> waiting = new ArrayDeque<>();
        boolean dialing;
    }

    private final EventLoop loop;
    private final Dialer dialer;
    private final Http1Transport http1;
    private final Consumer<String> choseHttp1;
    private final int perHost;
    private final Http2Options options;
    private final Map<String, Host> hosts = new HashMap<>();

    /** @param choseHttp1 told the host key of an https host whose server chose http/1.1 */
    Http2Transport(EventLoop loop, Dialer dialer, Http1Transport http1, SalvoConfig config,
                   Consumer<String> choseHttp1) {
        this.loop = loop;
        this.dialer = dialer;
        this.http1 = http1;
        this.choseHttp1 = choseHttp1;
        this.perHost = config.perHost();
        this.options = Http2Options.of(config);
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        Http2Call call = new Http2Call(exchange, done);
        long timeoutMillis = exchange.timeoutMillis();
        call.timeout = loop.schedule(() -> call.abort(ErrorType.TIMEOUT,
                "no complete response within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
        dispatch(call);
        return call;
    }

    private void dispatch(Http2Call call) {
        String key = call.exchange.target().hostKey();
        Host host = hosts.computeIfAbsent(key, k -> new Host());
        for (Http2Connection connection : host.connections) {
            if (connection.hasCapacity()) {
                connection.start(call);
                return;
            }
        }
        host.waiting.add(call);
        if (host.connections.isEmpty() && !host.dialing) {
            dial(key, host, call);
        }
    }

    private void dial(String key, Host host, Http2Call first) {
        host.dialing = true;
        dialer.dial(first.exchange.target()).addListener(dialing -> {
            host.dialing = false;
            if (!dialing.isSuccess()) {
                failWaiting(key, host, FailureClassifier.classify(dialing.cause()));
                return;
            }
            Dialer.Dialed dialed = (Dialer.Dialed) dialing.getNow();
            if (first.exchange.target().secure() && !dialed.http2()) {
                toHttp1(key, host, dialed);
                return;
            }
            host.connections.add(Http2Connection.install(dialed.channel(), key, this, perHost, options));
            // Calls start when the server's SETTINGS arrive (capacity()).
        });
    }

    /** ALPN chose http/1.1: this connection and every waiting call go to HTTP/1.1. */
    private void toHttp1(String key, Host host, Dialer.Dialed dialed) {
        choseHttp1.accept(key);
        hosts.remove(key);
        boolean adopted = false;
        for (Http2Call call : host.waiting) {
            if (call.isFinished()) {
                continue;
            }
            if (!adopted) {
                adopted = true;
                call.handOver(http1.adopt(dialed.channel(), call.exchange, call.done(), call.startedNanos));
            } else {
                call.handOver(http1.send(call.exchange, call.done()));
            }
        }
        if (!adopted) {
            dialed.channel().close();
        }
    }

    private void failWaiting(String key, Host host, Outcome.Failure failure) {
        Http2Call call;
        while ((call = host.waiting.poll()) != null) {
            call.finish(failure);
        }
        forgetIfIdle(key, host);
    }

    @Override
    public void capacity(Http2Connection connection) {
        Host host = hosts.get(connection.hostKey);
        if (host == null) {
            return;
        }
        while (connection.hasCapacity()) {
            Http2Call call = host.waiting.poll();
            if (call == null) {
                return;
            }
            if (!call.isFinished()) {
                connection.start(call);
            }
        }
    }

    @Override
    public void gone(Http2Connection connection) {
        String key = connection.hostKey;
        Host host = hosts.get(key);
        if (host == null) {
            return;
        }
        host.connections.remove(connection);
        host.waiting.removeIf(Http2Call::isFinished);
        if (!connection.wasReady() && host.connections.isEmpty()) {
            // HTTP/2 never began here (e.g. --http2 against an HTTP/1 server): redialing would fail alike.
            Outcome.Failure failure = connection.failure();
            failWaiting(key, host, failure != null ? failure
                    : new Outcome.Failure(ErrorType.RESET, "the server closed the connection before HTTP/2 began"));
            return;
        }
        if (!host.waiting.isEmpty() && host.connections.isEmpty() && !host.dialing) {
            dial(key, host, host.waiting.peek());
        }
        forgetIfIdle(key, host);
    }

    @Override
    public void unprocessed(Http2Call call) {
        if (call.isFinished()) {
            return;
        }
        if (++call.unprocessed > Http2Call.MAX_UNPROCESSED) {
            call.finish(new Outcome.Failure(ErrorType.RESET,
                    "the server turned the request away unprocessed " + call.unprocessed + " times"));
            return;
        }
        dispatch(call);
    }

    private void forgetIfIdle(String key, Host host) {
        if (host.connections.isEmpty() && host.waiting.isEmpty() && !host.dialing) {
            hosts.remove(key, host);
        }
    }

    @Override
    public void close() {
        for (Host host : List.copyOf(hosts.values())) {
            for (Http2Connection connection : List.copyOf(host.connections)) {
                connection.close();
            }
        }
        hosts.clear();
    }
}
