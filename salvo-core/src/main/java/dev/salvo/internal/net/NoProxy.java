package dev.salvo.internal.net;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts reached without the proxy, read as curl reads {@code --noproxy} and {@code NO_PROXY}:
 * a comma-separated list where {@code *} alone matches every host, a name matches itself and
 * its subdomains (a leading dot is optional: {@code example.com} and {@code .example.com} both
 * match {@code www.example.com}), and an IP address or CIDR range matches addresses in the URL.
 * Names are compared as written in the URL; nothing is resolved. Immutable; thread-safe.
 */
public final class NoProxy {

    /** Matches nothing: every host goes through the proxy. */
    public static final NoProxy NONE = new NoProxy(false, List.of(), List.of());

    private final boolean all;
    private final List<String> suffixes;
    private final List<Cidr> ranges;

    private NoProxy(boolean all, List<String> suffixes, List<Cidr> ranges) {
        this.all = all;
        this.suffixes = List.copyOf(suffixes);
        this.ranges = List.copyOf(ranges);
    }

    /** Parses a list such as {@code localhost,.internal,10.0.0.0/8}; null or blank means none. */
    public static NoProxy parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        if (list.strip().equals("*")) {
            return new NoProxy(true, List.of(), List.of());
        }
        List<String> suffixes = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            String bare = entry.startsWith("[") ? entry.replaceAll("[\\[\\]]", "") : entry;
            String address = bare.contains("/") ? bare.substring(0, bare.indexOf('/')) : bare;
            if (NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)) {
                ranges.add(Cidr.parse(bare));
            } else {
                suffixes.add(entry.startsWith(".") ? entry.substring(1) : entry);
            }
        }
        return new NoProxy(false, suffixes, ranges);
    }

    /** True when {@code host} (as in the URL, lower case, IPv6 without brackets) skips the proxy. */
    public boolean matches(String host) {
        if (all) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(name);
        if (literal != null) {
            for (Cidr range : ranges) {
                if (range.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
        for (String suffix : suffixes) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }
}
