package chat.benchmark;

import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.PlainHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's world: a fresh Payara Micro (fresh key prefix in the shared benchmark Redis), the
 * generator's connections to it, and the clocks that measure both. Everything it starts, it stops.
 */
final class Run implements AutoCloseable {

    static final String SECRET = "benchmark-secret-that-is-long-enough-for-hs256-0123456789";

    final Settings settings;
    final LocalRedis redis;
    final String keyPrefix;
    final Target server;
    final Frames frames = new Frames();
    final LoadClients clients;
    final CpuClock cpu;
    final Tokens tokens;
    final long deadlineNanos;
    private final boolean ownsServer;
    private ClassArchive archive;
    private Ledger ledger;
    private final HttpClient http = PlainHttp.client(Duration.ofSeconds(5));

    private Run(Settings settings, LocalRedis redis, String keyPrefix, Target server, String secret, boolean ownsServer) {
        this.ownsServer = ownsServer;
        this.tokens = new Tokens(secret, 6 * 3600);
        this.settings = settings;
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.server = server;
        this.clients = new LoadClients(server.webSocketUri("/chat"), tokens, frames, settings.number("generator.clients"));
        this.cpu = new CpuClock(server.pid(), redis.pid().orElse(-1));
        this.deadlineNanos = System.nanoTime() + settings.number("scenario.limit.seconds") * 1_000_000_000L;
    }

    /** Starts a server for one scenario with the settings the benchmark needs (rate limits out of the way). */
    static Run start(Settings settings, LocalRedis redis, String runId, String scenario) {
        String prefix = "bench-" + runId + "-" + scenario + ":";
        Map<String, String> env = new HashMap<>();
        env.put("CHAT_REDIS_URL", redis.uri().toString());
        env.put("CHAT_REDIS_KEY_PREFIX", prefix);
        env.put("CHAT_AUTH_SECRET", SECRET);
        env.put("CHAT_RATE", "1000000");
        env.put("CHAT_RATE_WINDOW_SECONDS", "1");
        // every generator connection comes from 127.0.0.1: lift the per-address limits
        env.put("CHAT_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
        env.put("CHAT_HANDSHAKES_PER_MINUTE", "100000000");
        env.putAll(settings.serverEnv());
        List<String> jvm = new ArrayList<>(Arrays.asList(settings.text("server.jvm").trim().split("\\s+")));
        String external = settings.text("server.external");
        if (!external.isBlank()) {
            return new Run(settings, redis, prefix, Target.external(external, settings.number("server.pid")), SECRET, false);
        }
        ClassArchive archive = settings.text("server.cds").equals("true") ? ClassArchive.forThisRuntime() : null;
        if (archive != null) {
            jvm.add(archive.option());
            jvm.add("-Xlog:cds=error"); // not the thousands of "skipping class" warnings of a dump
        }
        PayaraInstance server = PayaraInstance.start("bench-" + scenario, env, jvm);
        Run run = new Run(settings, redis, prefix, Target.of(server), SECRET, true);
        run.archive = archive;
        return run;
    }

    /** Whether this server maps the class archive, writes it at its exit, or runs without one. */
    String archiveState() {
        return archive == null ? "off" : archive.pending() == null ? "mapped" : "written at exit";
    }

    /**
     * A dynamic class-data-sharing archive of Payara Micro's and the WAR's classes (the same scheme as
     * payara/run.sh): the first server of a Payara Micro jar and JDK writes it when it stops
     * (-XX:ArchiveClassesAtExit), later servers map it (-XX:SharedArchiveFile) and skip most class loading
     * and verification. The JVM checks the archive itself (class path, class bytes); a mismatch only costs the gain.
     */
    record ClassArchive(java.nio.file.Path file, java.nio.file.Path pending) {
        static ClassArchive forThisRuntime() {
            try {
                java.nio.file.Path jar = chat.testing.TestPaths.payaraMicroJar();
                String key = Integer.toHexString((System.getProperty("java.vm.version") + " " + java.nio.file.Files.size(jar) + " "
                        + java.nio.file.Files.getLastModifiedTime(jar).toMillis()).hashCode());
                java.nio.file.Path dir = java.nio.file.Files.createDirectories(chat.testing.TestPaths.target().resolve("cds"));
                java.nio.file.Path file = dir.resolve("payara-micro-" + key + ".jsa");
                return new ClassArchive(file, java.nio.file.Files.exists(file) ? null : dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".part"));
            } catch (java.io.IOException e) {
                return null;
            }
        }

        String option() {
            return pending == null ? "-XX:SharedArchiveFile=" + file : "-XX:ArchiveClassesAtExit=" + pending;
        }

        /** After the server stopped: a complete archive becomes the one later servers use. */
        void publish() {
            try {
                if (pending != null && java.nio.file.Files.size(pending) > 0 && !java.nio.file.Files.exists(file)) {
                    java.nio.file.Files.move(pending, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (java.io.IOException e) {
                // no archive this time: the next server writes one
            } finally {
                try {
                    if (pending != null) {
                        java.nio.file.Files.deleteIfExists(pending);
                    }
                } catch (java.io.IOException ignored) {
                    // left in target/cds
                }
            }
        }
    }


    /**
     * The run's one ledger, made on first use with room for {@code capacity} messages: message numbers are
     * unique within a run, so a late copy from an earlier part can never be counted for a later one.
     */
    synchronized Ledger ledger(int capacity, boolean keepIds) {
        if (ledger == null) {
            ledger = new Ledger(capacity, keepIds);
            frames.use(ledger);
        }
        return ledger;
    }

    URI uri(String path) {
        return server.uri(path);
    }

    /** Names u00000, u00001, ...: short, valid, and the same in every scenario (each has its own key prefix). */
    static List<String> names(int from, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            names.add(String.format("u%05d", i));
        }
        return names;
    }

    LoadClients.Batch connect(int from, int count) {
        long left = Math.max(1, Math.min(settings.number("connect.limit.seconds") * 1_000_000_000L, deadlineNanos - System.nanoTime()));
        return clients.connect(names(from, count), settings.number("connect.concurrency"), Duration.ofNanos(left));
    }

    /**
     * Waits until the server has finished telling the connections about each other (presence frames after a
     * wave of connects), so a measurement starts from a quiet server: nothing arrived for a second, at most 240 s.
     */
    Settled settle(String what) {
        long start = System.nanoTime();
        long before = frames.otherFrames();
        long last = before;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - start < 240_000_000_000L && timeLeft()) {
            Pause.millis(100);
            long now = frames.otherFrames();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 1_000_000_000L) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean quiet = System.nanoTime() - quietSince > 1_000_000_000L;
        Benchmark.log(what + ": " + (quiet ? "settled" : "NOT settled") + " after " + Fmt.f(seconds, 1) + " s, "
                + (last - before) + " presence and other frames meanwhile");
        return new Settled(seconds, last - before, quiet);
    }

    /** How long the server took to go quiet after connects, and how many frames it sent meanwhile. */
    record Settled(double seconds, long frames, boolean quiet) {

        String describe() {
            return (quiet ? "went quiet after " : "was still sending after ") + Fmt.f(seconds, 0) + " s ("
                    + Fmt.count(frames) + " presence and other frames to the generator meanwhile)";
        }
    }

    boolean timeLeft() {
        return System.nanoTime() < deadlineNanos;
    }

    HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.mint(user)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The server's readiness as its /health/ready says (Redis answering). */
    boolean ready() {
        return server.status("/health/ready") == 200;
    }

    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            if (ownsServer) {
                server.stop();
                if (archive != null) {
                    archive.publish();
                }
                redis.deleteKeys(keyPrefix);
            }
        }
    }
}
