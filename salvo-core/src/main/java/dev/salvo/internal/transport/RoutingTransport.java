package dev.salvo.internal.transport;

import dev.salvo.SalvoConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.function.Consumer;

/**
 * The transport the engine uses: plain http over HTTP/1.1 goes to the lean {@link Http1Transport};
 * https (TLS, HTTP/2 by ALPN) and HTTP/2 with prior knowledge go to {@link VertxTransport}.
 * Both call back on the engine's event loop. Confined to that thread.
 */
public final class RoutingTransport implements Transport {

    private final Transport cleartext;
    private final Transport full;

    private RoutingTransport(Transport cleartext, Transport full) {
        this.cleartext = cleartext;
        this.full = full;
    }

    /** Builds the transports for {@code config} on {@code context}'s event loop. */
    public static RoutingTransport create(Vertx vertx, Context context, SalvoConfig config) {
        VertxInternal internal = (VertxInternal) vertx;
        VertxTransport full = new VertxTransport(vertx, context, config);
        Transport cleartext = config.http2PriorKnowledge() ? full : new Http1Transport(
                ((ContextInternal) context).nettyEventLoop(),
                internal.transport().channelFactory(false),
                internal.nameResolver().nettyAddressResolverGroup(),
                config);
        return new RoutingTransport(cleartext, full);
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        return exchange.target().secure() ? full.send(exchange, done) : cleartext.send(exchange, done);
    }

    @Override
    public void close() {
        if (cleartext != full) {
            cleartext.close();
        }
        full.close();
    }
}
