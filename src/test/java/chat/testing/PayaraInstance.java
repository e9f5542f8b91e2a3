package chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Payara Micro process running the real WAR, bound to 127.0.0.1 on a free port, without Hazelcast.
 * Configuration reaches the application as environment variables (MicroProfile Config reads them), so
 * each instance can have its own Redis, key prefix and secrets; tests may stop (SIGTERM) or kill (SIGKILL) it.
 */
public final class PayaraInstance implements AutoCloseable {

    private static final HttpClient HTTP = PlainHttp.client(Duration.ofSeconds(2));

    private final String name;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;
    private Duration startup;

    private PayaraInstance(String name, Map<String, String> env, int port, List<String> jvmOptions) {
        this.name = name;
        this.env = env;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = TestPaths.target().resolve("payara-" + name + "-" + port + ".log");
    }

    /** Starts an instance and waits until it serves the WAR; JVM options sized for a quick test suite. */
    public static PayaraInstance start(String name, Map<String, String> env) {
        return start(name, env, TEST_JVM_OPTIONS);
    }

    /** Starts an instance with JVM options of the caller's own (the benchmark runs with full JIT and a larger heap). */
    public static PayaraInstance start(String name, Map<String, String> env, List<String> jvmOptions) {
        PayaraInstance instance = new PayaraInstance(name, new LinkedHashMap<>(env), FreePorts.next(), jvmOptions);
        instance.launch();
        return instance;
    }

    /** The options of {@link #start(String, Map)}: small heap, quick start, C1 only. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Starts this instance again with the same port and configuration (after stop or kill). */
    public PayaraInstance restart() {
        launch();
        return this;
    }

    private void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-Djava.io.tmpdir=" + tmpDir(),
                "-jar", TestPaths.payaraMicroJar().toString(),
                "--deploy", TestPaths.war().toString(),
                "--contextroot", "/",
                "--port", String.valueOf(port),
                "--nohazelcast",
                "--disablephonehome",
                "--prebootcommandfile", TestPaths.payaraConfig().resolve("preboot.asadmin").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Instant launched = Instant.now();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitDeployed(Duration.ofSeconds(180));
        startup = Duration.between(launched, Instant.now());
    }

    private Path tmpDir() {
        try {
            return Files.createDirectories(TestPaths.target().resolve("tmp").resolve("payara-" + port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deployed means the WAR answers (GET / is 200); Payara itself listens earlier, with 404s. */
    private void awaitDeployed(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro " + name + " exited; see " + log);
            }
            if (status("/") == 200 && status("/health/live") == 200) {
                return;
            }
            if (logText().contains("Exception while deploying") || logText().contains("Exception while loading the app")) {
                process.destroyForcibly();
                throw new IllegalStateException("the WAR failed to deploy on " + name + "; see " + log);
            }
            LocalRedis.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Payara Micro " + name + " was not ready in " + limit + "; see " + log);
    }

    public int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI webSocketUri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operating-system process id of the Payara Micro JVM (for /proc and jcmd). */
    public long pid() {
        return process.pid();
    }

    /** From process start until the WAR answered, as measured by the last (re)start. */
    public Duration startup() {
        return startup;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM: a graceful shutdown, as an operator's stop would do. */
    public void stop() {
        if (isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** SIGKILL: a crash. */
    public void kill() {
        if (isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
