/**
 * Salvo's library: fetch very large numbers of URLs concurrently, politely, and without losing a
 * result. The public API is the {@code dev.salvo} package and nothing else; everything under
 * {@code dev.salvo.internal} may change in any release.
 */
module dev.salvo {
    exports dev.salvo;

    // The transports. No Netty or Vert.x type appears in the public API, so none is transitive.
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;
    requires io.netty.transport;
    requires io.vertx.core;
    // okhttp3.HttpUrl only: URLs read as browsers read them.
    requires okhttp3;
}
