package chat.scale;

import chat.testing.FreePorts;
import chat.testing.PayaraInstance;
import chat.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx in front of test instances, configured from the project's own payara/nginx.conf (the file
 * payara/cluster.sh uses), listening on a free loopback port, run in the foreground with everything it
 * writes under target/. Debian's package: installed with apt-get when missing and the tests run as root.
 */
final class Nginx implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final int port;
    private final Path prefix;
    private final Process process;

    private Nginx(int port, Path prefix, Process process) {
        this.port = port;
        this.prefix = prefix;
        this.process = process;
    }

    /** Why nginx cannot be used here, or null when it is installed (installing it first when possible). */
    static synchronized String unavailableReason() {
        if (Files.isExecutable(BINARY)) {
            return null;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "nginx is not installed and the tests do not run as root: apt-get install -y nginx";
        }
        Path log = TestPaths.target().resolve("apt-nginx.log");
        run(List.of("bash", "-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "
                + "-o DPkg::Lock::Timeout=300 nginx"), log, Duration.ofMinutes(10));
        return Files.isExecutable(BINARY) ? null : "apt-get did not install nginx; see " + log;
    }

    static Nginx inFrontOf(List<PayaraInstance> instances) {
        int port = FreePorts.next();
        Path prefix = TestPaths.target().resolve("nginx-" + port);
        try {
            Files.createDirectories(prefix.resolve("logs"));
            Files.createDirectories(prefix.resolve("temp"));
            String servers = instances.stream()
                    .map(i -> "server 127.0.0.1:" + i.port() + " max_fails=1 fail_timeout=5s;")
                    .collect(Collectors.joining("\n        "));
            String conf = Files.readString(TestPaths.payaraConfig().resolve("nginx.conf"))
                    .replace("@@LISTEN@@", "127.0.0.1:" + port)
                    .replace("@@SERVERS@@", servers);
            Files.writeString(prefix.resolve("nginx.conf"), conf);
            Process p = new ProcessBuilder(BINARY.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", "stderr", "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                    .start();
            Instant deadline = Instant.now().plusSeconds(10);
            while (!listening(port)) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("nginx did not start; see " + prefix.resolve("logs"));
                }
                Thread.sleep(50);
            }
            return new Nginx(port, prefix, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI webSocketUri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    Path accessLog() {
        return prefix.resolve("logs/access.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command, Path log, Duration limit) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
