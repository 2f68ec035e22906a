package dev.salvo.cli;

import picocli.CommandLine;

/** Entry point of the {@code salvo} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, wired with its error handlers; tests run it in-process. */
    public static CommandLine commandLine() {
        Errors errors = new Errors();
        return new CommandLine(new SalvoCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // "@FILE" is a value, as in curl's "--data @FILE", not one of picocli's argument files.
                .setExpandAtFiles(false);
    }
}
