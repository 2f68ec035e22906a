package dev.salvo.cli.output;

import dev.salvo.FetchResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Saves each body to its own file in one directory, named by one of two {@link Naming}s:
 * <ul>
 *   <li>{@link Naming#INDEX}: {@code <index>.body}, or {@code <index>-<id>.body} when the request
 *       has an id;</li>
 *   <li>{@link Naming#URL}: {@code <index>-<host>_<path>.<ext>}, after the URL (the final one,
 *       after redirects), with the extension of the response's content type
 *       ({@code 7-example.com_docs_intro.html}).</li>
 * </ul>
 * Names are safe: every character other than letters, digits, {@code .}, {@code _} and {@code -}
 * becomes {@code _}, no name starts with a dot, and the part after the index is cut to
 * {@value #MAX_PART_CHARS} characters. The index keeps names unique even when ids or URLs repeat
 * or clash once made safe.
 *
 * <p>Thread-safe (stateless apart from the directory).
 */
public final class BodyStore {

    /** How a saved body's file is named. */
    public enum Naming { INDEX, URL }

    private static final int MAX_PART_CHARS = 80;

    /** Extensions of the content types people save most; anything else is {@code .body}. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("text/html", "html"), Map.entry("application/xhtml+xml", "html"),
            Map.entry("text/plain", "txt"), Map.entry("text/css", "css"), Map.entry("text/csv", "csv"),
            Map.entry("text/javascript", "js"), Map.entry("application/javascript", "js"),
            Map.entry("application/json", "json"), Map.entry("application/ld+json", "json"),
            Map.entry("application/xml", "xml"), Map.entry("text/xml", "xml"),
            Map.entry("application/rss+xml", "xml"), Map.entry("application/atom+xml", "xml"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/zip", "zip"),
            Map.entry("application/gzip", "gz"), Map.entry("image/png", "png"), Map.entry("image/jpeg", "jpg"),
            Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"), Map.entry("image/svg+xml", "svg"),
            Map.entry("image/x-icon", "ico"), Map.entry("image/vnd.microsoft.icon", "ico"));

    private final Path dir;
    private final Naming naming;

    /** Names files by index; creates {@code dir} if needed. */
    public BodyStore(Path dir) throws IOException {
        this(dir, Naming.INDEX);
    }

    /** Creates {@code dir} if needed; throws {@link IOException} when it cannot be made. */
    public BodyStore(Path dir, Naming naming) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.naming = naming;
        if (!Files.isWritable(this.dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    /** Writes the body of {@code result}, if it has one, and returns the file's path; else null. */
    public String save(FetchResult result) {
        if (result.body() == null) {
            return null;
        }
        String name = naming == Naming.URL
                ? urlFileName(result.index(), result.finalUrl() != null ? result.finalUrl() : result.url(),
                        result.contentType())
                : fileName(result.index(), result.id());
        Path file = dir.resolve(name);
        try {
            Files.write(file, result.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save body to " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }

    /** The file name for a record, by index and id. */
    static String fileName(long index, String id) {
        if (id == null || id.isEmpty()) {
            return index + ".body";
        }
        return index + "-" + safe(id) + ".body";
    }

    /** The file name for a record, after its URL's host and path and its content type. */
    static String urlFileName(long index, String url, String contentType) {
        String host;
        String path;
        try {
            URI uri = URI.create(url);
            host = uri.getHost() == null ? "" : uri.getHost();
            path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        } catch (IllegalArgumentException e) {
            host = "";
            path = url;
        }
        String extension = extension(contentType);
        // The path's own extension is dropped when the content type names one, so that
        // /report.php served as HTML becomes report.html, and /a.html stays a.html.
        if (extension != null) {
            path = path.replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        }
        String part = safe((host + path).replace('/', '_'));
        return index + "-" + part + "." + (extension != null ? extension : "body");
    }

    /** The usual extension of a content type ("text/html; charset=utf-8" gives "html"), or null. */
    static String extension(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return EXTENSIONS.get(type);
    }

    private static String safe(String text) {
        StringBuilder name = new StringBuilder();
        int end = Math.min(text.length(), MAX_PART_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            name.append(safe ? c : '_');
        }
        return name.toString();
    }
}
