package dev.salvo.internal.net;

import io.netty.util.NetUtil;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}, or a single address
 * such as {@code 127.0.0.2}, meaning /32 or /128). An IPv4 range also matches the IPv4-mapped
 * IPv6 form of its addresses ({@code ::ffff:10.1.2.3}), because a socket connected to that form
 * reaches the IPv4 address. Immutable; thread-safe.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code ADDRESS[/PREFIX]}; host bits set below the prefix are ignored, as most tools
     * do ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException with a one-line message naming the value
     */
    public static Cidr parse(String value) {
        String trimmed = value.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (addressPart.startsWith("[") && addressPart.endsWith("]")) {
            addressPart = addressPart.substring(1, addressPart.length() - 1);
        }
        // Netty's parser accepts only IP literals: no name is ever looked up here.
        byte[] address = NetUtil.createByteArrayFromIpAddressString(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("address range '" + value + "' is not CIDR notation such as 10.0.0.0/8 or fc00::/7");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("address range '" + value + "' has no valid prefix length after '/'");
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > bits) {
                throw new IllegalArgumentException("address range '" + value + "' has a prefix longer than " + bits + " bits");
            }
        }
        return new Cidr(mask(address, prefix), prefix, trimmed);
    }

    /** True when {@code address}, or the IPv4 address it maps, is in this range. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (network.length == 4 && address instanceof Inet6Address) {
            bytes = mappedIpv4(bytes);
            if (bytes == null) {
                return false;
            }
        } else if (network.length == 16 && address instanceof Inet4Address) {
            return false;
        }
        return Arrays.equals(mask(bytes, prefix), network);
    }

    /** The range as it was written. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), or null.
     * Deprecated IPv4-compatible forms ({@code ::a.b.c.d}) are not connectable on Linux and
     * are not treated as IPv4.
     */
    private static byte[] mappedIpv4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return null;
            }
        }
        if ((v6[10] & 0xff) != 0xff || (v6[11] & 0xff) != 0xff) {
            return null;
        }
        return Arrays.copyOfRange(v6, 12, 16);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }
}
