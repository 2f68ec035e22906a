package dev.salvo.cli.report;

import java.util.List;

/**
 * What the report says about how a run was started: the command line, every setting in effect
 * and where it came from, the input, and (for a resumed run) what the whole output holds.
 * Immutable.
 *
 * @param commandLine the command as typed
 * @param settings    the options in effect, in the help's order
 * @param input       the input as a person would name it
 * @param before      URLs finished by earlier runs of a resumed output (0 for a fresh run)
 */
public record RunContext(String commandLine, List<Setting> settings, String input, long before) {

    /** An option in effect: its long name, its value as typed, and where it came from. */
    public record Setting(String option, String value, String source) { }

    /** A context for a run started from code or a test: nothing known about its command line. */
    public static RunContext unknown() {
        return new RunContext(null, List.of(), null, 0);
    }
}
