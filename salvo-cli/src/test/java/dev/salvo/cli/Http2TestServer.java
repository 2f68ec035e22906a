package dev.salvo.cli;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A cleartext HTTP/2 server (prior knowledge, as {@code salvo fetch --http2} speaks it) on
 * loopback and port 0, built from Netty's own HTTP/2 server codec, for the CLI's tests. Each
 * request is answered by {@code answers} from its path. Thread-safe.
 */
final class Http2TestServer implements AutoCloseable {

    /** An answer: status, headers (lower-case names) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) { }

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    Http2TestServer(Function<String, Answer> answers) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel stream) {
                                        stream.pipeline().addLast(new Responder(answers));
                                    }
                                }));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Answers a stream once its request HEADERS arrive. */
    private static final class Responder extends ChannelInboundHandlerAdapter {
        private final Function<String, Answer> answers;

        Responder(Function<String, Answer> answers) {
            this.answers = answers;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2HeadersFrame frame && frame.headers().path() != null) {
                    Answer answer = answers.apply(frame.headers().path().toString());
                    Http2Headers headers = new DefaultHttp2Headers().status(String.valueOf(answer.status()));
                    answer.headers().forEach(headers::set);
                    headers.setInt("content-length", answer.body().length);
                    ctx.write(new DefaultHttp2HeadersFrame(headers));
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(answer.body()), true));
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /** {@code http://127.0.0.1:port} */
    String base() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
