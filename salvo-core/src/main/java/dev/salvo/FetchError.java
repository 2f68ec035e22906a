package dev.salvo;

import java.util.Objects;

/**
 * Why a URL failed: a type from a fixed list and a one-line human message.
 *
 * @param type    the kind of failure
 * @param message what happened, in one line
 */
public record FetchError(ErrorType type, String message) {
    public FetchError {
        Objects.requireNonNull(type, "type");
        message = message == null ? type.wireName() : message.replace('\n', ' ').replace('\r', ' ');
    }
}
