package dev.salvo.internal.transport;

import java.util.function.Consumer;

/**
 * The transport the engine uses: plain http over HTTP/1.1 goes to the lean {@link Http1Transport};
 * https (TLS, HTTP/2 by ALPN) and HTTP/2 with prior knowledge go to Vert.x's client. Both call
 * back on the engine's event loop. Confined to that thread.
 */
final class RoutingTransport implements Transport {

    private final Transport cleartext;
    private final Transport full;
    private final boolean http2PriorKnowledge;

    RoutingTransport(Transport cleartext, Transport full, boolean http2PriorKnowledge) {
        this.cleartext = cleartext;
        this.full = full;
        this.http2PriorKnowledge = http2PriorKnowledge;
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        boolean plainHttp1 = !exchange.target().secure() && !http2PriorKnowledge;
        return plainHttp1 ? cleartext.send(exchange, done) : full.send(exchange, done);
    }

    @Override
    public void close() {
        cleartext.close();
        full.close();
    }
}
