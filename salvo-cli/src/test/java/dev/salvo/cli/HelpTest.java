package dev.salvo.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The help reads well in an 80-column terminal, and the manual page says the same. */
class HelpTest {

    private static final int WIDTH = 80;

    private static String help(String... command) {
        return help(WIDTH, command);
    }

    private static String help(int width, String... command) {
        CommandLine cmd = Main.commandLine();
        cmd.setUsageHelpWidth(width);
        cmd.setUsageHelpAutoWidth(false);
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--help");
        assertEquals(0, cmd.execute(args.toArray(String[]::new)));
        return out.toString();
    }

    /**
     * Every line fits in 80 columns and every word on it is a whole word of the help's sources: a
     * word broken across two lines ("Salvo/0.1.0" and "-SNAPSHOT") would leave pieces that are not.
     */
    @Test
    void helpFitsEightyColumnsWithoutSplittingWords() {
        for (String name : List.of("", "fetch", "demo")) {
            String[] command = name.isEmpty() ? new String[0] : new String[] {name};
            Set<String> words = wideWords(command);
            String text = help(command);
            List<String> faults = new ArrayList<>();
            for (String line : text.lines().toList()) {
                if (line.length() > WIDTH) {
                    faults.add("longer than " + WIDTH + ": '" + line + "'");
                }
                for (String word : line.strip().split("\\s+")) {
                    for (String piece : pieces(word)) {
                        if (!words.contains(piece)) {
                            faults.add("'" + piece + "' is not a whole word (split across lines?) in: '" + line + "'");
                        }
                    }
                }
            }
            assertEquals(List.of(), faults, "salvo " + name + " --help");
        }
    }

    @Test
    void helpSaysRedirectsAreFollowedAndNamesShortFlags() {
        String help = help("fetch").replaceAll("\\s+", " ");
        for (String expected : List.of("as curl -L does", "-A, --user-agent", "-k, --insecure", "-s, --quiet",
                "-v, --verbose", "--url=URL", "--config=FILE", "SALVO_USER_AGENT", "--overwrite")) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + help);
        }
    }

    @Test
    void helpDescribesTheTlsOptionsTheProtocolChoiceAndTheIdleConnectionCap() {
        String help = help("fetch").replaceAll("\\s+", " ");
        for (String expected : List.of(
                "--cacert=FILE Also trust the CA certificates in this PEM file",
                "--cacert-only Trust only the certificates of --cacert, not the system's CAs",
                "--cert=FILE Client certificate", "--key=FILE Private key of --cert",
                "--tls-min=VERSION Lowest TLS version offered: 1.2 or 1.3",
                "-k, --insecure Do not verify TLS certificates or host names",
                "--http2 Speak HTTP/2 over cleartext http without upgrade (prior knowledge)",
                "offers HTTP/2 and HTTP/1.1 by ALPN",
                "--max-idle-connections=N Most idle keep-alive connections kept open over all hosts;"
                        + " beyond it the least recently used is closed")) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + help);
        }
    }

    @Test
    void helpCommandAndManualPageComeFromTheSameHelp() {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("help", "fetch"));
        assertTrue(out.toString().startsWith("Usage: salvo fetch"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, cmd.execute("man", "fetch"));
        String page = out.toString();
        assertTrue(page.startsWith(".TH SALVO-FETCH 1 "), page);
        for (String expected : List.of(".SH SYNOPSIS", ".SH OPTIONS", "\\fB\\-\\-timeout\\fR=\\fIDURATION\\fR",
                "Default: 30s.", ".SH EXIT STATUS", "\\fB130\\fR")) {
            assertTrue(page.contains(expected), expected + " missing from:\n" + page);
        }
    }

    @Test
    void completionScriptCoversTheOptions() {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("generate-completion"));
        String script = out.toString();
        assertTrue(script.contains("complete -F") && script.contains("--per-host") && script.contains("demo"),
                script.substring(0, Math.min(500, script.length())));
    }

    /** The words of the help laid out so wide that nothing wraps, each taken apart as {@link #pieces} does. */
    private static Set<String> wideWords(String... command) {
        Set<String> words = new HashSet<>();
        for (String word : help(10_000, command).split("\\s+")) {
            words.addAll(pieces(word));
        }
        return words;
    }

    /** A word without the brackets, commas and '=' that the help's layout puts around names. */
    private static List<String> pieces(String word) {
        List<String> pieces = new ArrayList<>();
        for (String piece : word.split("[=,\\[\\]]+")) {
            String trimmed = piece.replaceAll("^[(\"'.]+|[)\"'.:;]+$", "").replace("...", "");
            if (!trimmed.isEmpty() && !trimmed.equals("-")) {
                pieces.add(trimmed);
            }
        }
        return pieces;
    }
}
