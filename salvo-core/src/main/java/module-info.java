/**
 * Salvo's library: fetch very large numbers of URLs concurrently, politely, and without losing a
 * result. The public API is the {@code dev.salvo} package and nothing else; everything under
 * {@code dev.salvo.internal} may change in any release.
 */
module dev.salvo {
    exports dev.salvo;

    // The transport. No Netty type appears in the public API, so none is transitive.
    requires java.logging; // silences library log lines (NetworkStack)
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.compression;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.codec.dns;
    requires io.netty.codec.socks;
    requires io.netty.handler.proxy;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;
    requires io.netty.transport;
    // Decoders Netty's HttpContentDecompressor uses for br and zstd (--compressed), where their
    // natives load; Netty only "requires static" them, so without these they would be left out.
    requires com.aayushatharva.brotli4j;
    requires com.github.luben.zstd_jni;
    // Natives, each used only where it loads; NIO and the JDK's TLS otherwise.
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;
    // okhttp3.HttpUrl only: URLs read as browsers read them.
    requires okhttp3;
    // crawler-commons' robots.txt parser (--robots obey). Its jar names no module, so this is the
    // automatic module Java derives from the jar's file name; it logs through SLF4J.
    requires crawler.commons;
    requires org.slf4j;
}
