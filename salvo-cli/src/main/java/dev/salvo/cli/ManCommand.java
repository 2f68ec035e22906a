package dev.salvo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code salvo man [COMMAND]}: a manual page in roff, made from the same help as {@code --help}
 * (descriptions, defaults, exit statuses, footer), so the two cannot disagree.
 */
@Command(name = "man",
        description = "Print the manual page of salvo or of one of its commands, in roff"
                + " (view it with: salvo man fetch | man -l -).")
final class ManCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "fetch or demo; none for salvo itself.")
    private String command;

    @Override
    public Integer call() {
        CommandLine top = spec.parent().commandLine();
        CommandLine target = top;
        if (command != null) {
            target = top.getSubcommands().get(command);
            if (target == null) {
                throw new ParameterException(spec.commandLine(), "no command '" + command + "': try fetch or demo");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(target.getCommandSpec()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The manual page of {@code command}. */
    static String render(CommandSpec command) {
        Help help = new Help(command, Help.defaultColorScheme(Help.Ansi.OFF));
        UsageMessageSpec usage = command.usageMessage();
        StringBuilder page = new StringBuilder();
        String title = command.qualifiedName("-").toUpperCase(Locale.ROOT);
        page.append(".TH ").append(title).append(" 1 ").append(LocalDate.now()).append(" \"")
                .append(new SalvoCommand.Version().getVersion()[0]).append("\" \"Salvo Manual\"\n");
        page.append(".SH NAME\n").append(escape(command.qualifiedName("-"))).append(" \\- ")
                .append(escape(firstSentence(usage.description()))).append('\n');
        page.append(".SH SYNOPSIS\n.nf\n").append(escape(help.synopsis(0).strip())).append("\n.fi\n");
        page.append(".SH DESCRIPTION\n");
        paragraphs(page, usage.description());
        if (!command.positionalParameters().isEmpty() || !command.options().isEmpty()) {
            page.append(".SH OPTIONS\n");
        }
        for (PositionalParamSpec positional : command.positionalParameters()) {
            page.append(".TP\n\\fI").append(escape(positional.paramLabel())).append("\\fR\n")
                    .append(escape(String.join(" ", positional.description()))).append('\n');
        }
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            page.append(".TP\n").append(names(option)).append('\n')
                    .append(escape(description(help, option))).append('\n');
        }
        if (!usage.exitCodeList().isEmpty()) {
            page.append(".SH EXIT STATUS\n");
            for (Map.Entry<String, String> code : usage.exitCodeList().entrySet()) {
                page.append(".TP\n\\fB").append(escape(code.getKey().strip())).append("\\fR\n")
                        .append(escape(code.getValue())).append('\n');
            }
        }
        if (usage.footer().length > 0) {
            page.append(".SH \"").append(escape(usage.footerHeading().replace("%n", "").replace(":", "")
                    .strip().toUpperCase(Locale.ROOT))).append("\"\n.nf\n");
            for (String line : usage.footer()) {
                page.append(escape(String.format(line.replace("%n", "\n")))).append('\n');
            }
            page.append(".fi\n");
        }
        return page.toString();
    }

    /** An option's description as {@code --help} shows it, defaults filled in. */
    private static String description(Help help, OptionSpec option) {
        String text = String.join(" ", option.description());
        String value = option.defaultValueString();
        return text.replace("${DEFAULT-VALUE}", value == null ? "none" : value);
    }

    private static String names(OptionSpec option) {
        StringBuilder out = new StringBuilder();
        for (String name : option.names()) {
            out.append(out.isEmpty() ? "" : ", ").append("\\fB").append(escape(name)).append("\\fR");
        }
        if (option.arity().max() > 0 && !option.paramLabel().isEmpty() && option.typeInfo().isBoolean() == false) {
            out.append("=\\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        return out.toString();
    }

    private static void paragraphs(StringBuilder page, String[] lines) {
        for (String line : lines) {
            page.append(line.isBlank() ? ".PP\n" : escape(line) + "\n");
        }
    }

    private static String firstSentence(String[] description) {
        String text = description.length == 0 ? "" : description[0];
        int end = text.indexOf(". ");
        return end < 0 ? text.replaceAll("\\.$", "") : text.substring(0, end);
    }

    /** Escapes text for roff: backslashes, hyphens, and a leading dot or quote that would read as a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            out.append(out.isEmpty() ? "" : "\n");
            out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
        }
        return out.toString();
    }
}
