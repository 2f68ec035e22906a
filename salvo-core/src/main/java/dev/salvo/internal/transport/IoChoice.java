package dev.salvo.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * Which of Netty's I/O transports the event loop runs on: io_uring where the kernel allows it,
 * else native epoll (Linux), else NIO. Measured here (bench/RESULTS.md, 2026-11-29) io_uring
 * used 5-25% less CPU than epoll for the same 30,000 requests, plain and https, in every pair of
 * runs, so it is the default. {@code -Dsalvo.io=epoll} or {@code -Dsalvo.io=nio} picks another.
 * The channel types must match the loop's, DNS's datagram channel included.
 *
 * @param name     as shown by {@code --version}
 * @param handlers the event loop's I/O handler
 * @param sockets  TCP channels for that loop
 * @param datagramType UDP channel class for the DNS resolver
 * @param socketType   TCP channel class for the DNS resolver's TCP fallback
 */
record IoChoice(String name, IoHandlerFactory handlers, ChannelFactory<? extends Channel> sockets,
                Class<? extends DatagramChannel> datagramType, Class<? extends SocketChannel> socketType) {

    /** The choice for this machine and the {@code salvo.io} property. Thread-safe. */
    static IoChoice choose() {
        String asked = System.getProperty("salvo.io", "");
        if (asked.isEmpty() || asked.equals("io_uring")) {
            if (IoUring.isAvailable()) {
                return new IoChoice("io_uring", IoUringIoHandler.newFactory(), IoUringSocketChannel::new,
                        IoUringDatagramChannel.class, IoUringSocketChannel.class);
            }
        }
        if (!asked.equals("nio") && Epoll.isAvailable()) {
            return new IoChoice("epoll", EpollIoHandler.newFactory(), EpollSocketChannel::new,
                    EpollDatagramChannel.class, EpollSocketChannel.class);
        }
        return nio();
    }

    /** NIO, which works everywhere. */
    static IoChoice nio() {
        return new IoChoice("nio", NioIoHandler.newFactory(), NioSocketChannel::new,
                NioDatagramChannel.class, NioSocketChannel.class);
    }
}
