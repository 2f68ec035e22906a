package dev.salvo.cli;

import dev.salvo.FetchRequest;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.input.UrlLines;
import dev.salvo.cli.output.BodyStore;
import dev.salvo.cli.output.RecordFormat;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.cli.report.RunSnapshot;
import dev.salvo.cli.report.Terminal;
import dev.salvo.cli.resume.ResumableOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code salvo fetch}: reads URLs, fetches them, writes one JSON Lines record per URL. */
@Command(name = "fetch",
        mixinStandardHelpOptions = true,
        versionProvider = SalvoCommand.Version.class,
        defaultValueProvider = ConfigDefaults.class,
        sortOptions = false,
        description = {
                "Fetch every URL in INPUT and write one JSON Lines record per URL, in completion order "
                        + "(input order with --ordered). Input is read as it is needed, so any length works "
                        + "in constant memory.",
                "",
                "INPUT has one URL per line. Blank lines and lines starting with # are skipped. A line that "
                        + "is a JSON object gives its \"url\" and passes its \"id\" (a string or number) through "
                        + "to the record. A line that is not a usable URL still gets a record, with error type "
                        + "invalid_url.",
                "",
                "Progress and a summary go to standard error; standard output carries only records.",
                "",
                "Ctrl-C (or SIGTERM) stops sending, lets requests in flight finish for --grace, and writes no record for "
                        + "the URLs it cut short. Continue a stopped or crashed run with --resume: URLs that already "
                        + "have a complete record in --output FILE are skipped, the rest appended, a line torn by a "
                        + "crash cut off. Records are flushed at least every " + RecordWriter.FLUSH_EVERY
                        + " records or " + RecordWriter.FLUSH_INTERVAL_MILLIS + " ms; --sync forces each to the disk.",
                "",
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the run completed, whatever became of each URL",
                "1:with --fail-on-error, at least one URL failed",
                "2:usage error: bad option or value, unreadable input, unwritable output",
                "3:the run was cut short: output or input failed mid-run, or an internal error",
                "130:interrupted by SIGINT (Ctrl-C); the output can be continued with --resume",
                "143:interrupted by SIGTERM; the same",
        },
        footerHeading = "%nRecord format: one JSON object per line, fields in this order:%n",
        footer = {
                "  index         position among the input's URL lines, from 0",
                "  url           the URL as given",
                "  id            the input's id, as a string (only when given)",
                "  status        final HTTP status, or null when no response came",
                "  ok            true when the final response was 2xx",
                "  attempts      attempts sent, retries included (0 for an invalid URL)",
                "  elapsed_ms    from the first attempt to the result, backoff included",
                "  bytes         body bytes of the final response",
                "  sha256        hex SHA-256 of the final body, or null",
                "  content_type  the final Content-Type, or null",
                "  final_url     the URL of the final response (after redirects), or null",
                "  error         null, or {\"type\": T, \"message\": \"...\"}, T one of: invalid_url,",
                "                dns, connect, tls, timeout, reset, protocol, http, too_large,",
                "                redirects, circuit_open, cancelled",
                "  body_file     with --save-bodies: the file holding the body",
                "  body          with --include-body: the body as UTF-8 text",
                "",
                "Values:",
                "  DURATION  500ms, 10s, 1.5s, 5m, 2h",
                "  SIZE      bytes, or 64KiB, 10MiB, 1GiB (1024-based), 64KB, 10MB, 1GB (1000)",
                "  RATE      per second (20, 0.5), or 20/s, 100/m, 3600/h; 0 for no limit",
                "",
                "Examples:",
                "  salvo fetch urls.txt > results.jsonl",
                "  cat urls.txt | salvo fetch -c 200 --per-host 4 -o results.jsonl",
                "  salvo fetch --rate 10/s --timeout 5s -H 'Authorization: Bearer T' urls.txt",
                "  salvo fetch --save-bodies pages/ --ordered urls.jsonl > index.jsonl",
                "  salvo fetch -o results.jsonl --resume urls.txt    # after Ctrl-C or a crash",
                "  salvo fetch urls.txt | jq -c 'select(.ok | not)'    # only the failures",
                "",
        })
final class FetchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engine;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "File of URLs, one per line; '-' or none reads standard input.")
    private String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write records to FILE instead of standard output.")
    private Path output;

    @Option(names = "--ordered",
            description = "Write records in input order (a bounded reorder buffer holds early results).")
    private boolean ordered;

    @Option(names = "--include-body",
            description = "Add each final body to its record as UTF-8 text (\"body\").")
    private boolean includeBody;

    @Option(names = "--save-bodies", paramLabel = "DIR",
            description = "Save each final body to DIR as <index>.body, or <index>-<id>.body when the URL has an id"
                    + " (unsafe characters of the id become _), and name it in the record (\"body_file\").")
    private Path saveBodies;

    @Option(names = "--progress", negatable = true,
            description = "Show a live progress line on standard error. Default: on when standard error is a terminal.")
    private Boolean progress;

    @Option(names = "--fail-on-error",
            description = "Exit with status 1 when any URL failed (did not end with a 2xx response).")
    private boolean failOnError;

    @Mixin
    private ResumeOptions resume;

    @Mixin
    private ReportOptions reporting;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SalvoConfig config = config();
        if (config.insecure()) {
            err.println("salvo fetch: warning: --insecure: TLS certificates and host names are not verified");
        }
        resume.check(output);
        BufferedReader reader = openInput();
        BodyStore bodies = openBodyStore();
        ResumableOutput file = output == null ? null : resume.open(output, input == null ? "-" : input, inputFile(), err);
        RecordWriter writer = file == null
                ? new RecordWriter(new FileOutputStream(FileDescriptor.out), new RecordFormat(includeBody), bodies, false)
                : new RecordWriter(Channels.newOutputStream(file.channel()), new RecordFormat(includeBody), bodies, true,
                        resume.sync() ? file.channel() : null);
        boolean showProgress = progress != null ? progress : Terminal.stderrIsTerminal();
        Iterator<FetchRequest> requests = new UrlLines(reader);
        if (file != null && file.finished().count() > 0) {
            requests = file.finished().skipping(requests);
        }
        FetchSession session = new FetchSession(config, showProgress, err)
                .interruptible(resume.grace())
                .report(reporting.report)
                .metricsPort(reporting.metricsPort);
        if (showProgress) {
            session.progressTotal(ReportOptions.countInBackground(inputFile()),
                    file == null ? 0 : file.finished().count());
        }
        RunSnapshot result;
        try (reader) {
            result = session.run(requests, writer);
        } catch (IOException e) {
            result = null; // closing the input cannot fail in a way that matters after the run
        }
        if (session.interruptedStatus() != 0) {
            return session.interruptedStatus();
        }
        return failOnError && result != null && result.failed() > 0 ? ExitCodes.URL_FAILED : ExitCodes.OK;
    }

    /** The input as a regular file, or null for standard input and pipes (which cannot be fingerprinted). */
    private Path inputFile() {
        if (input == null || input.equals("-")) {
            return null;
        }
        Path path = Path.of(input);
        return Files.isRegularFile(path) ? path : null;
    }

    /** The configuration the options describe; package-private for tests. */
    SalvoConfig config() {
        SalvoConfig config;
        try {
            config = engine.toBuilder()
                    .ordered(ordered)
                    .keepBodies(includeBody || saveBodies != null)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(optionNamed(e.getMessage()));
        }
        requireReadable("--cacert", config.tls().caCert());
        requireReadable("--cert", config.tls().clientCert());
        requireReadable("--key", config.tls().clientKey());
        return config;
    }

    private static void requireReadable(String option, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new UsageException("cannot read " + option + " " + file + ": no such file, or not readable");
        }
    }

    private BufferedReader openInput() {
        InputStream in;
        if (input == null || input.equals("-")) {
            in = System.in;
        } else {
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read input " + input + ": it is a directory");
            }
            try {
                in = Files.newInputStream(path);
            } catch (IOException e) {
                throw new UsageException("cannot read input " + input + ": " + describe(e));
            }
        }
        // A decoder that replaces bad bytes: a stray byte must not end a run of millions of lines.
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private BodyStore openBodyStore() {
        if (saveBodies == null) {
            return null;
        }
        try {
            return new BodyStore(saveBodies);
        } catch (IOException e) {
            throw new UsageException("cannot save bodies in " + saveBodies + ": " + describe(e));
        }
    }

    /**
     * The engine names its settings as in {@code SalvoConfig} ("perHost must be > 0"); a person
     * typed an option ("--per-host must be > 0").
     */
    static String optionNamed(String message) {
        int space = message.indexOf(' ');
        if (space <= 0 || !message.substring(0, space).chars().allMatch(Character::isLetterOrDigit)) {
            return message;
        }
        String option = "--" + message.substring(0, space).replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
        return ConfigDefaults.forOption(option) == null ? message : option + message.substring(space);
    }

    /** A short reason for an I/O failure; the JDK's messages are often just the path. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e.getMessage();
    }
}
