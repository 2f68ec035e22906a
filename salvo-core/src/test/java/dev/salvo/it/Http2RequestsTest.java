package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.NettyHttpServer;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request bodies, repeated headers and kept response headers over HTTP/2 too. */
@Timeout(20)
class Http2RequestsTest {

    @Test
    void aBodyRepeatedHeadersAndResponseHeadersGoOverHttp2() throws Exception {
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2().start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().http2PriorKnowledge(true).keepHeaders(true)
                     .header("X-A", "1").header("X-A", "2").build())) {
            String body = "payload ".repeat(20_000); // larger than the initial 64 KiB stream window
            List<FetchResult> results = new ArrayList<>();
            salvo.fetch(List.of(FetchRequest.builder(0, server.url("/post").toString()).method("POST").body(body)
                    .build()).iterator(), results::add);

            FetchResult result = results.get(0);
            assertTrue(result.ok(), result.toString());
            NettyHttpServer.Seen seen = server.requests().get(0);
            assertEquals("HTTP/2", seen.protocol());
            assertEquals(List.of("POST"), seen.values(":method"));
            assertEquals(List.of("1", "2"), seen.values("x-a"));
            assertEquals(List.of(String.valueOf(body.length())), seen.values("content-length"));
            assertEquals(List.of("text/plain"), result.headers().get("content-type"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.http2Body("/post").length() < body.length() && System.nanoTime() < deadline) {
                Thread.sleep(10); // the server answers on HEADERS; DATA may still be arriving
            }
            assertEquals(body, server.http2Body("/post"));
        }
    }
}
