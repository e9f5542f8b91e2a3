package chat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis the tests use: the one answering on 127.0.0.1:6379 when there is one, otherwise a Redis
 * started from the binary shipped in the embedded-redis artifact (the same binary payara/run.sh uses).
 * Tests also start private instances they may stop and restart (outage tests).
 * Test data always lives under a key prefix of its own; a Redis the tests did not start is never flushed.
 */
public final class LocalRedis {

    private static LocalRedis shared;

    private final int port;
    private final Process process;
    private final Path dataDir;

    private LocalRedis(int port, Process process, Path dataDir) {
        this.port = port;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** The suite's Redis, started at most once per JVM. */
    public static synchronized LocalRedis shared() {
        if (shared == null) {
            if (answers(6379)) {
                shared = new LocalRedis(6379, null, null);
            } else {
                shared = startOwn();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            }
        }
        return shared;
    }

    /** A private Redis on a free port, persisted (AOF) under target/ so a restart keeps its data. */
    public static LocalRedis startOwn() {
        int port = FreePorts.next();
        try {
            Path dir = Files.createDirectories(TestPaths.target().resolve("redis-" + port));
            return start(port, dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalRedis start(int port, Path dir) throws IOException {
        Process p = new ProcessBuilder(binary().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--dir", dir.toString(), "--protected-mode", "yes")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (!answers(port)) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                throw new IllegalStateException("Redis did not start on port " + port + ", see " + dir.resolve("redis.log"));
            }
            sleep(50);
        }
        return new LocalRedis(port, p, dir);
    }

    /** Starts this private Redis again on the same port and data directory. */
    public LocalRedis restart() {
        if (process == null) {
            throw new IllegalStateException("not a Redis the tests started");
        }
        try {
            return start(port, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int port() {
        return port;
    }

    /** The process id of a Redis the tests started; empty for one found already running. */
    public java.util.OptionalLong pid() {
        return process == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(process.pid());
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public Jedis connect() {
        return new Jedis("127.0.0.1", port);
    }

    /** Deletes the keys under a prefix: the only clean-up the tests ever do. */
    public void deleteKeys(String prefix) {
        try (Jedis jedis = connect()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(prefix + "*").count(1000);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                List<String> keys = new ArrayList<>(page.getResult());
                if (!keys.isEmpty()) {
                    jedis.del(keys.toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!"0".equals(cursor));
        } catch (RuntimeException e) {
            // a Redis that is gone has nothing left to clean
        }
    }

    public static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static synchronized Path binary() throws IOException {
        Path bin = TestPaths.target().resolve("redis-server");
        if (!Files.isExecutable(bin)) {
            String name = "/redis-server-6.2.6-v5-linux-amd64";
            try (InputStream in = LocalRedis.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("embedded-redis does not ship " + name);
                }
                Path tmp = Files.createTempFile(TestPaths.target(), "redis-server", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                tmp.toFile().setExecutable(true);
                Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return bin;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
