package dev.salvo.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a whole output file, earlier runs and this one, for the report of a resumed run:
 * records, ok, and failures by error type. Read with a streaming parser, one line at a time, so
 * memory does not grow with the file; lines that are not records are skipped. Immutable.
 *
 * @param records  complete records in the file
 * @param ok       of those, records with {@code "ok":true}
 * @param failures failed records by error type
 */
public record WholeOutput(long records, long ok, Map<String, Long> failures) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Failed records in the file. */
    public long failed() {
        return records - ok;
    }

    /** Reads {@code file}; thread-safe (stateless). */
    public static WholeOutput read(Path file) throws IOException {
        long records = 0;
        long ok = 0;
        Map<String, Long> failures = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("{\"index\":")) {
                    continue;
                }
                Boolean lineOk = null;
                String error = null;
                try (JsonParser parser = JSON.createParser(line)) {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (field.equals("ok")) {
                            lineOk = value == JsonToken.VALUE_TRUE;
                        } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String inner = parser.currentName();
                                parser.nextToken();
                                if (inner.equals("type")) {
                                    error = parser.getText();
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } catch (IOException e) {
                    continue; // a damaged line is not a record
                }
                if (lineOk == null) {
                    continue;
                }
                records++;
                if (lineOk) {
                    ok++;
                } else {
                    failures.merge(error == null ? "unknown" : error, 1L, Long::sum);
                }
            }
        }
        return new WholeOutput(records, ok, failures);
    }
}
