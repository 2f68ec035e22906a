package dev.salvo.internal.engine;

import dev.salvo.FetchResult;
import dev.salvo.internal.url.Target;

/** What to do after a hop ends: the engine's whole vocabulary of next steps. Immutable. */
sealed interface Verdict {

    /** The URL is finished. */
    record Complete(FetchResult result) implements Verdict { }

    /**
     * Send the same attempt on to {@code next}, with {@code method}, without credentials when
     * {@code dropCredentials}, and without the request body (and the headers describing it) when
     * {@code dropBody}.
     */
    record Redirect(Target next, String method, boolean dropCredentials, boolean dropBody) implements Verdict { }

    /**
     * Try again after {@code delayNanos}; when {@code pauseHostNanos} is positive the host asked
     * (Retry-After) for nothing to be sent to it for that long.
     */
    record Retry(long delayNanos, long pauseHostNanos, String reason) implements Verdict { }
}
