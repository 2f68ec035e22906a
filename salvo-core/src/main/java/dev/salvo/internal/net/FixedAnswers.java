package dev.salvo.internal.net;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers of {@code --resolve HOST:PORT:ADDR[,ADDR...]}, as curl reads them: a request to
 * that host and port connects to those addresses (all of them, in order, with Happy Eyeballs)
 * without asking any resolver, while the URL, the Host header and TLS's SNI and certificate
 * check keep the name. IPv6 addresses may be bracketed. Immutable; thread-safe.
 */
public final class FixedAnswers {

    /** No fixed answers. */
    public static final FixedAnswers NONE = new FixedAnswers(Map.of());

    private final Map<String, List<InetAddress>> byHostAndPort;

    private FixedAnswers(Map<String, List<InetAddress>> byHostAndPort) {
        this.byHostAndPort = Map.copyOf(byHostAndPort);
    }

    /**
     * Parses {@code entries}; a later entry for the same host and port replaces an earlier one.
     *
     * @throws IllegalArgumentException with a one-line message naming the entry
     */
    public static FixedAnswers parse(List<String> entries) {
        if (entries.isEmpty()) {
            return NONE;
        }
        Map<String, List<InetAddress>> answers = new HashMap<>();
        for (String entry : entries) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
                throw new IllegalArgumentException("resolve entry '" + entry + "' is not HOST:PORT:ADDRESS (e.g. example.com:443:127.0.0.1)");
            }
            int port = port(entry, parts[1]);
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : parts[2].split(",")) {
                String literal = address.strip();
                if (literal.startsWith("[") && literal.endsWith("]")) {
                    literal = literal.substring(1, literal.length() - 1);
                }
                InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(literal);
                if (parsed == null) {
                    throw new IllegalArgumentException("resolve entry '" + entry + "': '" + address + "' is not an IP address");
                }
                addresses.add(parsed);
            }
            answers.put(key(parts[0], port), List.copyOf(addresses));
        }
        return new FixedAnswers(answers);
    }

    /** The fixed addresses for {@code host} and {@code port}, or null when there are none. */
    public List<InetSocketAddress> lookup(String host, int port) {
        if (byHostAndPort.isEmpty()) {
            return null;
        }
        List<InetAddress> addresses = byHostAndPort.get(key(host, port));
        if (addresses == null) {
            return null;
        }
        List<InetSocketAddress> sockets = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            sockets.add(new InetSocketAddress(address, port));
        }
        return sockets;
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("resolve entry '" + entry + "': '" + text + "' is not a port (1-65535)");
    }

    private static String key(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
