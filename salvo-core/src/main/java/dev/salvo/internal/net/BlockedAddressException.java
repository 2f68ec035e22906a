package dev.salvo.internal.net;

import java.net.InetAddress;

/**
 * A dial refused by the {@link AddressGuard}: the host resolved only to denied addresses. Its
 * message is the one a person reads in the result record.
 */
public final class BlockedAddressException extends Exception {

    public BlockedAddressException(String host, InetAddress address, Cidr range) {
        super(describe(host, address) + " is in the denied range " + range
                + " (--deny/--deny-private); no connection made", null, false, false);
    }

    private static String describe(String host, InetAddress address) {
        String literal = address.getHostAddress();
        return host.equalsIgnoreCase(literal) ? "address " + literal : host + " resolves to " + literal + ", which";
    }
}
