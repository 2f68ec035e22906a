package dev.salvo.cli;

import dev.salvo.SalvoConfig;
import dev.salvo.cli.convert.DurationConverter;
import dev.salvo.cli.convert.RateConverter;
import dev.salvo.cli.convert.SizeConverter;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies the engine options' defaults from {@link SalvoConfig#builder()}, written in the same
 * forms the options accept, so that the help shows the library's real defaults. Thread-safe.
 */
public final class ConfigDefaults implements IDefaultValueProvider {

    private static final SalvoConfig DEFAULTS = SalvoConfig.builder().build();

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        return forOption(option.longestName());
    }

    /** The default of the option called {@code name} (its long name), or null when it has none. */
    static String forOption(String name) {
        SalvoConfig d = DEFAULTS;
        return switch (name) {
            case "--concurrency" -> Integer.toString(d.concurrency());
            case "--per-host" -> Integer.toString(d.perHost());
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
            default -> null;
        };
    }
}
