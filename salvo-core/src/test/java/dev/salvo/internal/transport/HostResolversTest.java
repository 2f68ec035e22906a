package dev.salvo.internal.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production resolver is Netty's asynchronous DNS resolver. It is checked here on
 * {@code localhost}, which it answers from /etc/hosts without sending any query; every other test
 * runs with the JDK resolver and a loopback-only hosts file so no DNS query leaves the machine.
 */
@Timeout(20)
class HostResolversTest {

    @Test
    void defaultIsNettysDnsResolverAndItAnswersLocalhostFromTheHostsFile() throws Exception {
        String saved = System.getProperty("salvo.resolver");
        System.clearProperty("salvo.resolver");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            AddressResolverGroup<InetSocketAddress> resolvers = HostResolvers.create(IoChoice.nio());
            assertInstanceOf(DnsAddressResolverGroup.class, resolvers);
            EventLoop loop = group.next();
            AddressResolver<InetSocketAddress> resolver = loop.submit(() -> resolvers.getResolver(loop)).get();
            InetSocketAddress resolved = loop.submit(() -> resolver.resolve(
                    InetSocketAddress.createUnresolved("localhost", 8080))).get().get(10, TimeUnit.SECONDS);
            assertTrue(resolved.getAddress().isLoopbackAddress(), resolved.toString());
            resolvers.close();
        } finally {
            if (saved != null) {
                System.setProperty("salvo.resolver", saved);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void testsCanSwitchToTheJdkResolver() {
        String saved = System.getProperty("salvo.resolver");
        System.setProperty("salvo.resolver", "jdk");
        try {
            assertInstanceOf(DefaultAddressResolverGroup.class, HostResolvers.create(IoChoice.nio()));
        } finally {
            if (saved == null) {
                System.clearProperty("salvo.resolver");
            } else {
                System.setProperty("salvo.resolver", saved);
            }
        }
    }
}
