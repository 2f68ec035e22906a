package dev.salvo.internal.transport;

import java.io.Serial;
import java.security.cert.CertificateException;

/**
 * A certificate rejection whose message is already one line a person can read (what is wrong,
 * for which host); {@link FailureClassifier} passes it on as it is.
 */
final class ReadableCertificateException extends CertificateException {

    @Serial
    private static final long serialVersionUID = 1L;

    ReadableCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
