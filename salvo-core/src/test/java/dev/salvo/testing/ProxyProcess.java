package dev.salvo.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real proxy for tests, started on a free loopback port: Debian's {@code tinyproxy} (HTTP,
 * CONNECT included) or {@code microsocks} (SOCKS5). Its output (tinyproxy logs each request to
 * it in the foreground) is kept for the test to read. Tests skip, naming the package to install,
 * when the binary is missing. Start and close from one thread.
 */
public final class ProxyProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path output;

    private ProxyProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * tinyproxy on 127.0.0.1, connecting out from {@code outgoingAddress}; {@code extraConfig}
     * lines (e.g. {@code BasicAuth user secret}) are added to its configuration.
     */
    public static ProxyProcess tinyproxy(Path dir, String outgoingAddress, String... extraConfig)
            throws IOException, InterruptedException {
        Path binary = binary("tinyproxy", "/usr/bin/tinyproxy", "/usr/sbin/tinyproxy");
        return start(dir, "tinyproxy", port -> {
            List<String> config = new ArrayList<>(List.of("Port " + port, "Listen 127.0.0.1",
                    "Bind " + outgoingAddress, "Timeout 30", "MaxClients 100", "Allow 127.0.0.1", "LogLevel Connect"));
            config.addAll(List.of(extraConfig));
            Path file = dir.resolve("tinyproxy-" + port + ".conf");
            try {
                Files.write(file, config);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(binary.toString(), "-d", "-c", file.toString());
        });
    }

    /** microsocks on 127.0.0.1, connecting out from {@code outgoingAddress}; user null for no auth. */
    public static ProxyProcess microsocks(Path dir, String outgoingAddress, String user, String password)
            throws IOException, InterruptedException {
        Path binary = binary("microsocks", "/usr/bin/microsocks", "/usr/sbin/microsocks");
        return start(dir, "microsocks", port -> {
            List<String> args = new ArrayList<>(List.of(binary.toString(), "-i", "127.0.0.1",
                    "-p", Integer.toString(port), "-b", outgoingAddress));
            if (user != null) {
                args.addAll(List.of("-u", user, "-P", password));
            }
            return args;
        });
    }

    /**
     * stunnel on 127.0.0.1 terminating TLS with {@code certificate} and passing the bytes to
     * {@code plainPort}: put in front of tinyproxy it makes an {@code https://} proxy.
     */
    public static ProxyProcess stunnel(Path dir, TestCertificate certificate, int plainPort)
            throws IOException, InterruptedException {
        Path binary = binary("stunnel4", "/usr/bin/stunnel4", "/usr/bin/stunnel");
        Path cert = Files.writeString(dir.resolve("stunnel-cert.pem"), certificate.pem());
        Path key = Files.writeString(dir.resolve("stunnel-key.pem"), certificate.privateKeyPem());
        return start(dir, "stunnel", port -> {
            Path file = dir.resolve("stunnel-" + port + ".conf");
            try {
                Files.write(file, List.of("foreground = yes", "pid =", "debug = notice", "[proxy]",
                        "accept = 127.0.0.1:" + port, "connect = 127.0.0.1:" + plainPort,
                        "cert = " + cert, "key = " + key));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(binary.toString(), file.toString());
        });
    }

    private static Path binary(String name, String... candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        assumeTrue(false, name + " is not installed (apt-get install " + name + "); skipping the test against a real proxy");
        throw new IllegalStateException("unreachable");
    }

    private static ProxyProcess start(Path dir, String name, IntFunction<List<String>> command)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int tries = 0; tries < 3; tries++) { // a free port can be taken between probe and bind
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Path output = dir.resolve(name + "-" + port + ".out");
            Process process = new ProcessBuilder(command.apply(port))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            ProxyProcess proxy = new ProxyProcess(process, port, output);
            if (proxy.awaitListening()) {
                return proxy;
            }
            proxy.close();
            last = new IOException(name + " did not start: " + Files.readString(output));
        }
        throw last;
    }

    private boolean awaitListening() throws InterruptedException {
        for (int i = 0; i < 50 && process.isAlive(); i++) { // at most 5 s
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** What the proxy printed so far (tinyproxy: one line per connection and request). */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // SIGKILL: these proxies hold no state worth a clean exit, and tinyproxy waits for its
        // children on SIGTERM.
        process.destroyForcibly();
        try {
            process.waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
