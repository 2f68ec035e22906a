package dev.salvo.cli;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code salvo} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Netty prefers SLF4J when it is on the class path (Parquet brings it); JDK logging, as
        // before, spares every run SLF4J's start-up.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
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
