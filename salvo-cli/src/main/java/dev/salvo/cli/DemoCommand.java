package dev.salvo.cli;

import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.demo.DemoServer;
import dev.salvo.cli.demo.TlsDemoServer;
import dev.salvo.cli.input.UrlLines;
import dev.salvo.cli.output.RecordFormat;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.cli.report.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code salvo demo}: starts a misbehaving server on loopback, writes a URL list for it and runs
 * the same fetch path as {@code salvo fetch}, so a newcomer sees Salvo work without a network.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = SalvoCommand.Version.class,
        description = {
                "Start a small HTTP server on 127.0.0.1 and 127.0.0.2 and fetch a few thousand URLs from it, "
                        + "some of which fail on purpose: 404s, 503s that succeed on retry, pages slower than "
                        + "the timeout, redirects and lines that are not URLs. Needs no network.",
                "",
                "The input and the records are written to a new temporary directory, whose path is printed, "
                        + "followed by the usual summary and three sample records.",
                "",
        },
        footerHeading = "%nExample:%n",
        footer = {"  salvo demo --urls 20000 --progress", ""})
final class DemoCommand implements Callable<Integer> {

    private static final long SLOW_PAGE_MILLIS = 3_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--urls", paramLabel = "N", defaultValue = "3000",
            description = "How many URLs to fetch. Default: ${DEFAULT-VALUE}.")
    private int urls;

    @Option(names = "--https",
            description = "Also serve https on 127.0.0.1, with HTTP/2 offered on one port and HTTP/1.1 only on "
                    + "another, and spread the pages and 404s over them too. The certificate is a throwaway "
                    + "self-signed one made with the JDK's keytool, so these hosts are fetched without verification.")
    private boolean https;

    @Option(names = "--progress", negatable = true,
            description = "Show a live progress line. Default: on when standard error is a terminal.")
    private Boolean progress;

    @Override
    public Integer call() throws IOException {
        if (urls < 1) {
            throw new UsageException("--urls must be at least 1, was " + urls);
        }
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("salvo-demo-");
        Path input = dir.resolve("urls.txt");
        Path records = dir.resolve("results.jsonl");
        // A short timeout and backoff so that the failures play out in a few seconds; the timeout
        // still leaves room for a cold JVM's first requests.
        TlsDemoServer tlsServer = null;
        if (https) {
            try {
                tlsServer = TlsDemoServer.start(dir);
            } catch (IOException e) {
                err.println("salvo demo: no https hosts: " + e.getMessage());
            }
        }
        List<String> tlsBases = tlsServer == null ? List.of() : tlsServer.bases();
        // TLS handshakes by a cold JVM, with the demo's servers in the same process, need more
        // room; the slow pages (3 s) still time out.
        int timeoutSeconds = tlsBases.isEmpty() ? 1 : 2;
        SalvoConfig config = SalvoConfig.builder()
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .retries(2)
                .backoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(200))
                // The demo's own https hosts have a throwaway self-signed certificate.
                .insecure(!tlsBases.isEmpty())
                .build();
        // The https hosts first, so they are closed even when the plain server cannot start.
        try (TlsDemoServer tlsHosts = tlsServer; DemoServer server = DemoServer.start(SLOW_PAGE_MILLIS)) {
            List<String> allBases = new ArrayList<>(server.bases());
            if (tlsHosts != null) {
                allBases.addAll(tlsHosts.bases());
            }
            writeInput(input, server.bases(), allBases);
            err.println("salvo demo: fetching " + urls + " URLs from a test server at " + String.join(" and ",
                    allBases));
            if (!tlsBases.isEmpty()) {
                err.println("salvo demo: the https hosts' certificate is self-signed: fetched without verification");
                // Loads the TLS library now, before the run: otherwise the first https requests
                // wait for it (seconds on a loaded machine), past the demo's short timeout.
                Salvo.networkStack();
            }
            err.println("salvo demo: input   " + input);
            err.println("salvo demo: records " + records);
            err.println("salvo demo: settings --timeout " + timeoutSeconds
                    + "s --retries 2 --backoff 20ms --max-backoff 200ms");
            err.flush();
            boolean showProgress = progress != null ? progress : Terminal.stderrIsTerminal();
            try (BufferedReader reader = Files.newBufferedReader(input)) {
                RecordWriter writer = new RecordWriter(Files.newOutputStream(records), new RecordFormat(false), null,
                        true);
                new FetchSession(config, showProgress, err).run(new UrlLines(reader), writer);
            }
            if (urls < 10_000) {
                err.println("salvo demo: the wall time is mostly the slow pages' three " + timeoutSeconds
                        + " s timeouts; try --urls 30000 for a longer run");
                err.flush();
            }
        }
        printSamples(records, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /**
     * One URL per line, every tenth as a JSON object with an id, and a few that fail on purpose.
     * Pages and 404s go round {@code pageBases} (https ones included); the other cases need the
     * plain server's behaviour and go round {@code bases}.
     */
    private void writeInput(Path input, List<String> bases, List<String> pageBases) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            out.write("# salvo demo input: one URL per line; JSON lines carry an id; # lines are skipped\n\n");
            for (int i = 0; i < urls; i++) {
                String base = bases.get(i % bases.size());
                String url;
                if (i % 500 == 123) {
                    url = "not a url";
                } else if (i % 100 == 42) {
                    url = pageBases.get(i % pageBases.size()) + "/missing/" + i;
                } else if (i % 250 == 7) {
                    url = base + "/flaky/" + i;
                } else if (i % 200 == 77) {
                    url = base + "/moved/" + i;
                } else if (i == urls / 20 || i == urls / 10) {
                    url = base + "/slow/" + i;
                } else {
                    url = pageBases.get(i % pageBases.size()) + "/page/" + i;
                }
                if (i % 10 == 0) {
                    out.write("{\"url\": \"" + url + "\", \"id\": \"item-" + i + "\"}\n");
                } else {
                    out.write(url + "\n");
                }
            }
        }
    }

    private static void printSamples(Path records, PrintWriter out) throws IOException {
        List<Predicate<String>> wanted = List.of(
                line -> line.contains("\"ok\":true") && line.contains("\"id\":"),
                line -> line.contains("\"type\":\"http\""),
                line -> line.contains("\"type\":\"timeout\""));
        String[] samples = new String[wanted.size()];
        try (BufferedReader reader = Files.newBufferedReader(records)) {
            String line;
            while ((line = reader.readLine()) != null) {
                for (int i = 0; i < samples.length; i++) {
                    if (samples[i] == null && wanted.get(i).test(line)) {
                        samples[i] = line;
                    }
                }
            }
        }
        List<String> found = new ArrayList<>();
        for (String sample : samples) {
            if (sample != null) {
                found.add(sample);
            }
        }
        out.println("Sample records (an ok page with an id, a 404, a page slower than the timeout):");
        found.forEach(out::println);
        out.flush();
    }
}
