package dev.salvo.internal.transport;

import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Chooses how host names are resolved. By default Netty's asynchronous DNS resolver (it reads
 * /etc/hosts and /etc/resolv.conf, never blocks the event loop, and returns every address, IPv6
 * and IPv4, for {@link HappyEyeballs}; IP literals are not looked up at all). With
 * {@code --dns-server} the same resolver asks only the servers given, in order (the next one when
 * one fails or does not answer). Either way answers are cached for their TTL (Netty's
 * {@code DefaultDnsCache}; negative answers are not cached), so a name is looked up once per TTL
 * however many URLs and connections use it.
 *
 * <p>With {@code -Dsalvo.resolver=jdk} and no DNS servers given, the JDK's resolver is used
 * instead: it blocks the event loop while it resolves, so it is meant for tests, where it answers
 * from a loopback-only hosts file ({@code -Djdk.net.hosts.file}) and no DNS query can leave the
 * machine. Explicit servers win over that property: a test that names a resolver on loopback
 * still queries only it.
 */
final class HostResolvers {

    /** Netty's default per-query timeout; a shorter connect timeout shortens it. */
    private static final long MAX_QUERY_TIMEOUT_MILLIS = 5_000;

    private HostResolvers() {
    }

    static AddressResolverGroup<InetSocketAddress> create(IoChoice io) {
        return create(io, List.of(), MAX_QUERY_TIMEOUT_MILLIS);
    }

    /**
     * @param servers            name servers to ask instead of the system's; empty for the system's
     * @param connectTimeoutMillis a name server is given at most this long (and at most 5 s) to answer
     */
    static AddressResolverGroup<InetSocketAddress> create(IoChoice io, List<InetSocketAddress> servers,
                                                          long connectTimeoutMillis) {
        if (servers.isEmpty() && "jdk".equals(System.getProperty("salvo.resolver"))) {
            return DefaultAddressResolverGroup.INSTANCE;
        }
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder()
                .datagramChannelType(io.datagramType())
                .socketChannelType(io.socketType())
                .queryTimeoutMillis(Math.max(1, Math.min(MAX_QUERY_TIMEOUT_MILLIS, connectTimeoutMillis)));
        if (!servers.isEmpty()) {
            builder.nameServerProvider(new SequentialDnsServerAddressStreamProvider(servers));
        }
        return new DnsAddressResolverGroup(builder);
    }
}
