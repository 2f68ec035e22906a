package dev.salvo.cli.report;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import sun.misc.Signal;

/**
 * What the standard streams are connected to, so that a live progress line is drawn only where it
 * makes sense and fits. Thread-safe (stateless).
 */
public final class Terminal {

    /** The width assumed when it cannot be found out. */
    public static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    /** True when standard error is a terminal. */
    public static boolean stderrIsTerminal() {
        Boolean exact = isTerminal(2);
        return exact != null ? exact : consoleIsTerminal();
    }

    /** True when standard input is a terminal (a person would be typing URLs). */
    public static boolean stdinIsTerminal() {
        Boolean exact = isTerminal(0);
        return exact != null ? exact : consoleIsTerminal();
    }

    /**
     * True when a progress line on standard error gets in nobody's way: standard error is a
     * terminal, standard output is not that same terminal (records would mix into the line), and
     * standard input is not a terminal (the line would be redrawn over the URLs a person types).
     */
    public static boolean progressFits() {
        return stderrIsTerminal() && !stdoutSharesStderrTerminal() && !stdinIsTerminal();
    }

    /** True when standard output and standard error are the same terminal (records and progress would mix). */
    public static boolean stdoutSharesStderrTerminal() {
        String out = target(1);
        String err = target(2);
        if (out == null || err == null) {
            return System.console() != null; // not Linux: a console means both are the terminal
        }
        return out.equals(err) && Boolean.TRUE.equals(isTerminal(2));
    }

    /**
     * The width of the terminal on standard error in columns: {@code stty size} on the terminal,
     * else {@code $COLUMNS}, else {@value #DEFAULT_COLUMNS}. Starts a short process: call it at the
     * start of a run and when the window changed, not on every redraw.
     */
    public static int columns() {
        String tty = target(2);
        if (tty != null && isTerminal(2) == Boolean.TRUE) {
            try {
                Process stty = new ProcessBuilder("stty", "size")
                        .redirectInput(Path.of(tty).toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                String size = new String(stty.getInputStream().readAllBytes()).strip();
                if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                    int columns = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                    if (columns > 0) {
                        return columns;
                    }
                }
            } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
                // No stty: fall back to $COLUMNS.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns > 0 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }

    /**
     * The terminal's width, read now and again whenever the window changes size (SIGWINCH, where
     * the platform has it). The supplier is cheap: it reads a cached number.
     */
    public static IntSupplier watchColumns() {
        AtomicInteger width = new AtomicInteger(columns());
        try {
            Signal.handle(new Signal("WINCH"), signal -> width.set(columns()));
        } catch (IllegalArgumentException e) {
            // No SIGWINCH here: the width read at the start stays.
        }
        return width::get;
    }

    /** Where file descriptor {@code fd} points on Linux, or null when that cannot be read. */
    private static String target(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (Exception e) {
            return null; // not Linux, or no /proc
        }
    }

    /** Exact on Linux (reads {@code /proc/self/fd}); null when unknown. */
    private static Boolean isTerminal(int fd) {
        String target = target(fd);
        return target == null ? null : target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }

    /** {@link System#console()}, and from Java 22 (where a console exists even when redirected) {@code Console.isTerminal()}. */
    private static boolean consoleIsTerminal() {
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
