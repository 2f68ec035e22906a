package dev.salvo.cli.report;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, so a live progress line makes sense there. Thread-safe. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * True when standard error is a terminal. On Linux this reads {@code /proc/self/fd/2}, which
     * is exact; elsewhere it falls back to {@link System#console()} (and, from Java 22, where a
     * console exists even when redirected, to {@code Console.isTerminal()}).
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            // Not Linux, or no /proc: ask the JDK instead.
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
