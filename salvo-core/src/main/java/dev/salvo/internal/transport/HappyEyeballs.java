package dev.salvo.internal.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Connects to the first of a host's addresses that answers, in the manner of RFC 8305 ("Happy
 * Eyeballs"): addresses are tried in order with the families interleaved (IPv6, IPv4, IPv6, ...
 * starting with the resolver's first), a failed attempt starts the next at once, and an attempt
 * still pending after {@link #STAGGER_MILLIS} starts the next alongside it. The first connection
 * wins; any later one is closed. Every address is tried before the dial fails, with the last
 * failure.
 *
 * <p>Confined to the event loop; the timer is injected so tests can drive the stagger.
 */
final class HappyEyeballs {

    /** RFC 8305's recommended "Connection Attempt Delay". */
    static final long STAGGER_MILLIS = 250;

    /** Opens one TCP connection. */
    interface Attempt {
        Future<Channel> connect(InetSocketAddress address);
    }

    /** Runs a task after a delay; the returned action cancels it. */
    interface Timer {
        Runnable schedule(Runnable task, long delayMillis);
    }

    private final Deque<InetSocketAddress> remaining;
    private final Attempt attempt;
    private final Timer timer;
    private final Promise<Channel> result;
    private Runnable cancelStagger = () -> { };
    private int pending;
    private Throwable lastFailure;

    private HappyEyeballs(List<InetSocketAddress> addresses, Attempt attempt, Timer timer, Promise<Channel> result) {
        this.remaining = new ArrayDeque<>(interleave(addresses));
        this.attempt = attempt;
        this.timer = timer;
        this.result = result;
    }

    /** Starts connecting; {@code result} gets the first connected channel or the last failure. */
    static void connect(List<InetSocketAddress> addresses, Attempt attempt, Timer timer, Promise<Channel> result) {
        if (addresses.isEmpty()) {
            result.tryFailure(new java.net.UnknownHostException("no address"));
            return;
        }
        new HappyEyeballs(addresses, attempt, timer, result).startNext();
    }

    /** The addresses in RFC 8305 order: families alternate, starting with the first one's. */
    static List<InetSocketAddress> interleave(List<InetSocketAddress> addresses) {
        if (addresses.isEmpty()) {
            return addresses;
        }
        boolean firstIsV6 = addresses.get(0).getAddress() instanceof Inet6Address;
        Deque<InetSocketAddress> first = new ArrayDeque<>();
        Deque<InetSocketAddress> second = new ArrayDeque<>();
        for (InetSocketAddress address : addresses) {
            boolean v6 = address.getAddress() instanceof Inet6Address;
            (v6 == firstIsV6 ? first : second).add(address);
        }
        List<InetSocketAddress> ordered = new ArrayList<>(addresses.size());
        while (!first.isEmpty() || !second.isEmpty()) {
            if (!first.isEmpty()) {
                ordered.add(first.poll());
            }
            if (!second.isEmpty()) {
                ordered.add(second.poll());
            }
        }
        return ordered;
    }

    private void startNext() {
        cancelStagger.run();
        InetSocketAddress address = remaining.poll();
        if (address == null) {
            return;
        }
        pending++;
        attempt.connect(address).addListener(done -> finished(done));
        if (!remaining.isEmpty()) {
            cancelStagger = timer.schedule(() -> {
                if (!result.isDone()) {
                    startNext();
                }
            }, STAGGER_MILLIS);
        }
    }

    private void finished(Future<?> done) {
        pending--;
        if (done.isSuccess()) {
            Channel channel = (Channel) done.getNow();
            if (!result.trySuccess(channel)) {
                channel.close(); // a slower address also answered, or the dial was given up
            }
            cancelStagger.run();
            return;
        }
        lastFailure = done.cause();
        if (result.isDone()) {
            return;
        }
        if (!remaining.isEmpty()) {
            startNext();
        } else if (pending == 0) {
            result.tryFailure(lastFailure);
        }
    }
}
