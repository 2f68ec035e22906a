package dev.salvo.spark.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.RobotsTxt;
import dev.salvo.SalvoConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an executor's engine runs with is what the driver was given: every setting of a
 * {@link SalvoConfig} survives the trip through Java serialization. A setting added to the
 * config but not carried here (say, {@code --deny-private} or {@code --proxy}) would otherwise be
 * dropped silently on every executor.
 */
class EngineSettingsTest {

    /** Every builder setting that {@link #everySettingReachesTheExecutor} changes from its default. */
    private static final Set<String> ROUND_TRIPPED = Set.of(
            "concurrency", "perHost", "rate", "perHostRate", "burst", "window", "timeout", "connectTimeout",
            "retries", "backoff", "maxBackoff", "retryAfterMax", "circuitFailures", "circuitCooldown",
            "maxRedirects", "maxBody", "method", "header", "userAgent", "insecure", "http2PriorKnowledge",
            "maxIdleConnections", "compressed", "keepHeaders", "keepBodies", "captureExchanges", "caCert",
            "clientCertificate", "tlsMin", "deny", "denyPrivate", "resolve", "dnsServer", "httpProxy",
            "httpsProxy", "noProxy", "robots", "adaptive", "perIp");

    /**
     * Builder methods that need no round trip of their own: what stays on the driver (listener,
     * clock), ordering (a task's engine always delivers in completion order), and the grouped
     * setters whose parts are all in {@link #ROUND_TRIPPED} (tls, network, proxy).
     */
    private static final Set<String> NOT_SHIPPED_OR_GROUPED = Set.of(
            "listener", "timeSource", "ordered", "tls", "network", "proxy", "build", "toBuilder");

    /**
     * A setting added to {@link SalvoConfig.Builder} must be added to the round trip below (and so
     * to {@link EngineSettings}): otherwise it would pass this class's test untested and could be
     * dropped on every executor without a failing test.
     */
    @Test
    void theRoundTripCoversEveryBuilderSetting() {
        Set<String> unaccounted = new TreeSet<>();
        for (Method method : SalvoConfig.Builder.class.getDeclaredMethods()) {
            String name = method.getName();
            if (Modifier.isPublic(method.getModifiers()) && !ROUND_TRIPPED.contains(name)
                    && !NOT_SHIPPED_OR_GROUPED.contains(name)) {
                unaccounted.add(name);
            }
        }
        assertTrue(unaccounted.isEmpty(), "SalvoConfig.Builder settings not round-tripped by this test "
                + "(carry them in EngineSettings and set them in everySettingReachesTheExecutor): " + unaccounted);
    }

    @Test
    void everySettingReachesTheExecutor() throws IOException, ClassNotFoundException {
        // Every setting away from its default, except what stays on the driver (listener, clock)
        // and ordering (a task's engine always delivers in completion order).
        SalvoConfig config = SalvoConfig.builder()
                .concurrency(7).perHost(3).rate(11).perHostRate(2).burst(5).window(99)
                .timeout(Duration.ofSeconds(7)).connectTimeout(Duration.ofSeconds(3))
                .retries(4).backoff(Duration.ofMillis(70)).maxBackoff(Duration.ofSeconds(9))
                .retryAfterMax(Duration.ofMinutes(2)).circuitFailures(9).circuitCooldown(Duration.ofSeconds(44))
                .maxRedirects(3).maxBody(12345).method("HEAD").header("X-A", "1").header("X-A", "2")
                .userAgent("spark-test/1").insecure(true).http2PriorKnowledge(true).maxIdleConnections(17)
                .compressed(true).keepHeaders(true).keepBodies(true).captureExchanges(true)
                .caCert(Path.of("/tmp/ca.pem"), true).clientCertificate(Path.of("/tmp/c.pem"), Path.of("/tmp/c.key"))
                .tlsMin("1.3")
                .deny("10.0.0.0/8").denyPrivate(true).resolve("a.test:80:127.0.0.1").dnsServer("127.0.0.1:5353")
                .httpProxy("http://127.0.0.1:3128").httpsProxy("socks5h://127.0.0.1:1080").noProxy("b.test")
                .adaptive(true).perIp(5)
                .robots(RobotsTxt.OBEY)
                .build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new EngineSettings(config));
        }
        EngineSettings shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (EngineSettings) in.readObject();
        }

        assertEquals(config, shipped.toConfig());
    }
}
