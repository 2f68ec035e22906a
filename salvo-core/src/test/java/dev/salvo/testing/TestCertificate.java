package dev.salvo.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A self-signed certificate for one loopback IP address (subject alternative name
 * {@code ip:<address>}), generated once per address per JVM with the JDK's own {@code keytool}
 * into a temporary PKCS12 key store.
 *
 * <p>Offers a server {@link SSLContext}, a client context that trusts exactly this certificate
 * (verification on, and succeeding), a trust-all client context (verification off), and the
 * certificate as PEM and as a key store path, e.g. for a test server.
 *
 * <p>Immutable and thread-safe; {@link #forAddress} is safe to call concurrently.
 */
public final class TestCertificate {

    private static final Map<String, TestCertificate> CACHE = new ConcurrentHashMap<>();
    private static final String ALIAS = "salvo-test";
    private static final String PASSWORD = "salvo-test-password";

    private final String address;
    private final Path keyStorePath;
    private final KeyStore keyStore;

    private TestCertificate(String address, Path keyStorePath, KeyStore keyStore) {
        this.address = address;
        this.keyStorePath = keyStorePath;
        this.keyStore = keyStore;
    }

    /** Returns the certificate for {@code address}, generating it on first use (about a second). */
    public static TestCertificate forAddress(String address) {
        return CACHE.computeIfAbsent(address, TestCertificate::generate);
    }

    public String address() {
        return address;
    }

    /** The PKCS12 key store holding the key and certificate; its password is {@link #password()}. */
    public Path keyStorePath() {
        return keyStorePath;
    }

    public String password() {
        return PASSWORD;
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate in PEM form, e.g. for a client's trust options. */
    public String pem() {
        try {
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate().getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in PEM (PKCS#8) form, e.g. for a client certificate's key file. */
    public String privateKeyPem() {
        try {
            java.security.Key key = keyStore.getKey(ALIAS, PASSWORD.toCharArray());
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server context presenting this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts this certificate and nothing else, with normal verification. */
    public SSLContext clientContextTrustingThis() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that accepts any certificate: verification off, as with {@code --insecure}. */
    public static SSLContext trustAllClientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificate generate(String address) {
        try {
            Path dir = Files.createTempDirectory("salvo-test-cert");
            Path store = dir.resolve(address + ".p12");
            Path log = dir.resolve("keytool.log");
            dir.toFile().deleteOnExit();
            store.toFile().deleteOnExit();
            log.toFile().deleteOnExit();
            runKeytool(address, store, log);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD.toCharArray());
            }
            return new TestCertificate(address, store, keyStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not create a test certificate for " + address, e);
        }
    }

    private static void runKeytool(String address, Path store, Path log) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=" + address, "-ext", "SAN=ip:" + address,
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        // Output goes to a file, not a pipe, so a chatty keytool can never block on a full pipe.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + process.exitValue() + "): " + Files.readString(log));
        }
    }

    /**
     * Trusts everything. Extends the "extended" manager so JSSE does not wrap it with its own
     * hostname check: trust-all must mean all.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
