package dev.salvo.internal.transport;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.internal.engine.RunImpl;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.TestCertificate;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Building the TLS context (loading netty-tcnative, reading the CA store) takes seconds on a
 * loaded machine, so it must never run on the event loop: while it is held here, a plain-http URL
 * of the same run is still answered, and the https URL succeeds once it is released. A run that
 * sees no https URL never builds it at all.
 */
// A bound against a hang, not a measure: the first TLS server in a JVM runs keytool (a second JVM).
@Timeout(90)
class TlsSetupOffLoopTest {

    @Test
    void plainHttpIsAnsweredWhileTlsIsStillBeingSetUp() throws Exception {
        HeldSetup setup = new HeldSetup();
        try (NettyHttpServer plain = NettyHttpServer.builder().start();
             NettyHttpServer secure = NettyHttpServer.builder().tls(TestCertificate.forAddress("127.0.0.1")).start();
             NetworkStack network = new NetworkStack(SalvoConfig.builder().insecure(true).build(), setup)) {
            String httpsUrl = secure.url("/secure").toString();
            String httpUrl = plain.url("/plain").toString();
            // The plain URL is read only after the https dial asked for TLS, so it is sent while
            // the set-up is under way (on the loop, before the fix, that held the loop itself).
            Iterator<FetchRequest> input = new Iterator<>() {
                private int read;

                @Override
                public boolean hasNext() {
                    return read < 2;
                }

                @Override
                public FetchRequest next() {
                    if (read++ == 0) {
                        return FetchRequest.of(0, httpsUrl);
                    }
                    awaitOrFail(setup.asked, "the https dial never asked for TLS");
                    return FetchRequest.of(1, httpUrl);
                }
            };

            BlockingQueue<FetchResult> results = start(network, input);

            FetchResult first = results.poll(10, SECONDS);
            assertNotNull(first, "no result while TLS was being set up: the event loop is blocked");
            assertEquals(httpUrl, first.url(), first.toString());
            assertTrue(first.ok(), first.toString());
            assertEquals(0, secure.requests().size(), "TLS is still held, so no https request went out");

            setup.release.countDown();
            FetchResult second = results.poll(30, SECONDS);
            assertNotNull(second, "the https URL got no result after TLS was set up");
            assertEquals(httpsUrl, second.url(), second.toString());
            assertTrue(second.ok(), second.toString());
            assertEquals(1, setup.count.get(), "one TLS set-up for the run");
        }
    }

    @Test
    void plainHttpRunNeverSetsUpTls() throws Exception {
        HeldSetup setup = new HeldSetup();
        setup.release.countDown();
        try (NettyHttpServer plain = NettyHttpServer.builder().start();
             NetworkStack network = new NetworkStack(SalvoConfig.builder().build(), setup)) {
            BlockingQueue<FetchResult> results = start(network,
                    List.of(FetchRequest.of(0, plain.url("/a").toString()), FetchRequest.of(1, plain.url("/b").toString()))
                            .iterator());

            for (int i = 0; i < 2; i++) {
                FetchResult result = results.poll(10, SECONDS);
                assertNotNull(result, "a plain-http result did not arrive");
                assertTrue(result.ok(), result.toString());
            }
            assertEquals(0, setup.count.get(), "a plain-http run must not load TLS");
        }
    }

    @Test
    void aSetUpThatFailedEndsTheDialAsAReadableTlsError() {
        // What a dial waiting on the set-up gets when it failed (ClientTls's message, one line).
        Outcome.Failure failure = FailureClassifier.classify(new dev.salvo.InvalidConfigException(
                "cannot set up TLS: the TLS settings were refused", new javax.net.ssl.SSLException("refused")));

        assertEquals(dev.salvo.ErrorType.TLS, failure.type());
        assertEquals("cannot set up TLS: the TLS settings were refused", failure.message());
    }

    /** Runs {@code input} on {@code network}'s transport and loop; results arrive in the queue. */
    private static BlockingQueue<FetchResult> start(NetworkStack network, Iterator<FetchRequest> input) {
        BlockingQueue<FetchResult> results = new LinkedBlockingQueue<>();
        RunImpl run = new RunImpl(SalvoConfig.builder().insecure(true).build(), network.transport(),
                network.executor(), input);
        run.startFeeding();
        Thread.ofPlatform().daemon().name("test-results").start(() -> run.deliverResults(results::add));
        return results;
    }

    private static void awaitOrFail(CountDownLatch latch, String message) {
        try {
            if (!latch.await(10, SECONDS)) {
                throw new IllegalStateException(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(message, e);
        }
    }

    /**
     * Stands in for NetworkStack's set-up thread: counts the set-ups asked for, and runs each on a
     * thread of its own only once {@link #release} is counted down (or after 30 s, a bound
     * against a thread left behind by a failed test).
     */
    private static final class HeldSetup implements Executor {
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void execute(Runnable build) {
            count.incrementAndGet();
            asked.countDown();
            Thread.ofPlatform().daemon().name("test-tls-setup").start(() -> {
                try {
                    release.await(30, SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                build.run();
            });
        }
    }
}
