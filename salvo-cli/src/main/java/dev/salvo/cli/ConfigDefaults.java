package dev.salvo.cli;

import dev.salvo.SalvoConfig;
import dev.salvo.cli.convert.DurationConverter;
import dev.salvo.cli.convert.RateConverter;
import dev.salvo.cli.convert.SizeConverter;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where an option not given on the command line takes its value from, first match wins:
 * <ol>
 *   <li>an environment variable named {@code SALVO_} and the long option in upper case with
 *       {@code _} for {@code -} ({@code --user-agent} reads {@code SALVO_USER_AGENT});</li>
 *   <li>the config file named by {@code --config FILE} or {@code $SALVO_CONFIG}: one option per line
 *       in the same words as the command line ({@code --user-agent probe/1}, or
 *       {@code --user-agent=probe/1}; a flag alone on its line is on); blank lines and lines starting
 *       with {@code #} are skipped; an option repeated (a header) gives several values;</li>
 *   <li>the library's own default, from {@link SalvoConfig#builder()}, written in the same forms
 *       the options accept, so that the help shows the library's real defaults.</li>
 * </ol>
 * Picocli asks only for options the command line did not give, after parsing it, so
 * {@code --config} is known by then. An option given on the command line replaces all of its
 * values from the environment or the file (a {@code -H} on the command line drops the file's headers).
 *
 * <p>Thread-safe enough for its use: one parse at a time per instance (the file is read once).
 */
public final class ConfigDefaults implements IDefaultValueProvider {

    private static final SalvoConfig DEFAULTS = SalvoConfig.builder().build();

    private final Map<String, String> environment;
    private Path loaded;
    private Map<String, String> file = Map.of();

    /** Reads the process's environment. */
    public ConfigDefaults() {
        this(System.getenv());
    }

    /** Reads {@code environment} instead of the process's; for tests. */
    ConfigDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        if (!name.startsWith("--") || name.equals("--help") || name.equals("--version")) {
            return null;
        }
        String fromEnvironment = environment.get(variable(name));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        if (name.equals("--config")) {
            return null;
        }
        String fromFile = fileValues(option.command()).get(name);
        return fromFile != null ? fromFile : forOption(name);
    }

    /** Where the value of {@code option}, not given on the command line, came from: for the report. */
    String sourceOf(OptionSpec option) {
        String name = option.longestName();
        if (environment.get(variable(name)) != null) {
            return "environment (" + variable(name) + ")";
        }
        if (!name.equals("--config") && fileValues(option.command()).containsKey(name)) {
            return "config file";
        }
        return "default";
    }

    /** The environment variable for a long option: {@code --user-agent} gives {@code SALVO_USER_AGENT}. */
    static String variable(String longOption) {
        return "SALVO_" + longOption.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The config file's values by long option name, several values of one option on several lines. */
    private Map<String, String> fileValues(CommandSpec command) {
        OptionSpec config = command.findOption("--config");
        Path path = config == null ? null : config.getValue();
        if (path == null && config != null && environment.get("SALVO_CONFIG") != null) {
            path = Path.of(environment.get("SALVO_CONFIG"));
        }
        if (path == null) {
            return Map.of();
        }
        if (!path.equals(loaded)) {
            file = read(path, command);
            loaded = path;
        }
        return file;
    }

    private static Map<String, String> read(Path path, CommandSpec command) {
        CommandLine cmd = command.commandLine();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ParameterException(cmd, "cannot read the config file " + path + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(cmd, "cannot read the config file " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "config file " + path + " line " + (i + 1) + ": ";
            int end = 0;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
                end++;
            }
            String name = line.substring(0, end);
            String value = end < line.length() ? unquote(line.substring(end + 1).strip()) : null;
            OptionSpec option = command.findOption(name);
            if (option == null && name.startsWith("--no-")) {
                // A negatable flag written in its negative form: --no-progress.
                OptionSpec positive = command.findOption("--" + name.substring(5));
                if (positive != null && positive.negatable() && value == null) {
                    option = positive;
                    value = "false";
                }
            }
            if (option == null || name.equals("--config") || option.usageHelp() || option.versionHelp()) {
                throw new ParameterException(cmd, where + "'" + name + "' is not an option of "
                        + command.qualifiedName() + " (lines read like the command line: --user-agent probe/1)");
            }
            if (value == null || value.isEmpty()) {
                if (option.arity().min() > 0) {
                    throw new ParameterException(cmd, where + name + " needs a value (" + option.paramLabel() + ")");
                }
                value = "true";
            }
            values.merge(option.longestName(), value, (a, b) -> a + "\n" + b);
        }
        return values;
    }

    /** Strips one pair of matching quotes, so a value with spaces can be written as on a shell line. */
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The library default of the option called {@code name} (its long name), or null when it has none. */
    static String forOption(String name) {
        SalvoConfig d = DEFAULTS;
        return switch (name) {
            case "--concurrency" -> Integer.toString(d.concurrency());
            case "--per-host" -> Integer.toString(d.perHost());
            case "--per-ip" -> Integer.toString(d.perIp());
            case "--rate" -> RateConverter.format(d.rate());
            case "--per-host-rate" -> RateConverter.format(d.perHostRate());
            case "--burst" -> Integer.toString(d.burst());
            case "--timeout" -> DurationConverter.format(d.timeout());
            case "--connect-timeout" -> DurationConverter.format(d.connectTimeout());
            case "--retries" -> Integer.toString(d.retries());
            case "--backoff" -> DurationConverter.format(d.backoff());
            case "--max-backoff" -> DurationConverter.format(d.maxBackoff());
            case "--retry-after-max" -> DurationConverter.format(d.retryAfterMax());
            case "--circuit-failures" -> Integer.toString(d.circuitFailures());
            case "--circuit-cooldown" -> DurationConverter.format(d.circuitCooldown());
            case "--max-redirects" -> Integer.toString(d.maxRedirects());
            case "--max-body" -> SizeConverter.format(d.maxBody());
            case "--max-idle-connections" -> Integer.toString(d.maxIdleConnections());
            case "--method" -> d.method();
            case "--user-agent" -> d.userAgent();
            case "--robots" -> EngineOptions.RobotsConverter.format(d.robots());
            default -> null;
        };
    }
}
