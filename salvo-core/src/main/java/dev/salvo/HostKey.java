package dev.salvo;

import dev.salvo.internal.url.Target;

/**
 * The key under which the engine applies its per-host limits: lower-case host and effective port
 * ({@code "example.com:443"}). Code that splits work between several engines (the Spark job puts
 * all URLs of one host in one task) uses it so that its idea of a host is the engine's.
 *
 * <p>Thread-safe (stateless).
 */
public final class HostKey {

    private HostKey() {
    }

    /** The host key of {@code url}, or null when the engine would refuse it as {@code invalid_url}. */
    public static String of(String url) {
        try {
            return Target.parse(url).hostKey();
        } catch (Target.InvalidUrlException e) {
            return null;
        }
    }
}
