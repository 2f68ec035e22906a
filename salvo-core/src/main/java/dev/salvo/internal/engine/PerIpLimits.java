package dev.salvo.internal.engine;

import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code perIp}: at most N requests in flight to one address, over every host name that resolves
 * to it (shared hosting puts thousands of sites on one address).
 *
 * <p>The address is the transport's to find, so the scheduler learns it before a host's first
 * start: a host whose address is unknown is asked about ({@link Transport#firstAddress}, from the
 * same resolver and cache the connection then uses) and waits, holding nothing, until the answer
 * comes; from then on its requests count against that address. A host whose address cannot be
 * known here (its name does not resolve, so its requests will fail anyway; or a proxy resolves
 * names) counts against its own name. A host that finds its address full waits, again holding
 * nothing, until a request to that address ends; then every host waiting on it is woken to try
 * again, so no free slot is left unused while another limit (a pause, a rate, a circuit) holds
 * back the host woken first.
 *
 * <p>Only addresses with requests in flight or hosts waiting are remembered. A host that the
 * host table forgets forgets its address too, and asks again (from the resolver's cache) when it
 * has work again.
 *
 * <p>Not thread-safe: runs on the engine's event-loop thread.
 */
final class PerIpLimits {

    /** How a waiting host is made runnable again; {@code promote} when not called from a release. */
    interface Waker {
        void wake(HostState host, boolean promote);
    }

    private record Waiter(HostState host, TimeSource.Cancellable token) { }

    private static final class Address {
        int inFlight;
        List<Waiter> waiting;
    }

    private final int perIp;
    private final Transport transport;
    private final Executor loop;
    private final Map<String, Address> addresses = new HashMap<>();
    private Waker waker;

    PerIpLimits(int perIp, Transport transport, Executor loop) {
        this.perIp = perIp;
        this.transport = transport;
        this.loop = loop;
    }

    void bind(Waker waker) {
        this.waker = waker;
    }

    /**
     * Whether {@code host} may start one more request now. When it may not, the host is marked
     * waiting ({@link HostState#wake}) and will be woken through the {@link Waker}.
     */
    boolean admits(HostState host) {
        if (host.address == null) {
            resolve(host);
            return false;
        }
        Address address = addresses.get(host.address);
        if (address == null || address.inFlight < perIp) {
            return true;
        }
        TimeSource.Cancellable token = () -> { };
        host.wake = token;
        if (address.waiting == null) {
            address.waiting = new ArrayList<>(4);
        }
        address.waiting.add(new Waiter(host, token));
        return false;
    }

    /** Counts a request started at {@code host}; only after {@link #admits} said yes. */
    void acquire(HostState host) {
        addresses.computeIfAbsent(host.address, a -> new Address()).inFlight++;
    }

    /** Counts a request of {@code host} ended, and wakes every host waiting on its address. */
    void release(HostState host) {
        Address address = addresses.get(host.address);
        address.inFlight--;
        List<Waiter> waiting = address.waiting;
        address.waiting = null;
        if (address.inFlight == 0) {
            addresses.remove(host.address);
        }
        if (waiting != null) {
            for (Waiter waiter : waiting) {
                if (waiter.host().wake == waiter.token()) {   // else stopped or woken otherwise since
                    waiter.host().wake = null;
                    waker.wake(waiter.host(), false);
                }
            }
        }
    }

    /** Addresses remembered now; for tests. */
    int size() {
        return addresses.size();
    }

    private void resolve(HostState host) {
        TimeSource.Cancellable token = () -> { };
        host.wake = token;
        Job next = host.peek();
        // A redirect hop goes to its own target; anything else starts at its origin.
        Target target = next.state() == UrlState.REDIRECTED_WAITING ? next.current : next.origin;
        transport.firstAddress(target, address -> loop.execute(() -> {
            if (host.wake != token) {
                return;   // stopped meanwhile
            }
            host.wake = null;
            host.address = address != null ? address : host.key;
            waker.wake(host, true);
        }));
    }
}
