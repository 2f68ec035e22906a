package dev.salvo.internal.transport;

import dev.salvo.InvalidConfigException;

import dev.salvo.SalvoConfig;
import dev.salvo.SalvoConfig.TlsOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's one TLS context, shared by every connection so sessions resume per host (each
 * handler is made for its host and port). OpenSSL (BoringSSL, from netty-tcnative) where it loads,
 * the JDK's TLS otherwise. ALPN offers h2 and http/1.1; certificates and host names are verified
 * unless {@code --insecure}; {@code --cacert} adds to the system's trust ({@code --cacert-only}
 * replaces it).
 *
 * <p>Immutable and thread-safe once built.
 */
final class ClientTls {

    /** The provider once some thread has chosen it (loading netty-tcnative to know); null before. */
    private static volatile SslProvider chosen;

    private final SslContext context;

    private ClientTls(SslContext context) {
        this.context = context;
    }

    /**
     * Builds the context; a bad --cacert, --cert or --key file fails here. Slow the first time in
     * a process (it loads netty-tcnative and reads the system's CA store): never call it on the
     * event loop (NetworkStack builds it on a thread of its own).
     */
    static ClientTls create(SalvoConfig config) {
        TlsOptions tls = config.tls();
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(provider())
                    .protocols(tls.minVersion().equals("1.3")
                            ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"})
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            if (config.insecure()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                builder.trustManager(new ReadableTrustManager(trustManagers(tls)))
                        .endpointIdentificationAlgorithm("HTTPS");
            }
            if (tls.clientCert() != null) {
                builder.keyManager(tls.clientCert().toFile(), tls.clientKey().toFile());
            }
            SslContext context = builder.build();
            warmUp(context);
            return new ClientTls(context);
        } catch (SSLException | IllegalArgumentException e) {
            throw new InvalidConfigException("cannot set up TLS: " + describeSetupFailure(tls, e), e);
        }
    }

    /**
     * The context for TLS to an {@code https://} proxy: the same trust as for servers, no ALPN
     * (the proxy handler speaks HTTP/1.1 CONNECT) and no client certificate (meant for servers).
     */
    static SslContext proxyContext(SalvoConfig config) {
        TlsOptions tls = config.tls();
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider())
                    .protocols(tls.minVersion().equals("1.3")
                            ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"});
            if (config.insecure()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                builder.trustManager(new ReadableTrustManager(trustManagers(tls)))
                        .endpointIdentificationAlgorithm("HTTPS");
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new InvalidConfigException("cannot set up TLS: " + describeSetupFailure(tls, e), e);
        }
    }

    /**
     * Makes and frees one handler, so that its classes (and OpenSSL's engine) load here, on the
     * set-up thread, rather than in the first handshake on the event loop.
     */
    private static void warmUp(SslContext context) {
        SslHandler handler = context.newHandler(ByteBufAllocator.DEFAULT, "localhost", 443);
        io.netty.util.ReferenceCountUtil.release(handler.engine()); // OpenSSL's engine holds native memory
    }

    /** A handler for one connection; host and port key the session cache and set SNI. */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        return context.newHandler(alloc, host, port);
    }

    /** OpenSSL when netty-tcnative loads on this machine, else the JDK. Slow the first time (it loads it). */
    static SslProvider provider() {
        SslProvider known = chosen;
        if (known == null) {
            known = OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL)
                    ? SslProvider.OPENSSL : SslProvider.JDK;
            chosen = known;
        }
        return known;
    }

    /** Names the TLS implementation, for --version; loads it to know. */
    static String providerName() {
        return provider() == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK";
    }

    /** {@link #providerName()} if this process has already chosen a provider, else null; never loads it. */
    static String providerNameIfChosen() {
        return chosen == null ? null : providerName();
    }

    /** The trust managers to verify with: the system's, plus or instead of --cacert's. */
    private static List<X509ExtendedTrustManager> trustManagers(TlsOptions tls) throws SSLException {
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        try {
            if (tls.caCert() != null) {
                managers.add(fromStore(pemStore(tls.caCert())));
            }
            if (!tls.caCertOnly()) {
                managers.add(fromStore(null));
            }
        } catch (GeneralSecurityException e) {
            throw new SSLException("cannot read the CA certificates in " + tls.caCert(), e);
        }
        return managers;
    }

    private static X509ExtendedTrustManager fromStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static KeyStore pemStore(Path pem) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(pem)) {
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("cacert-" + index++, certificate);
            }
            if (index == 0) {
                throw new GeneralSecurityException("no certificate found");
            }
        } catch (IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        return store;
    }

    private static String describeSetupFailure(TlsOptions tls, Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("cannot read the CA certificates")) {
            return message + " (expected PEM certificates)";
        }
        if (tls.clientCert() != null) {
            return "cannot read the client certificate " + tls.clientCert() + " or key " + tls.clientKey()
                    + " (expected PEM, with the key in PKCS#8: BEGIN PRIVATE KEY)";
        }
        return "the TLS settings were refused";
    }
}
