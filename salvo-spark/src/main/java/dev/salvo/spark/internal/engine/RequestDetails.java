package dev.salvo.spark.internal.engine;

import dev.salvo.FetchRequest;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.cli.convert.HeaderConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What an input row says about its request beyond the URL: its own method, headers and body (as
 * a JSON input line or the optional columns of a Dataset give them), or why the row could not be
 * understood. Travels with the row through the shuffle, so the executor sends exactly what
 * {@code salvo fetch} would send for the same line.
 *
 * @param method       the method, or null for the config's
 * @param headers      headers as {@code "Name: value"} strings, in order; never null
 * @param body         the body to send, or null
 * @param invalidInput why the input could not be understood (no request is sent), or null
 */
public record RequestDetails(String method, List<String> headers, byte[] body, String invalidInput)
        implements Serializable {

    private static final HeaderConverter HEADER = new HeaderConverter();

    public RequestDetails {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** The details of {@code request}, or null when it has none (a plain GET of its URL). */
    public static RequestDetails of(FetchRequest request) {
        if (request.method() == null && request.headers().isEmpty() && request.body() == null
                && request.invalidInput() == null) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (Header header : request.headers()) {
            headers.add(header.name() + ": " + header.value());
        }
        return new RequestDetails(request.method(), headers, request.body(), request.invalidInput());
    }

    /**
     * The request these details describe. A method or header a Dataset's columns give that is not
     * valid HTTP makes an {@code invalid_input} request rather than failing the task: every row
     * still gets its one result.
     */
    FetchRequest toRequest(long index, String url, String id) {
        if (invalidInput != null) {
            return invalid(index, url, id, invalidInput);
        }
        FetchRequest.Builder builder = FetchRequest.builder(index, url).id(id);
        try {
            if (method != null) {
                builder.method(method);
            }
            for (String header : headers) {
                Header parsed = HEADER.convert(header);   // as salvo fetch reads -H
                builder.header(parsed.name(), parsed.value());
            }
        } catch (TypeConversionException e) {
            return invalid(index, url, id, "headers: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return invalid(index, url, id, e.getMessage());
        }
        return builder.body(body).build();
    }

    private static FetchRequest invalid(long index, String url, String id, String reason) {
        return FetchRequest.builder(index, url).id(id).invalidInput(reason).build();
    }
}
