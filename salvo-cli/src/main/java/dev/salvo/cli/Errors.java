package dev.salvo.cli;

import dev.salvo.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Turns every failure into one line on standard error and an exit status: a person sees what went
 * wrong and what to do, never a stack trace (set {@code SALVO_DEBUG=1} to get one for a bug
 * report). Thread-safe (stateless).
 */
final class Errors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Bad arguments: exit 2 with picocli's message and a pointer to the help. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + oneLine(e.getMessage()) + didYouMean(e) + " (see '" + name + " --help')");
        return ExitCodes.USAGE;
    }

    /** A failure while running: exit 2 for the user's mistakes, 3 for anything else. */
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        String name = cmd.getCommandSpec().qualifiedName();
        if (System.getenv("SALVO_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        if (e instanceof UsageException || e instanceof InvalidConfigException) {
            cmd.getErr().println(name + ": " + oneLine(e.getMessage()));
            return ExitCodes.USAGE;
        }
        if (e instanceof UncheckedIOException) {
            cmd.getErr().println(name + ": " + oneLine(e.getMessage()));
            return ExitCodes.ABORTED;
        }
        cmd.getErr().println(name + ": internal error: " + oneLine(String.valueOf(e))
                + " (run again with SALVO_DEBUG=1 for details)");
        return ExitCodes.ABORTED;
    }

    /** "; did you mean --timeout?" for a mistyped option or command, from picocli's suggestions. */
    private static String didYouMean(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)) {
            return "";
        }
        List<String> suggestions = unmatched.getSuggestions();
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> first = suggestions.subList(0, Math.min(3, suggestions.size()));
        return "; did you mean " + String.join(" or ", first) + "?";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
