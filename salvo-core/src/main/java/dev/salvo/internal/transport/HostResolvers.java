package dev.salvo.internal.transport;

import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;

import java.net.InetSocketAddress;

/**
 * Chooses how host names are resolved. By default Netty's asynchronous DNS resolver (it reads
 * /etc/hosts and /etc/resolv.conf, never blocks the event loop, and returns every address, IPv6
 * and IPv4, for {@link HappyEyeballs}; IP literals are not looked up at all). With
 * {@code -Dsalvo.resolver=jdk} the JDK's resolver is used instead: it blocks the event loop while
 * it resolves, so it is meant for tests, where it answers from a loopback-only hosts file
 * ({@code -Djdk.net.hosts.file}) and no DNS query can leave the machine.
 */
final class HostResolvers {

    private HostResolvers() {
    }

    static AddressResolverGroup<InetSocketAddress> create(IoChoice io) {
        if ("jdk".equals(System.getProperty("salvo.resolver"))) {
            return DefaultAddressResolverGroup.INSTANCE;
        }
        return new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(io.datagramType())
                .socketChannelType(io.socketType()));
    }
}
