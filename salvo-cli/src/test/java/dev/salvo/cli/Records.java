package dev.salvo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON Lines records back for assertions, keeping field order. */
final class Records {

    private static final JsonFactory JSON = new JsonFactory();

    private Records() {
    }

    static List<Map<String, Object>> parse(String jsonLines) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : jsonLines.split("\n")) {
            if (!line.isEmpty()) {
                records.add(parseLine(line));
            }
        }
        return records;
    }

    static Map<String, Object> parseLine(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            parser.nextToken();
            Map<String, Object> record = object(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing data in " + line);
            }
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON record: " + line, e);
        }
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            list.add(switch (token) {
                case START_OBJECT -> object(parser);
                case START_ARRAY -> array(parser);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                case VALUE_NULL -> null;
                default -> throw new IllegalArgumentException("unexpected " + token);
            });
        }
        return list;
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case START_OBJECT -> object(parser);
                case START_ARRAY -> array(parser);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                case VALUE_NULL -> null;
                default -> throw new IllegalArgumentException("unexpected " + token);
            };
            map.put(name, value);
        }
        return map;
    }
}
