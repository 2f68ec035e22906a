package dev.salvo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The independent WARC reader for tests: warcio.js (Webrecorder's reader, sharing no code with
 * jwarc) run by node through {@code warc-check.cjs}, which parses every record and recomputes its
 * digests. Tests that need it are skipped, with the reason, when node or the npm {@code warcio}
 * package is missing ({@code npm install -g warcio}; {@code .ci/run} installs it).
 */
final class WarcReader {

    private static final JsonFactory JSON = new JsonFactory();

    private WarcReader() {
    }

    /** Skips the calling test unless node can load warcio. */
    static String requireWarcio() throws Exception {
        String root;
        try {
            Process npm = new ProcessBuilder("npm", "root", "-g").start();
            root = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            npm.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            root = "";
        }
        boolean present = false;
        try {
            ProcessBuilder probe = new ProcessBuilder("node", "-e", "require('warcio')").redirectErrorStream(true);
            probe.environment().put("NODE_PATH", root);
            Process p = probe.start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, "node with the npm package warcio is needed to check WARC output independently"
                + " (npm install -g warcio); skipped");
        return root;
    }

    /** Every record of {@code files}, in order, as warcio reads them. */
    static List<Map<String, Object>> records(String nodePath, List<Path> files) throws Exception {
        Path script = Path.of(WarcReader.class.getResource("/warc-check.cjs").toURI());
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NODE_PATH", nodePath);
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new AssertionError("warcio could not read " + files + " (status " + node.exitValue() + ")");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                records.add(flat(line));
            }
        }
        return records;
    }

    /** A flat JSON object's fields (strings, numbers, booleans, nulls). */
    static Map<String, Object> flat(String line) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_NULL -> fields.put(name, null);
                    case VALUE_TRUE, VALUE_FALSE -> fields.put(name, parser.getBooleanValue());
                    case VALUE_NUMBER_INT -> fields.put(name, parser.getLongValue());
                    case START_OBJECT, START_ARRAY -> {
                        parser.skipChildren();
                        fields.put(name, "{...}");
                    }
                    default -> fields.put(name, parser.getText());
                }
            }
        }
        return fields;
    }
}
