package dev.salvo.cli.warc;

import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcDigest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The payload digest found in place is the one jwarc's own full parse of the response gives (how
 * it was computed before), for whole, chunked, cut and odd responses; and the body starts where
 * the header block ends. One case differs on purpose: a body framed by neither Content-Length nor
 * chunking (HTTP/1.0 ended by the close; HTTP/2 without content-length) is the rest of the captured
 * bytes, as warcio and wget digest it, unless the capture was cut.
 */
class HttpPayloadTest {

    private static final Map<String, String> RESPONSES = new LinkedHashMap<>();

    static {
        RESPONSES.put("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello");
        RESPONSES.put("lower-case names (an h2 rendering)", "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello");
        RESPONSES.put("chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n");
        RESPONSES.put("chunked, cut in a chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n20\r\n wor");
        RESPONSES.put("body shorter than Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello");
        RESPONSES.put("bytes past Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhello");
        RESPONSES.put("empty body", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        RESPONSES.put("a HEAD answer", "HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n");
        RESPONSES.put("invalid Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: five\r\n\r\nhello");
        RESPONSES.put("cut in the header block", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nCont");
        RESPONSES.put("not HTTP", "hello, this is not a response\r\n\r\n");
        RESPONSES.put("bare line feeds", "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello");
    }

    /** jwarc's digest of the response's body, read through {@code HttpResponse.parse} from a stream. */
    private static String reference(byte[] response) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        try {
            HttpResponse http = HttpResponse.parse(Channels.newChannel(new ByteArrayInputStream(response)));
            long length = 0;
            try (InputStream body = http.body().stream()) {
                byte[] buffer = new byte[100];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    length += n;
                }
            }
            return length == 0 ? null : new WarcDigest(digest).toString();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void digestsAsJwarcsOwnParseOfTheWholeResponse() throws Exception {
        HttpPayload payloads = new HttpPayload(WarcRecords.newSha1());
        int digested = 0;
        for (Map.Entry<String, String> entry : RESPONSES.entrySet()) {
            byte[] response = entry.getValue().getBytes(StandardCharsets.ISO_8859_1);
            WarcDigest found = payloads.find(response, false).digest();
            String expected = reference(response);
            assertEquals(expected, found == null ? null : found.toString(), entry.getKey());
            digested += expected == null ? 0 : 1;
        }
        assertEquals(5, digested, "the cases with a payload digest");
    }

    @Test
    void aBodyWithoutFramingIsTheRestOfTheCaptureUnlessItWasCut() throws Exception {
        HttpPayload payloads = new HttpPayload(WarcRecords.newSha1());
        byte[] closeDelimited = "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nhello, world".getBytes(StandardCharsets.US_ASCII);
        byte[] h2Rendering = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nhello, world".getBytes(StandardCharsets.US_ASCII);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        String expected = new WarcDigest("sha1", sha1.digest("hello, world".getBytes(StandardCharsets.US_ASCII))).toString();

        assertEquals(expected, String.valueOf(payloads.find(closeDelimited, false).digest()));
        assertEquals(expected, String.valueOf(payloads.find(h2Rendering, false).digest()));
        assertNull(payloads.find(closeDelimited, true).digest(), "cut by the body cap: the payload is unknown");
        assertNull(payloads.find("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false).digest(),
                "an empty body has no payload digest");
    }

    @Test
    void theBodyStartsAfterTheHeaderBlock() {
        HttpPayload payloads = new HttpPayload(WarcRecords.newSha1());
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        HttpPayload.Found found = payloads.find((head + "hello").getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(head.length(), found.bodyStart());
        assertNotNull(found.digest());
        HttpPayload.Found cut = payloads.find("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(-1, cut.bodyStart());
        assertNull(cut.digest());
    }
}
