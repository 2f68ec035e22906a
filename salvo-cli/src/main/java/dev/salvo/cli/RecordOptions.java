package dev.salvo.cli;

import dev.salvo.cli.output.RecordFormat;
import picocli.CommandLine.Option;

/** The options that add fields to each record, beside {@code --include-body}, as a mixin. */
final class RecordOptions {

    /** How {@code --include-body} writes a body. */
    enum BodyEncoding { text, base64 }

    @Option(names = "--include-headers",
            description = "Add the final response's headers to each record (\"headers\"): an object of lower-case"
                    + " names, a name sent more than once as an array; \"location\" is always there on a 3xx.")
    boolean includeHeaders;

    @Option(names = "--timings",
            description = "Add where the final response's time went: dns_ms, connect_ms, tls_ms (0 on a connection"
                    + " that was already open), ttfb_ms (to the first response byte, connecting included) and"
                    + " remote_ip.")
    boolean timings;

    @Option(names = "--body-encoding", paramLabel = "text|base64",
            description = "How --include-body writes a body: text, decoded in the charset its Content-Type names"
                    + " (UTF-8 when none), or base64, for binary bodies. Default: ${DEFAULT-VALUE}.",
            defaultValue = "text")
    BodyEncoding bodyEncoding = BodyEncoding.text;

    /** The record fields these options and the others named ask for. */
    RecordFormat.Fields fields(boolean includeBody, boolean compressed) {
        return new RecordFormat.Fields(includeBody, bodyEncoding == BodyEncoding.base64, includeHeaders, compressed,
                timings);
    }
}
