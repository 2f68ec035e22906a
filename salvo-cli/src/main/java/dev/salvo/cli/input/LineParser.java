package dev.salvo.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.salvo.FetchRequest;

import java.io.IOException;

/**
 * Turns one input line into a request, or into nothing for a line that holds no URL.
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} are skipped (after trimming);</li>
 *   <li>a line starting with <code>{</code> is read as a JSON object: its string {@code url} is the
 *       URL and its {@code id} (a string or a number, passed on as text) is the id;</li>
 *   <li>any other line is the URL, trimmed.</li>
 * </ul>
 *
 * <p>A JSON line that is malformed or has no string {@code url} still yields a request, whose URL
 * is the raw line: the engine reports it as {@code invalid_url}, so every URL line gets a record.
 *
 * <p>Thread-safe (the JSON factory is).
 */
public final class LineParser {

    private static final JsonFactory JSON = new JsonFactory();

    private LineParser() {
    }

    /** True when {@code line} holds a URL (or something meant as one) and so gets a record. */
    public static boolean isUrlLine(String line) {
        String text = line.strip();
        return !text.isEmpty() && text.charAt(0) != '#';
    }

    /** The request for a URL line (see {@link #isUrlLine}) at position {@code index}. */
    public static FetchRequest parse(long index, String line) {
        String text = line.strip();
        if (text.charAt(0) != '{') {
            return new FetchRequest(index, text, null);
        }
        return parseJson(index, text);
    }

    private static FetchRequest parseJson(long index, String text) {
        String url = null;
        String id = null;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new FetchRequest(index, text, null);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("url") && value == JsonToken.VALUE_STRING) {
                    url = parser.getText();
                } else if (name.equals("id") && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
                    id = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return new FetchRequest(index, text, null);
            }
        } catch (IOException e) {
            return new FetchRequest(index, text, null);
        }
        return new FetchRequest(index, url == null ? text : url, id);
    }
}
