package dev.salvo.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Happy Eyeballs order and timing (RFC 8305), driven by hand: connection attempts are
 * promises the test completes, and the 250 ms stagger is a timer the test fires. The log reads
 * like the RFC: which address was tried when.
 */
class HappyEyeballsTest {

    private final Map<String, Promise<Channel>> attempts = new LinkedHashMap<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();

    private static InetSocketAddress address(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 443);
    }

    private void start(String... ips) throws Exception {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String ip : ips) {
            addresses.add(address(ip));
        }
        HappyEyeballs.connect(addresses, a -> {
            String ip = a.getAddress().getHostAddress();
            log.add("try " + ip);
            Promise<Channel> attempt = ImmediateEventExecutor.INSTANCE.newPromise();
            attempts.put(ip, attempt);
            return attempt;
        }, (task, delayMillis) -> {
            log.add("timer " + delayMillis + " ms");
            timers.add(task);
            return () -> timers.remove(task);
        }, result);
    }

    private void fireTimer() {
        timers.remove(0).run();
    }

    @Test
    void familiesAreInterleavedStartingWithTheFirst() throws Exception {
        List<InetSocketAddress> ordered = HappyEyeballs.interleave(List.of(address("::1"), address("::2"),
                address("127.0.0.1"), address("127.0.0.2")));
        assertEquals(List.of(address("::1"), address("127.0.0.1"), address("::2"), address("127.0.0.2")), ordered);
    }

    @Test
    void aSlowAddressGetsCompanyAfter250MillisAndTheFirstToConnectWins() throws Exception {
        start("::1", "127.0.0.1");
        assertEquals(List.of("try 0:0:0:0:0:0:0:1", "timer 250 ms"), log);

        fireTimer(); // ::1 has not answered in 250 ms
        assertEquals(List.of("try 0:0:0:0:0:0:0:1", "timer 250 ms", "try 127.0.0.1"), log);

        EmbeddedChannel v4 = new EmbeddedChannel();
        attempts.get("127.0.0.1").setSuccess(v4);
        assertSame(v4, result.getNow());

        EmbeddedChannel lateV6 = new EmbeddedChannel();
        attempts.get("0:0:0:0:0:0:0:1").setSuccess(lateV6);
        assertFalse(lateV6.isOpen(), "a connection that lost the race is closed");
    }

    @Test
    void aFailedAddressStartsTheNextAtOnce() throws Exception {
        start("::1", "127.0.0.1");
        attempts.get("0:0:0:0:0:0:0:1").setFailure(new ConnectException("Connection refused"));

        assertEquals(List.of("try 0:0:0:0:0:0:0:1", "timer 250 ms", "try 127.0.0.1"), log);
        assertTrue(timers.isEmpty(), "no stagger timer left once the last address is being tried");
        assertFalse(result.isDone());
    }

    @Test
    void theDialFailsOnlyWhenEveryAddressFailed() throws Exception {
        start("::1", "127.0.0.1");
        attempts.get("0:0:0:0:0:0:0:1").setFailure(new ConnectException("refused v6"));
        assertFalse(result.isDone());
        attempts.get("127.0.0.1").setFailure(new ConnectException("refused v4"));

        assertEquals("refused v4", result.cause().getMessage());
    }
}
