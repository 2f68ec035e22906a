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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The attempt timeout and the connect timeout each end an attempt that takes too long. */
@Timeout(20)
class TimeoutTest {

    /** The response never comes (the gate stays closed), so only the timeout can end the attempt. */
    @Test
    void slowResponseEndsWithTimeout() throws Exception {
        SalvoConfig config = SalvoConfig.builder().timeout(Duration.ofMillis(300)).retries(0).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/gate/a").toString())).get(0);

            assertEquals(ErrorType.TIMEOUT, result.error().type(), result.toString());
            assertEquals("no complete response within 300 ms", result.error().message(),
                    "the timeout the user set, not what was left of it a few microseconds later");
            assertEquals(1, result.attempts());
            assertNull(result.status());
        }
    }

    /**
     * The headers and the first bytes of the body come at once, the rest not until the test has
     * its result, so only the timeout can end the attempt, however slow the machine.
     */
    @Test
    void slowBodyEndsWithTimeout() throws Exception {
        SalvoConfig config = SalvoConfig.builder().timeout(Duration.ofMillis(300)).retries(0).build();
        CountDownLatch rest = new CountDownLatch(1);
        try (MisbehavingServer server = MisbehavingServer.builder().route("/stalled-body", exchange -> {
                    OutputStream body = exchange.startBody(200, 100, "Content-Type: text/plain");
                    body.write("ten bytes\n".getBytes(StandardCharsets.US_ASCII));
                    body.flush();
                    awaitQuietly(rest);
                }).start();
             Salvo salvo = Salvo.create(config)) {
            try {
                FetchResult result = salvo.fetchAll(List.of(server.url("/stalled-body").toString())).get(0);

                assertEquals(ErrorType.TIMEOUT, result.error().type(), result.toString());
            } finally {
                rest.countDown();
            }
        }
    }

    /** Waits for {@code latch}, at most the class timeout; the handler then just ends. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The timeout bounds the whole attempt, redirects included: six hops of at least 250 ms each
     * cannot fit in 1 s, however fast each one is (before the fix each hop had its own 1 s).
     */
    @Test
    void timeoutCoversEveryRedirectHopOfAnAttempt() throws Exception {
        SalvoConfig config = SalvoConfig.builder().timeout(Duration.ofSeconds(1)).retries(0).build();
        try (MisbehavingServer server = MisbehavingServer.builder().route("/slowhop", exchange -> {
                    String[] segments = exchange.request().path().split("/");
                    int left = Integer.parseInt(segments[2]);
                    exchange.pause(Duration.ofMillis(250));
                    if (left == 0) {
                        exchange.respond(200, "arrived\n");
                    } else {
                        exchange.respond(302, "next\n", "Location: /slowhop/" + (left - 1));
                    }
                }).start();
             Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/slowhop/5").toString())).get(0);

            assertEquals(ErrorType.TIMEOUT, result.error() == null ? null : result.error().type(), result.toString());
        }
    }

    /**
     * The hop that is under way when the budget runs out gets only what is left of it: here the
     * first hop spends 0.9 s of 1.5 s, so the second (1.2 s slow) must time out. The server's
     * pauses are lower bounds, so a slow machine only makes the timeout more certain.
     */
    @Test
    void lastHopGetsOnlyTheRemainingBudget() throws Exception {
        SalvoConfig config = SalvoConfig.builder().timeout(Duration.ofMillis(1500)).retries(0).build();
        try (MisbehavingServer server = MisbehavingServer.builder().route("/first", exchange -> {
                    exchange.pause(Duration.ofMillis(900));
                    exchange.respond(302, "next\n", "Location: /slow/1200/second");
                }).start();
             Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/first").toString())).get(0);

            assertEquals(ErrorType.TIMEOUT, result.error() == null ? null : result.error().type(), result.toString());
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
                // Generous: a connect that merely took long on a busy machine must not pass for a hang.
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 1000);
            } catch (SocketTimeoutException e) {
                return true;
            }
        }
        return false;
    }
}
