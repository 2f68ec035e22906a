package dev.salvo.internal.transport;

import dev.salvo.SalvoConfig;

/**
 * What every HTTP/2 stream of a run needs to know about its response, read once from the config.
 * Immutable.
 *
 * @param maxBody      most body bytes read (decoded bytes, and wire bytes, with {@code compressed})
 * @param keepBodies   keep each body for its result
 * @param keepHeaders  keep each final response's headers for its result
 * @param compressed   offer compressed bodies and decode them as they stream
 * @param captureLimit with captured exchanges (WARC), most bytes kept of each direction; 0 captures nothing
 */
record Http2Options(long maxBody, boolean keepBodies, boolean keepHeaders, boolean compressed, long captureLimit) {

    static Http2Options of(SalvoConfig config) {
        return new Http2Options(config.maxBody(), config.keepBodies(), config.keepHeaders(), config.compressed(),
                RawCapture.limit(config));
    }
}
