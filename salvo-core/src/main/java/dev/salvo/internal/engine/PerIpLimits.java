package dev.salvo.internal.engine;

import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Transport;
import dev.salvo.internal.url.Target;

import java.util.ArrayDeque;
import java.util.HashMap;
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
 * nothing, in line at that address.
 *
 * <p>A slot freed at an address wakes one waiting host, the first in line, and holds the slot
 * for it until the scheduler has decided it ({@link #settle}); only if it does not take the slot
 * (a pause, a rate, its circuit or its own cap holds it back) is the next one woken. Waking every
 * waiting host instead would make each request's end cost as much as there are names on the
 * address, which on shared hosting is thousands, and almost all of them would only park again.
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
        /** Wakes {@code host}; true if it is now in line to be decided, false if it cannot start now. */
        boolean wake(HostState host, boolean promote);
    }

    private record Waiter(HostState host, TimeSource.Cancellable token) { }

    private static final class Address {
        int inFlight;
        /** Hosts woken for a slot here and not yet decided: each holds one slot. */
        int promised;
        ArrayDeque<Waiter> waiting;

        boolean unused() {
            return inFlight == 0 && promised == 0 && (waiting == null || waiting.isEmpty());
        }
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
        if (host.addressSlotPromised) {
            return true;   // woken for a slot held for it
        }
        Address address = addresses.get(host.address);
        if (address == null || address.inFlight + address.promised < perIp) {
            return true;
        }
        TimeSource.Cancellable token = () -> { };
        host.wake = token;
        if (address.waiting == null) {
            address.waiting = new ArrayDeque<>(4);
        }
        address.waiting.add(new Waiter(host, token));
        return false;
    }

    /** Counts a request started at {@code host}; only after {@link #admits} said yes. */
    void acquire(HostState host) {
        addresses.computeIfAbsent(host.address, a -> new Address()).inFlight++;
    }

    /** Counts a request of {@code host} ended, and wakes the next host waiting on its address. */
    void release(HostState host) {
        Address address = addresses.get(host.address);
        address.inFlight--;
        wakeForFreeSlots(host.address, address);
    }

    /**
     * The scheduler has decided {@code host}, woken for a slot: it has either taken the slot
     * ({@link #acquire}) or not, and then the slot goes to the next in line. Call it for every
     * decided host; a host with no slot promised is ignored.
     */
    void settle(HostState host) {
        if (!host.addressSlotPromised) {
            return;
        }
        host.addressSlotPromised = false;
        Address address = addresses.get(host.address);
        address.promised--;
        wakeForFreeSlots(host.address, address);
    }

    private void wakeForFreeSlots(String key, Address address) {
        while (address.inFlight + address.promised < perIp && address.waiting != null) {
            Waiter waiter = address.waiting.poll();
            if (waiter == null) {
                address.waiting = null;
                break;
            }
            HostState host = waiter.host();
            if (host.wake != waiter.token()) {
                continue;   // stopped, or woken otherwise since it parked
            }
            host.wake = null;
            host.addressSlotPromised = true;
            address.promised++;
            if (!waker.wake(host, false)) {
                host.addressSlotPromised = false;   // it cannot start now; the next one may
                address.promised--;
            }
        }
        if (address.unused()) {
            addresses.remove(key);
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
