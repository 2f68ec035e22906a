package dev.salvo.internal.net;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code --dns-server} values: {@code ADDR} or {@code ADDR:PORT}, an IPv6 address bare
 * ({@code ::1}, port 53) or bracketed ({@code [::1]:5353}). Only IP addresses: a name server
 * named by a name would need a resolver to find it. Pure functions; thread-safe.
 */
public final class NameServers {

    private NameServers() {
    }

    /** @throws IllegalArgumentException with a one-line message naming the value */
    public static List<InetSocketAddress> parse(List<String> servers) {
        List<InetSocketAddress> parsed = new ArrayList<>(servers.size());
        for (String server : servers) {
            parsed.add(parse(server));
        }
        return List.copyOf(parsed);
    }

    private static InetSocketAddress parse(String server) {
        String text = server.strip();
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close > 0) {
                host = text.substring(1, close);
                String rest = text.substring(close + 1);
                port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : "";
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        if (address == null) {
            throw new IllegalArgumentException("DNS server '" + server + "' is not an IP address with an optional port"
                    + " (e.g. 127.0.0.1:5353 or [::1]:5353)");
        }
        int number = 53;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("DNS server '" + server + "' has no valid port (1-65535)");
            }
        }
        return new InetSocketAddress(address, number);
    }
}
