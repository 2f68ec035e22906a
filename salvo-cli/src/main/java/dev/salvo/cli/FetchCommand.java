package dev.salvo.cli;

import dev.salvo.FetchRequest;
import dev.salvo.FinishedIndexes;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.convert.DurationConverter;
import dev.salvo.cli.input.UrlLines;
import dev.salvo.cli.output.BodyStore;
import dev.salvo.cli.output.RecordFormat;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.refresh.Refresh;
import dev.salvo.cli.report.RunContext;
import dev.salvo.cli.report.RunSnapshot;
import dev.salvo.cli.report.Terminal;
import dev.salvo.cli.resume.ResumableOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
                        + "to the record; it may also give that request's \"method\", \"headers\" (an object, "
                        + "replacing -H headers of the same name), \"body\" (text) or \"body_base64\", and "
                        + "\"params\" (an object, form-encoded into the URL's query). A line that is not a usable "
                        + "URL still gets a record, with error type invalid_url; a JSON line with an unknown field, "
                        + "or a field of the wrong kind, gets one with error type invalid_input, and is not sent.",
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
                "  dns_ms, connect_ms, tls_ms, ttfb_ms, remote_ip",
                "                with --timings: where the final response's time went",
                "  bytes         body bytes of the final response (decoded with --compressed)",
                "  wire_bytes    with --compressed: body bytes as they came over the network",
                "  sha256        hex SHA-256 of the final body, or null",
                "  content_type  the final Content-Type, or null",
                "  final_url     the URL of the final response (after redirects), or null",
                "  redirects     when a redirect was followed: [{\"url\": U, \"status\": S}, ...],",
                "                each URL that answered with a redirect, in order",
                "  error         null, or {\"type\": T, \"message\": \"...\"}, T one of: invalid_url,",
                "                invalid_input, dns, blocked, connect, tls, timeout, reset, protocol,",
                "                http, too_large, redirects, robots, circuit_open, cancelled",
                "  headers       with --include-headers: the final response's headers",
                "  body_file     with --save-bodies: the file holding the body",
                "  etag          the final response's ETag (only when it had one)",
                "  last_modified the final response's Last-Modified (only when it had one)",
                "  unchanged     true for a 304 to a --since refresh (only then)",
                "  warc_file     with --warc: the WARC file holding the final response",
                "  warc_offset   with --warc: that response record's offset in it",
                "  body          with --include-body: the body as text in its charset, or",
                "                base64 with --body-encoding base64",
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
                "  salvo fetch --format parquet -o results/ urls.txt   # typed columns, for DuckDB or Spark",
                "  salvo fetch --since yesterday.jsonl -o today.jsonl urls.txt   # only what changed is downloaded",
                "  salvo fetch urls.txt | jq -c 'select(.ok | not)'    # only the failures",
                "  salvo fetch --json '{\"q\": 1}' -H 'Authorization: Bearer T' urls.txt",
                "  salvo fetch --base https://example.com/docs/ paths.txt  # lines like a/b?x=1",
                "",
        })
final class FetchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engine;

    @Mixin
    private RequestOptions requestOptions;

    @Mixin
    private RecordOptions recordOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "File of URLs, one per line; '-' or none reads standard input.")
    private String input;

    @Option(names = "--url", paramLabel = "URL", split = "\\R", hideParamSyntax = true,
            description = "Fetch URL (repeat for more) instead of reading INPUT.")
    private List<String> urls;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read options from FILE, one per line as on the command line (--user-agent probe/1)."
                    + " Default: $SALVO_CONFIG. Any option can also be set in the environment as SALVO_ and its"
                    + " long name in capitals with _ for - (SALVO_USER_AGENT). The command line wins over the"
                    + " environment, which wins over the file.")
    private Path configFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write records to FILE instead of standard output ('-' is standard output). An existing"
                    + " FILE that holds anything is refused: continue it with --resume or replace it with --overwrite.")
    private Path output;

    @Option(names = "--ordered",
            description = "Write records in input order (a bounded reorder buffer holds early results).")
    private boolean ordered;

    @Option(names = "--include-body",
            description = "Add each final body to its record (\"body\"): text in the charset its Content-Type names"
                    + " (UTF-8 when none), or base64 with --body-encoding base64.")
    private boolean includeBody;

    @Option(names = "--save-bodies", paramLabel = "DIR",
            description = "Save each final body to DIR as <index>.body, or <index>-<id>.body when the URL has an id"
                    + " (unsafe characters of the id become _), and name it in the record (\"body_file\").")
    private Path saveBodies;

    @Option(names = "--body-names", paramLabel = "index|url", defaultValue = "index",
            converter = BodyNamesConverter.class,
            description = {"How --save-bodies names files: index names them by the URL's position and id,"
                    + " url by that position, the host and path of the final URL and the extension of the content"
                    + " type. For the 8th URL, with id ID:",
                    "  index: 7.body or 7-ID.body",
                    "  url:   7-example.com_docs_intro.html",
                    "Default: ${DEFAULT-VALUE}."})
    private BodyStore.Naming bodyNames;

    @Option(names = "--fail-on-error",
            description = "Exit with status 1 when any URL failed (did not end with a 2xx response).")
    private boolean failOnError;

    @Mixin
    private TerminalOptions terminal;

    @Mixin
    private OutputOptions outputs;

    @Mixin
    private ResumeOptions resume;

    @Mixin
    private ReportOptions reporting;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SalvoConfig config = config();
        Path out = outputFile();
        // Everything that can be checked is checked before anything is opened, created or emptied.
        if (urls != null && input != null) {
            throw new UsageException("give URLs either with --url or in INPUT (" + input + "), not both");
        }
        if (saveBodies == null && !spec.findOption("--body-names").originalStringValues().isEmpty()) {
            throw new UsageException("--body-names names the files of --save-bodies DIR, which is not given");
        }
        OutputChecks.notTheInput(out, inputFile(), readsStandardInput());
        resume.check(out);
        outputs.check(out);
        reporting.check();
        terminal.check();
        if (config.insecure()) {
            err.println("salvo fetch: warning: --insecure: TLS certificates and host names are not verified");
        }
        BufferedReader reader = openInput(err);
        BodyStore bodies = openBodyStore();
        Refresh refresh = outputs.openSince(err);
        ResumableOutput file = out == null || outputs.parquet() ? null : resume.open(out, inputName(), inputFile(), err);
        OutputOptions.Opened opened = outputs.withWarc(OutputOptions.withRefresh(openOutput(file, out, bodies, err),
                refresh), resume.resuming(), resume.sync(), err);
        ResultSink writer = opened.sink();
        FinishedIndexes finished = opened.finished();
        boolean showProgress = terminal.showProgress();
        Iterator<FetchRequest> requests = new UrlLines(reader, requestOptions.parser());
        if (finished.count() > 0) {
            requests = finished.skipping(requests);
        }
        if (refresh != null) {
            requests = refresh.conditional(requests);
        }
        FetchSession session = new FetchSession(config, showProgress, err)
                .quiet(terminal.quiet)
                .verbose(terminal.verbose)
                .interruptible(resume.grace())
                .report(reporting.report)
                .reportContext(runContext(finished.count()),
                        file != null && file.scan() != null ? out : null)
                .metricsPort(reporting.metricsPort);
        if (showProgress) {
            session.progressTotal(ReportOptions.countInBackground(inputFile()), finished.count());
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

    /** {@code index} or {@code url}, in any case. */
    static final class BodyNamesConverter implements CommandLine.ITypeConverter<BodyStore.Naming> {
        @Override
        public BodyStore.Naming convert(String value) {
            try {
                return BodyStore.Naming.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not index or url");
            }
        }
    }

    /** The command line, the settings in effect and the input, for the report. */
    private RunContext runContext(long before) {
        List<RunContext.Setting> settings = new ArrayList<>();
        ConfigDefaults defaults = spec.defaultValueProvider() instanceof ConfigDefaults d ? d : null;
        for (OptionSpec option : spec.options()) {
            Object value = option.getValue();
            if (option.usageHelp() || option.versionHelp() || value == null || Boolean.FALSE.equals(value)
                    || (value instanceof List<?> list && list.isEmpty())) {
                continue;
            }
            String source = !option.originalStringValues().isEmpty() ? "command line"
                    : defaults != null ? defaults.sourceOf(option) : "default";
            settings.add(new RunContext.Setting(option.longestName(), shown(value), source));
        }
        // The top command's parse result: its arguments start with "fetch".
        List<String> words = new ArrayList<>(List.of("salvo"));
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            String shown = hidden(arg);
            words.add(shown.matches("[A-Za-z0-9_@%+=:,./-]+") ? shown : "'" + shown.replace("'", "'\\''") + "'");
        }
        return new RunContext(String.join(" ", words), settings, inputName().equals("-") ? "standard input"
                : urls != null ? String.join(" ", urls) : input, before);
    }

    /** A value as the options accept it: 30s, not PT30S; 10MiB, not 10485760. */
    private static String shown(Object value) {
        return switch (value) {
            case Duration d -> d.isZero() ? "0s" : DurationConverter.format(d);
            case List<?> list -> String.join(", ", list.stream().map(FetchCommand::shown).toList());
            case SalvoConfig.Header h -> hidden(h.name() + ": " + h.value());
            default -> String.valueOf(value);
        };
    }

    /** A header's secret value hidden, so a report can be shared: "Authorization: (hidden)". */
    static String hidden(String text) {
        return text.replaceAll("(?i)^((?:-H=?|--header=)?\\s*(?:authorization|proxy-authorization|cookie)\\s*:).*$",
                "$1 (hidden)");
    }

    /**
     * Where records go: standard output, the JSON Lines {@code file} (already opened, fresh or
     * resumed), or a directory of Parquet parts at {@code out}.
     */
    private OutputOptions.Opened openOutput(ResumableOutput file, Path out, BodyStore bodies, PrintWriter err) {
        if (outputs.parquet()) {
            return outputs.openParquet(out, inputName(), inputFile(), resume.resuming(), resume.forced(), includeBody,
                    bodies, err);
        }
        RecordWriter writer = file == null
                ? new RecordWriter(new FileOutputStream(FileDescriptor.out), new RecordFormat(recordFields()), bodies, false)
                : new RecordWriter(file.stream(), new RecordFormat(recordFields()), bodies, true,
                        resume.sync() ? fileDescriptor(file) : null);
        return new OutputOptions.Opened(writer, file == null ? new FinishedIndexes() : file.finished());
    }

    /** The output file, or null for standard output ({@code -o -} or no {@code -o}). */
    private Path outputFile() {
        return output == null || output.toString().equals("-") ? null : output;
    }

    private static FileDescriptor fileDescriptor(ResumableOutput file) {
        try {
            return file.stream().getFD();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write output: " + describe(e), e);
        }
    }

    private boolean readsStandardInput() {
        return urls == null && (input == null || input.equals("-"));
    }

    /** The input as a person would name it in a message. */
    private String inputName() {
        return urls != null ? "--url" : input == null ? "-" : input;
    }

    private RecordFormat.Fields recordFields() {
        return recordOptions.fields(includeBody, requestOptions.compressed);
    }

    /** The input as a regular file, or null for standard input, pipes and --url (which cannot be fingerprinted). */
    private Path inputFile() {
        if (urls != null || input == null || input.equals("-")) {
            return null;
        }
        Path path = Path.of(input);
        return Files.isRegularFile(path) ? path : null;
    }

    /** The configuration the options describe; package-private for tests. */
    SalvoConfig config() {
        SalvoConfig config;
        try {
            SalvoConfig.Builder builder = engine.toBuilder()
                    .ordered(ordered)
                    .keepBodies(includeBody || saveBodies != null)
                    .keepHeaders(recordOptions.includeHeaders)
                    .captureExchanges(outputs.warc != null);
            boolean methodGiven = spec.commandLine().getParseResult() != null
                    && spec.commandLine().getParseResult().hasMatchedOption("--method");
            requestOptions.applyTo(builder, engine.headers, methodGiven);
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(inUsersWords(optionNamed(e.getMessage())));
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

    private BufferedReader openInput(PrintWriter err) {
        if (urls != null) {
            return new BufferedReader(new StringReader(String.join("\n", urls)));
        }
        InputStream in;
        if (input == null || input.equals("-")) {
            in = System.in;
            if (!terminal.quiet && Terminal.stdinIsTerminal()) {
                err.println("salvo fetch: reading URLs from standard input; Ctrl-D to end");
                err.flush();
            }
        } else {
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read input " + input + ": it is a directory");
            }
            try {
                in = Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read input " + input + ": no such file or directory" + (looksLikeUrl(input)
                        ? "; to fetch one URL: salvo fetch --url URL, or echo URL | salvo fetch" : ""));
            } catch (IOException e) {
                throw new UsageException("cannot read input " + input + ": " + describe(e));
            }
        }
        // A decoder that replaces bad bytes: a stray byte must not end a run of millions of lines.
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static boolean looksLikeUrl(String text) {
        return text.matches("(?i)[a-z][a-z0-9+.-]*://\\S*") || text.toLowerCase(Locale.ROOT).startsWith("www.");
    }

    private BodyStore openBodyStore() {
        if (saveBodies == null) {
            return null;
        }
        if (Files.exists(saveBodies) && !Files.isDirectory(saveBodies)) {
            throw new UsageException("cannot save bodies in " + saveBodies + ": it is a file, not a directory");
        }
        try {
            return new BodyStore(saveBodies, bodyNames);
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

    /**
     * The engine says what it was given in its own units ("was PT0S", "was -1.0"); a person wants
     * to see what they typed ("was 0s", "was -1").
     */
    private String inUsersWords(String message) {
        int was = message.lastIndexOf(", was ");
        int space = message.indexOf(' ');
        if (was < 0 || space < 0 || spec == null) {
            return message;
        }
        OptionSpec option = spec.findOption(message.substring(0, space));
        if (option == null) {
            return message;
        }
        List<String> typed = option.originalStringValues();
        String value = option.getValue() instanceof Duration d ? (d.isZero() ? "0s" : DurationConverter.format(d))
                : !typed.isEmpty() ? typed.getLast()
                : spec.defaultValueProvider() == null ? null : defaultOf(option);
        return value == null ? message : message.substring(0, was) + ", was " + value;
    }

    private String defaultOf(OptionSpec option) {
        try {
            return spec.defaultValueProvider().defaultValue(option);
        } catch (Exception e) {
            return null;
        }
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
