package dev.salvo.cli;

import dev.salvo.SalvoConfig;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.cli.input.BaseUrl;
import dev.salvo.cli.input.LineParser;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every request carries besides the engine's settings, as a mixin: a body ({@code -d},
 * {@code --json}, curl's words and rules), {@code --compressed}, and a base URL for relative
 * input lines. It only maps
 * the command line onto the library: a body and base become each line's
 * {@link dev.salvo.FetchRequest} (through {@link LineParser}), the headers and method they imply
 * go into the {@link SalvoConfig}. Not thread-safe (used once, on the main thread).
 */
final class RequestOptions {

    @Option(names = {"-d", "--data"}, paramLabel = "TEXT",
            description = "Send TEXT as the body of every request (Content-Type: application/x-www-form-urlencoded"
                    + " unless -H gives one), as curl does: @FILE reads the body from FILE with its line breaks"
                    + " removed; repeated, the parts are joined with &. A body makes the method POST unless -X says"
                    + " otherwise.")
    List<String> data = new ArrayList<>();

    @Option(names = "--json", paramLabel = "TEXT",
            description = "Send TEXT (or @FILE, as is) as a JSON body of every request, with Content-Type and"
                    + " Accept: application/json unless -H gives them (as curl 7.82+); repeated, the parts are"
                    + " joined. Method POST unless -X says otherwise.")
    List<String> json = new ArrayList<>();

    @Option(names = "--compressed",
            description = "Ask for a compressed body (Accept-Encoding: gzip, deflate, br, zstd; br and zstd only"
                    + " where their decoders load) and decode it: bytes and sha256 then describe the decoded body,"
                    + " and wire_bytes what came over the network. --max-body bounds the decoded body (and the"
                    + " compressed one), so a decompression bomb ends with too_large. HTTP/1.1 and HTTP/2 alike.")
    boolean compressed;

    @Option(names = "--base", paramLabel = "URL",
            description = "Resolve input lines that are relative references (/a/b, page?x=1, ../c) against URL,"
                    + " as a browser resolves links (RFC 3986).")
    String base;

    private byte[] body;
    private boolean bodyRead;

    /** The body the options give, read once (files included), or null. */
    byte[] body() {
        if (!bodyRead) {
            bodyRead = true;
            body = readBody();
        }
        return body;
    }

    /** The parser that turns input lines into requests carrying this body and base. */
    LineParser parser() {
        BaseUrl baseUrl;
        try {
            baseUrl = base == null ? null : BaseUrl.parse(base);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--base: " + e.getMessage());
        }
        return new LineParser(baseUrl, body());
    }

    /**
     * Adds what the body implies to {@code config}: the method POST (unless {@code methodGiven})
     * and a Content-Type, and for JSON an Accept, unless {@code given} has them.
     */
    void applyTo(SalvoConfig.Builder config, List<Header> given, boolean methodGiven) {
        config.compressed(compressed);
        if (body() == null) {
            return;
        }
        if (!methodGiven) {
            config.method("POST");
        }
        boolean isJson = !json.isEmpty();
        if (!has(given, "Content-Type")) {
            config.header("Content-Type", isJson ? "application/json" : "application/x-www-form-urlencoded");
        }
        if (isJson && !has(given, "Accept")) {
            config.header("Accept", "application/json");
        }
    }

    private byte[] readBody() {
        if (!data.isEmpty() && !json.isEmpty()) {
            throw new UsageException("give --data or --json, not both");
        }
        if (!data.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String part : data) {
                // curl -d @FILE drops carriage returns and newlines, so a file's last newline is not sent.
                parts.add(part.startsWith("@") ? read("--data", part).replace("\r", "").replace("\n", "") : part);
            }
            return String.join("&", parts).getBytes(StandardCharsets.UTF_8);
        }
        if (!json.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            for (String part : json) {
                joined.append(part.startsWith("@") ? read("--json", part) : part);
            }
            return joined.toString().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String read(String option, String at) {
        String file = at.substring(1);
        if (file.equals("-")) {
            throw new UsageException(option + " @-: standard input carries the URLs; put the body in a file: "
                    + option + " @FILE");
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UsageException("cannot read " + option + " file " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + option + " file " + file + ": " + FetchCommand.describe(e));
        }
    }

    private static boolean has(List<Header> headers, String name) {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
    }
}
