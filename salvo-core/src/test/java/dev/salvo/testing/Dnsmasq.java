package dev.salvo.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for tests: Debian's {@code dnsmasq}, started on a free loopback port with a
 * temporary configuration and no upstream (it never forwards a query off the machine). Names
 * under {@code .test} are answered from the given table and every other {@code .test} name gets
 * NXDOMAIN; answers carry a TTL of 60 s. Queries are logged, so a test can count them. Runs as
 * root without {@code --user}: it drops to nobody itself, so its hosts file is made readable. Tests that need it skip, with a
 * message saying what to install, where the binary is missing.
 *
 * <p>Thread-safe to read {@link #queries} from; start and close from one thread.
 */
public final class Dnsmasq implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Skips the calling test unless dnsmasq is installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY),
                "dnsmasq is not installed (apt-get install dnsmasq-base); skipping the test against a real DNS server");
    }

    /**
     * Starts dnsmasq answering {@code names} (name to its IPv4 addresses) in {@code dir}.
     */
    public static Dnsmasq start(Path dir, Map<String, List<String>> names) throws IOException, InterruptedException {
        assumeInstalled();
        Path hosts = dir.resolve("dnsmasq.hosts");
        List<String> lines = new ArrayList<>();
        names.forEach((name, addresses) -> addresses.forEach(a -> lines.add(a + " " + name)));
        Files.write(hosts, lines);
        // Started as root, dnsmasq drops to "nobody" before it reads the hosts file (it opens its
        // log and pid files first): let that user reach and read it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-r--r--"));
        Path log = dir.resolve("dnsmasq.log");
        IOException last = null;
        for (int tries = 0; tries < 3; tries++) { // a free port can be taken between probe and bind
            int port = freePort();
            Process process = new ProcessBuilder(BINARY.toString(), "--keep-in-foreground",
                    "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces",
                    "--no-resolv", "--no-hosts", "--no-poll", "--addn-hosts=" + hosts, "--local=/test/",
                    "--local-ttl=60", "--pid-file=" + dir.resolve("dnsmasq.pid"),
                    "--log-queries", "--log-facility=" + log)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dnsmasq.out").toFile())
                    .start();
            Dnsmasq server = new Dnsmasq(process, port, log);
            if (server.awaitReady()) {
                return server;
            }
            server.close();
            last = new IOException("dnsmasq did not start: " + Files.readString(dir.resolve("dnsmasq.out")));
        }
        throw last;
    }

    /** {@code 127.0.0.1:port}, the form {@code --dns-server} takes. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** How many queries of {@code type} (A, AAAA) for {@code name} dnsmasq has logged. */
    public long queries(String type, String name) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        String marker = "query[" + type + "] " + name + " ";
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(marker)).count();
    }

    /** Waits (at most 5 s) until dnsmasq answers a query. */
    private boolean awaitReady() throws InterruptedException {
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'r', 'e', 'a', 'd', 'y', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(100);
            for (int i = 0; i < 50 && process.isAlive(); i++) {
                socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
                try {
                    socket.receive(new DatagramPacket(new byte[512], 512));
                    return true;
                } catch (SocketTimeoutException e) {
                    // not listening yet
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int freePort() throws IOException {
        // dnsmasq listens on TCP and UDP: take a port that is free for TCP, then check UDP too.
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = tcp.getLocalPort();
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port for dnsmasq");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
