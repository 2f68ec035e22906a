package dev.salvo.internal.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether Salvo may connect to an address: the ranges of {@code --deny}, plus with
 * {@code --deny-private} the ones no public URL should lead to (the loopback, private and
 * link-local ranges, where internal services and cloud metadata endpoints such as
 * 169.254.169.254 live). The dialer asks it about every address it is about to connect to, after
 * resolution, so neither a redirect nor a DNS answer that changes between lookups gets past it.
 * Immutable; thread-safe.
 */
public final class AddressGuard {

    /** Allows everything. */
    public static final AddressGuard NONE = new AddressGuard(List.of());

    /**
     * What {@code --deny-private} denies. IPv4 ranges match their IPv4-mapped IPv6 forms too
     * ({@link Cidr#contains}).
     */
    public static final List<String> PRIVATE_RANGES = List.of(
            "0.0.0.0/8",        // "this network": 0.0.0.0 reaches the local host on Linux
            "127.0.0.0/8",      // loopback
            "10.0.0.0/8",       // RFC 1918
            "172.16.0.0/12",    // RFC 1918
            "192.168.0.0/16",   // RFC 1918
            "169.254.0.0/16",   // link-local, cloud metadata (169.254.169.254)
            "100.64.0.0/10",    // carrier-grade NAT (RFC 6598)
            "::/128",           // unspecified: reaches the local host
            "::1/128",          // loopback
            "fe80::/10",        // link-local
            "fc00::/7");        // unique local (RFC 4193)

    private final List<Cidr> denied;

    private AddressGuard(List<Cidr> denied) {
        this.denied = List.copyOf(denied);
    }

    /**
     * A guard denying {@code ranges} (CIDR text) and, with {@code denyPrivate}, {@link #PRIVATE_RANGES}.
     *
     * @throws IllegalArgumentException naming a range that does not parse
     */
    public static AddressGuard of(List<String> ranges, boolean denyPrivate) {
        if (ranges.isEmpty() && !denyPrivate) {
            return NONE;
        }
        List<Cidr> denied = new ArrayList<>();
        for (String range : ranges) {
            denied.add(Cidr.parse(range));
        }
        if (denyPrivate) {
            for (String range : PRIVATE_RANGES) {
                denied.add(Cidr.parse(range));
            }
        }
        return new AddressGuard(denied);
    }

    /** The first denied range holding {@code address}, or null when it may be connected to. */
    public Cidr denying(InetAddress address) {
        for (Cidr range : denied) {
            if (range.contains(address)) {
                return range;
            }
        }
        return null;
    }

    /** True when nothing is denied (so the check can be skipped). */
    public boolean allowsAll() {
        return denied.isEmpty();
    }
}
