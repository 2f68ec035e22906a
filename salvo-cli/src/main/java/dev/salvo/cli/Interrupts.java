package dev.salvo.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT (Ctrl-C) and SIGTERM during a run: the first one calls {@code stopGently}, any later one
 * calls {@code stopNow}. Replaces the JVM's own handling (which would run shutdown hooks and exit
 * at once) until {@link #close}. A signal that was ignored when the JVM started (a command started
 * with {@code nohup}, or in the background of a script) stays ignored.
 *
 * <p>Handlers run on a thread the JVM starts for each signal. Thread-safe.
 */
final class Interrupts implements AutoCloseable {

    /** What to do on a signal; {@code exitStatus} is 130 for SIGINT, 143 for SIGTERM. */
    interface Action {
        void run(String signal, int exitStatus);
    }

    private final AtomicInteger received = new AtomicInteger();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile int exitStatus;

    private Interrupts() {
    }

    /** Installs handlers for SIGINT and SIGTERM (each where the platform has it). */
    static Interrupts install(Action stopGently, Action stopNow) {
        Interrupts interrupts = new Interrupts();
        interrupts.handle("INT", 130, stopGently, stopNow);
        interrupts.handle("TERM", 143, stopGently, stopNow);
        return interrupts;
    }

    private void handle(String name, int status, Action stopGently, Action stopNow) {
        try {
            Signal signal = new Signal(name);
            SignalHandler old = Signal.handle(signal, ignored -> {
                if (received.getAndIncrement() == 0) {
                    exitStatus = status;
                    stopGently.run("SIG" + name, status);
                } else {
                    stopNow.run("SIG" + name, exitStatus);
                }
            });
            signals.add(signal);
            previous.add(old);
        } catch (IllegalArgumentException e) {
            // No such signal here, or the JVM keeps it: the run is simply not interruptible by it.
        }
    }

    /** The exit status for the first signal received (130 or 143), or 0 when none came. */
    int exitStatus() {
        return exitStatus;
    }

    /** Gives the signals back to the JVM. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // Nothing to give back.
            }
        }
    }
}
