package dev.salvo.internal.transport;

import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.Zstd;

/**
 * The content codings Salvo can decode, and so offers with {@code --compressed}: gzip and deflate
 * always (the JDK's zlib), br and zstd when their native decoders (brotli4j, zstd-jni) load on
 * this machine. Offering only what can be decoded means a body never arrives in a coding that
 * could not be read. Thread-safe (computed once).
 */
public final class ContentCodings {

    private static volatile String offered;

    private ContentCodings() {
    }

    /** The Accept-Encoding value to send, e.g. {@code "gzip, deflate, br, zstd"}. */
    public static String acceptEncoding() {
        String value = offered;
        if (value == null) {
            StringBuilder codings = new StringBuilder("gzip, deflate");
            if (loads(Brotli::isAvailable)) {
                codings.append(", br");
            }
            if (loads(Zstd::isAvailable)) {
                codings.append(", zstd");
            }
            value = codings.toString();
            offered = value;
        }
        return value;
    }

    /** Whether a native decoder loads; a missing or broken native library means no. */
    private static boolean loads(java.util.function.BooleanSupplier available) {
        try {
            return available.getAsBoolean();
        } catch (Throwable e) {
            return false;
        }
    }
}
