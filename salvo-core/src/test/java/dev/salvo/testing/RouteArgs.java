package dev.salvo.testing;

/**
 * Reads numeric arguments embedded in a path, e.g. the {@code 250} in {@code /slow/250/x}.
 * A missing or malformed argument throws {@link IllegalArgumentException}, which the server
 * answers with 400. Stateless.
 */
final class RouteArgs {

    private RouteArgs() {
    }

    /** Returns path segment {@code index} (0 is the route name) as a non-negative number. */
    static long number(RecordedRequest request, int index) {
        String segment = segment(request, index);
        try {
            long value = Long.parseLong(segment);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the common error
        }
        throw new IllegalArgumentException("expected a non-negative number at segment " + index
                + " of " + request.path() + ", got '" + segment + "'");
    }

    /** Returns the part of the path after the first {@code count} segments, with its leading '/'. */
    static String rest(RecordedRequest request, int count) {
        String path = request.path();
        int at = 0;
        for (int i = 0; i < count && at >= 0; i++) {
            at = path.indexOf('/', at + 1);
        }
        return at < 0 ? "" : path.substring(at);
    }

    private static String segment(RecordedRequest request, int index) {
        String[] segments = request.path().substring(1).split("/");
        if (index >= segments.length) {
            throw new IllegalArgumentException("missing segment " + index + " in " + request.path());
        }
        return segments[index];
    }
}
