package dev.salvo.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.salvo.FetchRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns one input line into a request, or into nothing for a line that holds no URL.
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} are skipped (after trimming);</li>
 *   <li>a line starting with <code>{</code> is read as a JSON object: its string {@code url} is the
 *       URL, its {@code id} (a string or a number, passed on as text) the id, and {@code method},
 *       {@code headers} (an object; a name whose value is an array sends each value),
 *       {@code body} (text, sent as UTF-8) or {@code body_base64}, and {@code params} (an object,
 *       form-encoded into the URL's query) shape that one request;</li>
 *   <li>any other line is the URL, trimmed.</li>
 * </ul>
 *
 * <p>With a base URL, a URL that is a relative reference is resolved against it (RFC 3986).
 * The command line's body, if any, goes with every request whose line has none of its own.
 *
 * <p>Every URL line yields one request. A JSON line that is malformed or has no string {@code url}
 * yields one whose URL is the raw line, which the engine reports as {@code invalid_url}. A JSON
 * line with a field this parser does not know, or a known field of the wrong shape, yields one
 * marked {@linkplain FetchRequest#invalidInput() invalid input} naming the field: it is never
 * sent, rather than sent in a way the line did not mean.
 *
 * <p>Immutable and thread-safe (the JSON factory is).
 */
public final class LineParser {

    /** No base URL, no body: lines as they are. */
    public static final LineParser PLAIN = new LineParser(null, null);

    private static final JsonFactory JSON = new JsonFactory();
    private static final String KNOWN_FIELDS = "url, id, method, headers, body, body_base64, params";

    private final BaseUrl base;
    private final byte[] body;

    /**
     * @param base a base URL for relative references, or null
     * @param body the body every request without its own gets, or null (not copied; not changed)
     */
    public LineParser(BaseUrl base, byte[] body) {
        this.base = base;
        this.body = body;
    }

    /** True when {@code line} holds a URL (or something meant as one) and so gets a record. */
    public static boolean isUrlLine(String line) {
        String text = line.strip();
        return !text.isEmpty() && text.charAt(0) != '#';
    }

    /** The request for a URL line (see {@link #isUrlLine}) at position {@code index}. */
    public FetchRequest parse(long index, String line) {
        String text = line.strip();
        if (text.charAt(0) != '{') {
            FetchRequest.Builder request = FetchRequest.builder(index, resolve(text));
            return withDefaultBody(request).build();
        }
        return parseJson(index, text);
    }

    private String resolve(String url) {
        return base == null ? url : base.resolve(url);
    }

    private FetchRequest.Builder withDefaultBody(FetchRequest.Builder request) {
        return body == null ? request : request.body(body);
    }

    private FetchRequest parseJson(long index, String text) {
        JsonLine line = new JsonLine();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new FetchRequest(index, text, null);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                line.read(name, parser);
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return new FetchRequest(index, text, null);
            }
        } catch (IOException e) {
            return new FetchRequest(index, text, null);
        }
        if (line.url == null) {
            return line.invalid == null ? new FetchRequest(index, text, line.id)
                    : FetchRequest.builder(index, text).id(line.id).invalidInput(line.invalid).build();
        }
        FetchRequest.Builder request = FetchRequest.builder(index, resolve(line.url)).id(line.id);
        if (line.invalid != null) {
            return request.invalidInput(line.invalid).build();
        }
        try {
            line.applyTo(request);
        } catch (IllegalArgumentException e) {
            return FetchRequest.builder(index, resolve(line.url)).id(line.id).invalidInput(e.getMessage()).build();
        }
        if (line.body == null && line.bodyBase64 == null) {
            withDefaultBody(request);
        }
        return request.build();
    }

    /** The fields of one JSON line as read; the first problem met is kept in {@link #invalid}. */
    private static final class JsonLine {
        String url;
        String id;
        String invalid;
        String method;
        String body;
        String bodyBase64;
        final List<String[]> headers = new ArrayList<>();
        final List<String[]> params = new ArrayList<>();

        void read(String name, JsonParser parser) throws IOException {
            JsonToken value = parser.currentToken();
            switch (name) {
                case "url" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        url = parser.getText();
                    } else {
                        parser.skipChildren(); // no usable url: the raw line stands for it
                    }
                }
                case "id" -> {
                    if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
                        id = parser.getText();
                    } else {
                        problem("\"id\" must be a string or a number");
                        parser.skipChildren();
                    }
                }
                case "method" -> method = string(name, parser);
                case "body" -> body = string(name, parser);
                case "body_base64" -> bodyBase64 = string(name, parser);
                case "headers" -> pairs(name, parser, headers, false);
                case "params" -> pairs(name, parser, params, true);
                default -> {
                    problem("unknown field \"" + name + "\" (known: " + KNOWN_FIELDS + ")");
                    parser.skipChildren();
                }
            }
        }

        /** Builds the request's parts; a bad method, header or base64 throws with a one-line reason. */
        void applyTo(FetchRequest.Builder request) {
            if (body != null && bodyBase64 != null) {
                throw new IllegalArgumentException("give \"body\" or \"body_base64\", not both");
            }
            if (method != null) {
                try {
                    request.method(method);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("\"method\": " + e.getMessage());
                }
            }
            for (String[] header : headers) {
                try {
                    request.header(header[0], header[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("\"headers\": " + e.getMessage());
                }
            }
            if (body != null) {
                request.body(body);
            }
            if (bodyBase64 != null) {
                try {
                    request.body(Base64.getDecoder().decode(bodyBase64));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("\"body_base64\" is not base64: " + e.getMessage());
                }
            }
            for (String[] param : params) {
                request.param(param[0], param[1]);
            }
        }

        private String string(String name, JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            problem("\"" + name + "\" must be a string");
            parser.skipChildren();
            return null;
        }

        /**
         * An object of name to value, or to an array of values (each sent); values are strings,
         * or also numbers and booleans when {@code scalars} (query parameters).
         */
        private void pairs(String name, JsonParser parser, List<String[]> into, boolean scalars)
                throws IOException {
            String shape = "\"" + name + "\" must be an object of " + (scalars ? "strings, numbers or booleans"
                    : "strings") + " (or arrays of them)";
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                problem(shape);
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                        addPair(key, value, parser, into, scalars, shape);
                    }
                } else {
                    addPair(key, value, parser, into, scalars, shape);
                }
            }
        }

        private void addPair(String key, JsonToken value, JsonParser parser, List<String[]> into,
                             boolean scalars, String shape) throws IOException {
            boolean ok = value == JsonToken.VALUE_STRING
                    || (scalars && (value.isNumeric() || value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE));
            if (ok) {
                into.add(new String[] {key, parser.getText()});
            } else {
                problem(shape);
                parser.skipChildren();
            }
        }

        private void problem(String message) {
            if (invalid == null) {
                invalid = message;
            }
        }
    }
}
