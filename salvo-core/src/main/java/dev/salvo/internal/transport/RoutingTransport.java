package dev.salvo.internal.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The transport the engine uses, choosing the protocol per request: plain http goes to
 * {@link Http1Transport} (or, with prior knowledge, {@link Http2Transport}); https goes to
 * {@link Http2Transport}, whose first connection to a host lets ALPN decide, unless that host is
 * already known to have chosen http/1.1. Both call back on the engine's event loop.
 *
 * <p>Confined to that thread.
 */
final class RoutingTransport implements Transport {

    /** Hosts remembered as HTTP/1.1-only; bounded, as a run may meet millions of hosts. */
    private static final int REMEMBERED_HOSTS = 65_536;

    private final Http1Transport http1;
    private final Http2Transport http2;
    private final boolean http2PriorKnowledge;
    /** Resolves for {@link #firstAddress}; null when not wired (then nothing is known). */
    private Dialer dialer;
    private final Map<String, Boolean> http1Hosts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_HOSTS;
        }
    };

    /** Builds both transports, wired to tell this router what ALPN chose. */
    RoutingTransport(java.util.function.Function<Consumer<String>, Http1Transport> http1,
                     java.util.function.BiFunction<Http1Transport, Consumer<String>, Http2Transport> http2,
                     boolean http2PriorKnowledge) {
        this.http1 = http1.apply(http1Hosts::remove);
        this.http2 = http2.apply(this.http1, host -> http1Hosts.put(host, Boolean.TRUE));
        this.http2PriorKnowledge = http2PriorKnowledge;
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        boolean http1Only = exchange.target().secure()
                ? http1Hosts.get(exchange.target().hostKey()) != null
                : !http2PriorKnowledge;
        return http1Only ? http1.send(exchange, done) : http2.send(exchange, done);
    }

    /** Lets {@link #firstAddress} resolve as {@code dialer} does when it connects. */
    RoutingTransport resolvingWith(Dialer dialer) {
        this.dialer = dialer;
        return this;
    }

    @Override
    public void firstAddress(dev.salvo.internal.url.Target target, Consumer<String> done) {
        if (dialer == null) {
            Transport.super.firstAddress(target, done);
        } else {
            dialer.firstAddress(target, done);
        }
    }

    @Override
    public void close() {
        http1.close();
        http2.close();
    }
}
