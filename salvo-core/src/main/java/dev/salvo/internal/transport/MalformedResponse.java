package dev.salvo.internal.transport;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Says in words what was wrong with an HTTP/1.1 response that Netty's decoder refused. The
 * decoder's own messages name its parser ({@code For input string: "abc"}, {@code invalid version
 * format: ...}), not the server's fault, so they are translated here rather than passed on.
 *
 * <p>Stateless and thread-safe.
 */
final class MalformedResponse {

    private MalformedResponse() {
    }

    /**
     * What was wrong, as the end of {@code "malformed response: ..."} or
     * {@code "malformed response body: ..."}.
     *
     * @param cause         the decoder's failure
     * @param inBody        whether it failed while reading the body (chunk framing) rather than
     *                      the status line and headers
     * @param maxLine       the longest status line accepted, in bytes
     * @param maxHeaderBlock the largest header block accepted, in bytes
     */
    static String describe(Throwable cause, boolean inBody, int maxLine, int maxHeaderBlock) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof TooLongHttpHeaderException) {
            return "the header block is larger than " + maxHeaderBlock + " bytes";
        }
        if (cause instanceof TooLongHttpLineException) {
            return inBody ? "a chunk header is longer than " + maxLine + " bytes"
                    : "the status line is longer than " + maxLine + " bytes";
        }
        if (cause instanceof TooLongFrameException) {
            return inBody ? "a chunk is too large" : "the response head is too large";
        }
        if (cause instanceof NumberFormatException) {
            // The decoder parses only two numbers itself: the status code and a chunk size.
            return inBody ? "a chunk size is not a number" : "the status code is not a number";
        }
        if (message.startsWith("invalid version format")) {
            return "the server did not answer in HTTP";
        }
        if (message.startsWith("Content-Length value is not a number")) {
            return "the Content-Length is not a number";
        }
        if (message.startsWith("Multiple Content-Length values")) {
            return "it has conflicting Content-Length headers";
        }
        if (message.startsWith("code")) {
            return "the status code is out of range";
        }
        return inBody ? "its framing could not be read as HTTP/1.1" : "it could not be read as HTTP/1.1";
    }
}
