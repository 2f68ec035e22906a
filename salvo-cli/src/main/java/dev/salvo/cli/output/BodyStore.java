package dev.salvo.cli.output;

import dev.salvo.FetchResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves each body to its own file in one directory: {@code <index>.body}, or
 * {@code <index>-<id>.body} when the request has an id, with every character of the id other than
 * letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _} and the id cut to 80
 * characters. The index keeps names unique even when ids repeat or clash once made safe.
 *
 * <p>Thread-safe (stateless apart from the directory).
 */
public final class BodyStore {

    private static final int MAX_ID_CHARS = 80;

    private final Path dir;

    /** Creates {@code dir} if needed; throws {@link IOException} when it cannot be made. */
    public BodyStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        if (!Files.isWritable(this.dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    /** Writes the body of {@code result}, if it has one, and returns the file's path; else null. */
    public String save(FetchResult result) {
        if (result.body() == null) {
            return null;
        }
        Path file = dir.resolve(fileName(result.index(), result.id()));
        try {
            Files.write(file, result.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save body to " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }

    /** The file name for a record. */
    static String fileName(long index, String id) {
        if (id == null || id.isEmpty()) {
            return index + ".body";
        }
        StringBuilder name = new StringBuilder().append(index).append('-');
        int end = Math.min(id.length(), MAX_ID_CHARS);
        for (int i = 0; i < end; i++) {
            char c = id.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            name.append(safe ? c : '_');
        }
        return name.append(".body").toString();
    }
}
