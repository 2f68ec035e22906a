package dev.salvo.cli;

import dev.salvo.Salvo;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code salvo}: the top-level command; it only holds the subcommands. */
@Command(name = "salvo",
        mixinStandardHelpOptions = true,
        versionProvider = SalvoCommand.Version.class,
        subcommands = {FetchCommand.class, DemoCommand.class, HelpCommand.class, ManCommand.class,
                AutoComplete.GenerateCompletion.class},
        description = {
                "Fetch huge lists of URLs concurrently, politely, and without losing a result.",
                "",
                "Every URL gets exactly one JSON Lines record: its status, timing, size, SHA-256 and error, "
                        + "if any. Salvo caps concurrency globally and per host, can rate-limit, retries transient "
                        + "failures with backoff, honours Retry-After and stops hammering a failing host with a "
                        + "circuit breaker.",
                "",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  salvo demo                                 # see it work, no network needed",
                "  salvo fetch urls.txt > results.jsonl",
                "  salvo fetch --rate 50/s --per-host 4 -o results.jsonl urls.txt",
                "  salvo fetch --url https://example.com/",
                "  source <(salvo generate-completion)         # Tab completion in bash or zsh",
                "  salvo man fetch > salvo-fetch.1 && man ./salvo-fetch.1",
                "",
                "Run 'salvo help fetch' for the options and the record format.",
                "",
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the run completed, whatever became of each URL",
                "1:with --fail-on-error, at least one URL failed",
                "2:usage error: bad option or value, unreadable input, unwritable output",
                "3:the run was cut short by an I/O or internal error",
        })
final class SalvoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'salvo fetch' or 'salvo demo'");
    }

    /** Reports the version of the core library, which the command line is built with. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"salvo " + Salvo.version(), "network: " + Salvo.networkStack()};
        }
    }
}
