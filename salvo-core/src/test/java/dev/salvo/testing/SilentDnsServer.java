package dev.salvo.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "DNS server" that never answers: a UDP socket on loopback that reads every query and drops
 * it, counting them. Thread-safe.
 */
public final class SilentDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicInteger received = new AtomicInteger();
    private final Thread reader;

    public SilentDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = Thread.ofPlatform().daemon().name("silent-dns").start(() -> {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) { // ends when close() closes the socket
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    received.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** {@code 127.0.0.1:port}, the form {@code --dns-server} takes. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Queries read (and dropped) so far. */
    public int received() {
        return received.get();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(2_000);
    }
}
