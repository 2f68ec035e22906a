package dev.salvo.internal.transport;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies a server's certificate with one or more trust managers (the first that accepts wins:
 * {@code --cacert} and the system's) and turns a rejection into one line a person can read,
 * e.g. {@code certificate not trusted: self-signed, for host 127.0.0.1}. Host-name verification
 * stays with the delegates (endpoint identification "HTTPS"). Thread-safe (stateless).
 */
final class ReadableTrustManager extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;

    ReadableTrustManager(List<X509ExtendedTrustManager> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                delegate.checkServerTrusted(chain, authType, engine);
                return;
            } catch (CertificateException e) {
                first = first == null ? e : first;
            }
        }
        throw readable(chain, first, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                delegate.checkServerTrusted(chain, authType, socket);
                return;
            } catch (CertificateException e) {
                first = first == null ? e : first;
            }
        }
        throw readable(chain, first, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client does not verify client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client does not verify client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not verify client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> issuers = new ArrayList<>();
        for (X509ExtendedTrustManager delegate : delegates) {
            issuers.addAll(List.of(delegate.getAcceptedIssuers()));
        }
        return issuers.toArray(new X509Certificate[0]);
    }

    /** What is wrong with {@code chain}, for {@code host}, in words. */
    static ReadableCertificateException readable(X509Certificate[] chain, CertificateException cause, String host) {
        String forHost = host == null ? "" : ", for host " + host;
        X509Certificate leaf = chain == null || chain.length == 0 ? null : chain[0];
        String why = reason(leaf, cause);
        return new ReadableCertificateException(why + forHost, cause);
    }

    private static String reason(X509Certificate leaf, CertificateException cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid";
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return "certificate does not name this host";
            }
        }
        if (leaf == null) {
            return "certificate not trusted: the server sent none";
        }
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return "certificate not trusted: self-signed";
        }
        return "certificate not trusted: issued by an unknown authority (" + leaf.getIssuerX500Principal().getName()
                + "; see --cacert)";
    }
}
