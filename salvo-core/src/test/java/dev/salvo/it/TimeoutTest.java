package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;

import java.io.IOException;
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

/** The attempt timeout and the connect timeout each end an attempt that takes too long. */
@Timeout(20)
class TimeoutTest {

    @Test
    void slowResponseEndsWithTimeout() throws Exception {
        SalvoConfig config = SalvoConfig.builder().timeout(Duration.ofMillis(300)).retries(0).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/slow/5000/a").toString())).get(0);

            assertEquals(ErrorType.TIMEOUT, result.error().type(), result.toString());
            assertEquals(1, result.attempts());
            assertNull(result.status());
        }
    }

    @Test
    void slowBodyEndsWithTimeout() throws Exception {
        SalvoConfig config = SalvoConfig.builder().timeout(Duration.ofMillis(300)).retries(0).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/slowbody/5000/a").toString())).get(0);

            assertEquals(ErrorType.TIMEOUT, result.error().type(), result.toString());
        }
    }

    /**
     * A listening socket whose accept queue is full drops new SYNs (Linux), so a connection to it
     * hangs on loopback as it would to a black-holed address. Skipped where the kernel does not
     * behave that way.
     */
    @Test
    void connectTimeoutEndsWithConnect() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                assumeTrue(fillAcceptQueue(full, fillers), "skipped: could not make a loopback connect hang");
                SalvoConfig config = SalvoConfig.builder().connectTimeout(Duration.ofMillis(300))
                        .timeout(Duration.ofSeconds(15)).retries(0).build();
                try (Salvo salvo = Salvo.create(config)) {
                    FetchResult result = salvo.fetchAll(List.of("http://127.0.0.1:" + full.getLocalPort() + "/")).get(0);

                    assertEquals(ErrorType.CONNECT, result.error().type(), result.toString());
                    assertEquals(1, result.attempts());
                }
            } finally {
                for (Socket socket : fillers) {
                    socket.close();
                }
            }
        }
    }

    /** Connects without accepting until a connect times out; true when one did. */
    private static boolean fillAcceptQueue(ServerSocket server, List<Socket> fillers) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            fillers.add(socket);
            try {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 200);
            } catch (SocketTimeoutException e) {
                return true;
            }
        }
        return false;
    }
}
