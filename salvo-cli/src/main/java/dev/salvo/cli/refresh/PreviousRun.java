package dev.salvo.cli.refresh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.salvo.cli.parquet.PartRows;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What an earlier run learnt about each URL that can be refreshed: its validators and the digest
 * and size of the body they stand for. Read from that run's JSON Lines output, or its Parquet output
 * (a directory of parts, read with Parquet's own reader), keyed by the URL as given (so the input
 * may gain, lose or reorder lines between runs). Only URLs that ended ok with
 * an {@code etag} or {@code last_modified} are kept: nothing else can be answered with a 304.
 * Memory is about 200 bytes per such URL.
 *
 * <p>Immutable once read; thread-safe.
 */
public final class PreviousRun {

    /**
     * One URL's earlier result.
     *
     * @param etag         the ETag it had, or null
     * @param lastModified the Last-Modified it had, or null
     * @param sha256       the body's SHA-256 then
     * @param bytes        the body's size then
     */
    public record Entry(String etag, String lastModified, String sha256, long bytes) { }

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Entry> byUrl;
    private final long lines;

    private PreviousRun(Map<String, Entry> byUrl, long lines) {
        this.byUrl = byUrl;
        this.lines = lines;
    }

    /** What {@code url} had, or null when it cannot be refreshed. */
    public Entry get(String url) {
        return byUrl.get(url);
    }

    /** URLs that can be refreshed. */
    public int size() {
        return byUrl.size();
    }

    /** Records read. */
    public long lines() {
        return lines;
    }

    /**
     * Reads a JSON Lines output of {@code salvo fetch}. Lines that are not records (a torn last
     * line, say) are skipped; a later record of the same URL replaces an earlier one.
     */
    public static PreviousRun readJsonLines(Path file) throws IOException {
        Map<String, Entry> byUrl = new HashMap<>();
        long lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                parse(line, byUrl);
            }
        }
        return new PreviousRun(byUrl, lines);
    }

    /**
     * Reads a Parquet output of {@code salvo fetch --format parquet}: its directory of parts (or
     * one part file); a later record of the same URL replaces an earlier one.
     */
    public static PreviousRun readParquet(Path path) throws IOException {
        Map<String, Entry> byUrl = new HashMap<>();
        long[] rows = {0};
        PartRows.read(path, row -> {
            rows[0]++;
            keep(byUrl, row.url(), row.ok(), row.etag(), row.lastModified(), row.sha256(), row.bytes());
        });
        return new PreviousRun(byUrl, rows[0]);
    }

    private static void parse(String line, Map<String, Entry> byUrl) {
        String url = null;
        String etag = null;
        String lastModified = null;
        String sha256 = null;
        long bytes = 0;
        boolean ok = false;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "url" -> url = text(parser, value);
                    case "etag" -> etag = text(parser, value);
                    case "last_modified" -> lastModified = text(parser, value);
                    case "sha256" -> sha256 = text(parser, value);
                    case "bytes" -> bytes = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    case "ok" -> ok = value == JsonToken.VALUE_TRUE;
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return; // not a whole record: nothing to refresh from it
        }
        keep(byUrl, url, ok, etag, lastModified, sha256, bytes);
    }

    /** Records what {@code url} had when it can be refreshed, else forgets any earlier record of it. */
    private static void keep(Map<String, Entry> byUrl, String url, boolean ok, String etag, String lastModified,
                             String sha256, long bytes) {
        if (url != null && ok && sha256 != null && (etag != null || lastModified != null)) {
            byUrl.put(url, new Entry(etag, lastModified, sha256, bytes));
        } else if (url != null) {
            byUrl.remove(url);
        }
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
    }
}
