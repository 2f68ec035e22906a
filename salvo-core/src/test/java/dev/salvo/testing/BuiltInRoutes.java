package dev.salvo.testing;

import java.util.function.LongSupplier;

/**
 * The routes every {@link MisbehavingServer} starts with, listed in one place. Paths take their
 * arguments as segments; {@code ...} means any further segments, ignored (use them to make URLs
 * unique per test). See the table in {@link MisbehavingServer}. {@code /gate} needs the server's
 * state and is added by the server itself.
 */
final class BuiltInRoutes {

    private BuiltInRoutes() {
    }

    static void install(Router router, LongSupplier wallClockMillis) {
        StatusBehaviours statuses = new StatusBehaviours(wallClockMillis);
        router.add("/ok", StatusBehaviours::ok);
        router.add("/status", StatusBehaviours::status);
        router.add("/echo", StatusBehaviours::echo);
        router.add("/429", StatusBehaviours::tooManyRequests);
        router.add("/429date", statuses::tooManyRequestsUntilDate);
        router.add("/flaky", statuses::flaky);

        router.add("/slow", FaultBehaviours::slow);
        router.add("/slowbody", FaultBehaviours::slowBody);
        router.add("/reset", FaultBehaviours::reset);
        router.add("/close", FaultBehaviours::close);
        router.add("/garbage", FaultBehaviours::garbage);

        router.add("/redirect", RedirectBehaviours::chain);
        router.add("/loop", RedirectBehaviours::loop);
        router.add("/redirect-to", RedirectBehaviours::to);

        router.add("/bytes", BulkBodyBehaviours::fixedLength);
        router.add("/bytes-chunked", BulkBodyBehaviours::chunked);
    }
}
