package dev.salvo.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests from one connection's input: request line, header fields, and a body
 * framed by {@code Content-Length} or {@code Transfer-Encoding: chunked}.
 *
 * <p>Strict enough to be a fair server (bounded line length, header count and body size, so a
 * broken client cannot make the fixture allocate without limit) and lenient where real clients
 * vary (a bare LF is accepted as a line end).
 *
 * <p>Not thread-safe: one instance per connection, used by that connection's thread only.
 */
final class RequestParser {

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final InputStream in;
    private final int connectionId;
    private int sequence;

    /** @param in a buffered stream; the parser reads it byte by byte */
    RequestParser(InputStream in, int connectionId) {
        this.in = in;
        this.connectionId = connectionId;
    }

    /**
     * Reads the next request, including its body.
     *
     * @return the request, or null if the client closed the connection cleanly between requests
     * @throws ProtocolException if the bytes are not an HTTP/1.x request
     * @throws IOException if the connection fails, times out, or closes mid-request
     */
    RecordedRequest next() throws IOException {
        String requestLine = readLine(true);
        if (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true);   // RFC 9112 2.2: tolerate a stray CRLF before a request
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new ProtocolException("malformed request line: " + abbreviate(requestLine));
        }
        String target = originForm(parts[1]);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        List<Map.Entry<String, String>> headers = readHeaders();
        byte[] body = readBody(headers);
        return new RecordedRequest(parts[0], target, path, query, parts[2], headers, body,
                connectionId, sequence++);
    }

    /** Reduces an absolute-form target ({@code http://host/p}), as proxies get, to {@code /p}. */
    private static String originForm(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }

    private List<Map.Entry<String, String>> readHeaders() throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new ProtocolException("malformed or too many header fields: " + abbreviate(line));
            }
            headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return headers;
    }

    private byte[] readBody(List<Map.Entry<String, String>> headers) throws IOException {
        String transferEncoding = null;
        String contentLength = null;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                transferEncoding = h.getValue();
            } else if (h.getKey().equalsIgnoreCase("Content-Length")) {
                contentLength = h.getValue();
            }
        }
        if (transferEncoding != null && transferEncoding.toLowerCase().contains("chunked")) {
            return readChunkedBody();
        }
        if (contentLength == null) {
            return new byte[0];
        }
        long length;
        try {
            length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad Content-Length: " + abbreviate(contentLength));
        }
        if (length < 0 || length > MAX_BODY) {
            throw new ProtocolException("Content-Length out of range: " + length);
        }
        return readExactly((int) length);
    }

    private byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');   // chunk extensions are allowed and ignored
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + abbreviate(sizeLine));
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new ProtocolException("chunked body too large");
            }
            if (size == 0) {
                // Trailer fields, if any, end with an empty line; they are read and dropped.
                while (!readLine(false).isEmpty()) {
                    // discard
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine(false).isEmpty()) {
                throw new ProtocolException("missing CRLF after chunk data");
            }
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("connection closed mid-body");
        }
        return bytes;
    }

    /**
     * Reads one line without its CRLF (or bare LF).
     *
     * @param eofAllowed whether a clean EOF before the first byte returns null instead of failing
     */
    private String readLine(boolean eofAllowed) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed mid-request");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);   // ISO-8859-1: one byte, one char
        }
    }

    private static String abbreviate(String s) {
        String printable = new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII);
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }
}
