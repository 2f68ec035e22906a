package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;

import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IPv6 literals work, and every address of a name is tried: {@code localhost} resolves (from the
 * tests' loopback-only hosts file) to both 127.0.0.1 and ::1, and a server listening on only one
 * of them is reached whichever the resolver lists first.
 */
@Timeout(60)
class DualStackTest {

    private static boolean ipv6Loopback() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static FetchResult fetch(SalvoConfig config, String url) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(List.of(url)).get(0);
        }
    }

    @Test
    void anIpv6LiteralUrlIsFetched() throws Exception {
        assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        try (NettyHttpServer server = NettyHttpServer.builder().address("::1").start()) {
            String url = "http://[::1]:" + server.port() + "/v6";
            FetchResult result = fetch(SalvoConfig.builder().retries(0).build(), url);

            assertTrue(result.ok(), result.toString());
            assertEquals("hello /v6".length(), result.bytes());
        }
    }

    @Test
    void aNameWithTwoAddressesReachesAServerOnEitherOne() throws Exception {
        assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        assumeTrue(InetAddress.getAllByName("localhost").length >= 2, "localhost has a single address here");
        for (String address : List.of("::1", "127.0.0.1")) {
            try (NettyHttpServer server = NettyHttpServer.builder().address(address).start()) {
                FetchResult result = fetch(SalvoConfig.builder().retries(0).build(),
                        "http://localhost:" + server.port() + "/dual");

                assertTrue(result.ok(), "server on " + address + " only: " + result);
                assertEquals(1, result.attempts(), "the other address failing is not an attempt");
            }
        }
    }

    /**
     * Happy Eyeballs on real sockets: localhost's first address (127.0.0.1) is a listener whose
     * accept queue is full, so the kernel drops the SYN and that connect never answers; the same
     * port on ::1 is a working server. Tried one after the other, the fetch would wait out the
     * 60 s connect timeout and fail at the 30 s attempt bound; with Happy Eyeballs ::1 is tried
     * 250 ms in and answers. (The bounds only keep a broken build from passing; nothing is timed.)
     */
    @Test
    void aSilentFirstAddressIsPassedOverForTheOtherFamily() throws Exception {
        assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        InetAddress[] localhost = InetAddress.getAllByName("localhost");
        assumeTrue(localhost.length >= 2 && localhost[0] instanceof Inet4Address, "localhost does not list 127.0.0.1 first");
        for (int attempt = 0; attempt < 5; attempt++) {
            try (NettyHttpServer v6 = NettyHttpServer.builder().address("::1").start();
                 ServerSocket silent = new ServerSocket()) {
                try {
                    silent.bind(new InetSocketAddress("127.0.0.1", v6.port()), 1);
                } catch (BindException taken) {
                    continue; // that port is in use on 127.0.0.1: try another
                }
                List<Socket> queued = fillAcceptQueue(silent);
                try {
                    FetchResult result = fetch(SalvoConfig.builder().retries(0).connectTimeout(Duration.ofSeconds(60))
                            .timeout(Duration.ofSeconds(30)).build(), "http://localhost:" + v6.port() + "/eyeballs");

                    assertTrue(result.ok(), result.toString());
                    assertEquals(1, result.attempts(), result.toString());
                    assertEquals(1, v6.requests().size(), "::1 answered");
                } finally {
                    for (Socket socket : queued) {
                        socket.close();
                    }
                }
                return;
            }
        }
        throw new AssertionError("no port free on both 127.0.0.1 and ::1 in 5 tries");
    }

    /** Connects to {@code listener} (never accepted) until a connect gets no answer: the queue is full. */
    private static List<Socket> fillAcceptQueue(ServerSocket listener) throws Exception {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(listener.getLocalSocketAddress(), 500);
                queued.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return queued;
            }
        }
        throw new AssertionError("the accept queue never filled: " + queued.size() + " connections queued");
    }
}
