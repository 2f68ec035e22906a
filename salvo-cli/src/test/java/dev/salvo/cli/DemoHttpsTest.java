package dev.salvo.cli;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.demo.TlsDemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The https hosts of {@code salvo demo --https} ({@link TlsDemoServer}: HTTP/2 offered on one
 * port, HTTP/1.1 only on the other, over real TLS on loopback), which the launcher's start-up
 * cache is trained on. Fetched by Salvo itself, with verification off as the demo does.
 */
@Timeout(120)
class DemoHttpsTest {

    @TempDir
    Path dir;

    @Test
    void bothHttpsHostsServePagesAndMissingPages() throws Exception {
        try (TlsDemoServer server = TlsDemoServer.start(dir)) {
            List<String> bases = server.bases();
            assertEquals(2, bases.size(), bases.toString());
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                urls.add(bases.get(i % 2) + (i % 10 == 3 ? "/missing/" : "/page/") + i);
            }
            // A generous timeout: this test is about answers, not speed.
            SalvoConfig config = SalvoConfig.builder().insecure(true).timeout(Duration.ofSeconds(60)).build();
            List<FetchResult> results;
            try (Salvo salvo = Salvo.create(config)) {
                results = salvo.fetchAll(urls);
            }
            assertEquals(urls.size(), results.size());
            for (FetchResult result : results) {
                boolean missing = result.url().contains("/missing/");
                assertEquals(missing ? 404 : 200, result.status(), result.toString());
                assertTrue(missing || result.bytes() > 0, result.toString());
            }
        }
    }
}
