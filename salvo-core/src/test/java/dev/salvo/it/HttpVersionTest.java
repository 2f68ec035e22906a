package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which HTTP version goes on the wire: HTTP/2 when TLS negotiates it by ALPN, HTTP/2 over
 * cleartext only with prior knowledge, HTTP/1.1 otherwise. The server here is a real HTTP/2
 * server (Vert.x) that records the version of every request it receives.
 */
// A bound against a hang, not a measure: the first TLS server in a JVM runs keytool (a second
// JVM), which takes tens of seconds on a loaded machine.
@Timeout(90)
class HttpVersionTest {

    private Vertx serverVertx;
    private final Set<HttpVersion> versionsSeen = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startVertx() {
        serverVertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        serverVertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpServer start(HttpServerOptions options) throws Exception {
        return serverVertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    versionsSeen.add(request.version());
                    request.response().putHeader("Content-Type", "text/plain").end("hello " + request.path());
                })
                .listen()
                .await(10, TimeUnit.SECONDS);
    }

    private static List<String> urls(String base, int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add(base + "/page/" + i);
        }
        return urls;
    }

    @Test
    void httpsNegotiatesHttp2ByAlpn() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("127.0.0.1");
        HttpServer server = start(new HttpServerOptions().setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(certificate.keyCertOptions()));
        try (Salvo salvo = Salvo.create(SalvoConfig.builder().insecure(true).perHost(4).build())) {
            List<FetchResult> results = salvo.fetchAll(urls("https://127.0.0.1:" + server.actualPort(), 20));

            assertTrue(results.stream().allMatch(FetchResult::ok), results.toString());
            assertEquals("hello /page/3".length(), results.get(3).bytes());
            assertEquals(Set.of(HttpVersion.HTTP_2), versionsSeen);
        }
    }

    @Test
    void cleartextUsesHttp11ByDefault() throws Exception {
        HttpServer server = start(new HttpServerOptions());
        try (Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            List<FetchResult> results = salvo.fetchAll(urls("http://127.0.0.1:" + server.actualPort(), 5));

            assertTrue(results.stream().allMatch(FetchResult::ok), results.toString());
            assertEquals(Set.of(HttpVersion.HTTP_1_1), versionsSeen);
        }
    }

    @Test
    void priorKnowledgeSpeaksHttp2OverCleartext() throws Exception {
        HttpServer server = start(new HttpServerOptions().setHttp2ClearTextEnabled(true));
        try (Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).build())) {
            List<FetchResult> results = salvo.fetchAll(urls("http://127.0.0.1:" + server.actualPort(), 5));

            assertTrue(results.stream().allMatch(FetchResult::ok), results.toString());
            assertEquals(Set.of(HttpVersion.HTTP_2), versionsSeen);
        }
    }
}
