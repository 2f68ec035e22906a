package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.Dnsmasq;
import dev.salvo.testing.NettyHttpServer;
import dev.salvo.testing.SilentDnsServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dns-server} against a real resolver on loopback (dnsmasq, started here with no
 * upstream): names resolve through it, every address of a name is tried, NXDOMAIN and a server
 * that never answers are {@code dns} failures told apart in their message, answers are cached for
 * their TTL, and a silent server is skipped for the next one.
 */
@Timeout(60)
class DnsControlTest {

    @TempDir
    Path dir;

    private static SalvoConfig.Builder config(String... servers) {
        SalvoConfig.Builder builder = SalvoConfig.builder().retries(0)
                .connectTimeout(Duration.ofMillis(400)).timeout(Duration.ofSeconds(10));
        for (String server : servers) {
            builder.dnsServer(server);
        }
        return builder;
    }

    private static List<FetchResult> fetch(SalvoConfig config, List<String> urls) throws Exception {
        try (Salvo salvo = Salvo.create(config)) {
            return salvo.fetchAll(urls);
        }
    }

    @Test
    void aNameWithManyAddressesReachesTheOneThatListens() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().address("127.0.0.5").start();
             Dnsmasq dns = Dnsmasq.start(dir, Map.of("many.test", List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")))) {
            FetchResult result = fetch(config(dns.address()).build(),
                    List.of("http://many.test:" + server.port() + "/many")).get(0);

            assertTrue(result.ok(), "only 127.0.0.5 listens: " + result);
            assertEquals(1, result.attempts(), "the refused addresses are not attempts");
            assertEquals(1, server.connections());
            assertTrue(dns.queries("A", "many.test") >= 1, "the name was asked of dnsmasq");
        }
    }

    @Test
    void nxdomainIsNoSuchHostAndNotRetried() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start(dir, Map.of("known.test", List.of("127.0.0.3")))) {
            FetchResult result = fetch(config(dns.address()).retries(2).build(),
                    List.of("http://unknown.test:9/")).get(0);

            assertEquals(ErrorType.DNS, result.error().type(), result.toString());
            assertEquals("no such host", result.error().message());
            assertEquals(1, result.attempts());
        }
    }

    @Test
    void aServerThatNeverAnswersIsADnsTimeout() throws Exception {
        try (SilentDnsServer silent = new SilentDnsServer()) {
            FetchResult result = fetch(config(silent.address()).build(), List.of("http://quiet.test:9/")).get(0);

            assertEquals(ErrorType.DNS, result.error().type(), result.toString());
            assertEquals("the DNS server did not answer in time", result.error().message());
            assertTrue(silent.received() >= 1, "the query was sent to the silent server");
        }
    }

    @Test
    void aSilentServerIsSkippedForTheNextOne() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().address("127.0.0.3").start();
             SilentDnsServer silent = new SilentDnsServer();
             Dnsmasq dns = Dnsmasq.start(dir, Map.of("second.test", List.of("127.0.0.3")))) {
            FetchResult result = fetch(config(silent.address(), dns.address()).build(),
                    List.of("http://second.test:" + server.port() + "/")).get(0);

            assertTrue(result.ok(), result.toString());
            assertTrue(silent.received() >= 1, "the first server was asked first");
        }
    }

    @Test
    void answersAreCachedForTheirTtl() throws Exception {
        try (NettyHttpServer first = NettyHttpServer.builder().address("127.0.0.3").start();
             NettyHttpServer second = NettyHttpServer.builder().address("127.0.0.3").start();
             Dnsmasq dns = Dnsmasq.start(dir, Map.of("cached.test", List.of("127.0.0.3")))) {
            // Two ports are two hosts, so two connections and two lookups of the same name; one at
            // a time, so the second comes after the first answer (TTL 60 s) is in the cache.
            List<FetchResult> results = fetch(config(dns.address()).concurrency(1).build(), List.of(
                    "http://cached.test:" + first.port() + "/a", "http://cached.test:" + second.port() + "/b"));

            results.forEach(r -> assertTrue(r.ok(), r.toString()));
            assertEquals(1, first.connections());
            assertEquals(1, second.connections());
            assertEquals(1, dns.queries("A", "cached.test"), "the second connection used the cached answer");
        }
    }
}
