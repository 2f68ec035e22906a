package dev.salvo.cli.resume;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The sidecar {@code FILE.salvo-resume} next to an output {@code FILE}: which input the output was
 * made from, so that {@code --resume} can refuse a different one. A few lines of
 * {@code key=value} text, replaced atomically (written aside, then renamed). Immutable.
 *
 * @param input       the input as given on the command line ({@code -} for standard input)
 * @param fingerprint the input's fingerprint, or null for standard input
 */
public record ResumeRecord(String input, InputFingerprint fingerprint) {

    static final String SUFFIX = ".salvo-resume";

    /** The sidecar's path for {@code output}. */
    public static Path pathFor(Path output) {
        return output.resolveSibling(output.getFileName() + SUFFIX);
    }

    /** Reads the sidecar of {@code output}; null when there is none. */
    public static ResumeRecord read(Path output) throws IOException {
        Path path = pathFor(output);
        if (!Files.exists(path)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String size = p.getProperty("input_size");
        String sha = p.getProperty("input_head_sha256");
        InputFingerprint fingerprint = null;
        if (size != null && sha != null) {
            try {
                fingerprint = new InputFingerprint(Long.parseLong(size), sha);
            } catch (NumberFormatException e) {
                fingerprint = null;
            }
        }
        return new ResumeRecord(p.getProperty("input", "?"), fingerprint);
    }

    /** Writes this as the sidecar of {@code output}, replacing any. */
    public void write(Path output) throws IOException {
        Path path = pathFor(output);
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write("# salvo fetch: the input that " + output.getFileName() + " was made from; read by --resume\n");
            out.write("input=" + escape(input) + "\n");
            if (fingerprint != null) {
                out.write("input_size=" + fingerprint.size() + "\n");
                out.write("input_head_sha256=" + fingerprint.headSha256() + "\n");
            }
        }
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') {
                out.append('\\');
            }
            if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
