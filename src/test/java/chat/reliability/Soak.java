package chat.reliability;

import chat.benchmark.Probes;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.PlainHttp;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak: minutes of connect / chat / disconnect churn against one Payara Micro (its own Redis), sampling the
 * server once a minute from outside as an operator would (heap after a full GC, open connections from /metrics,
 * threads, RSS, open files). At the end, with every client gone, the server must be back where it started:
 * no connection left, heap and threads near the baseline taken after a warm-up. Prints a table and one JSON line;
 * exits 1 when a check fails. Run by payara/soak.sh; settings (system property or environment variable):
 * soak.minutes / SOAK_MINUTES (10), soak.workers / SOAK_WORKERS (8 churning clients), soak.residents /
 * SOAK_RESIDENTS (20 connections open throughout), soak.warmup-seconds / SOAK_WARMUP_SECONDS (30).
 */
public final class Soak {

    private static final String PREFIX = "chat-soak-" + Long.toString(System.nanoTime() % 1_000_000L, 36) + ":";
    private static final Pattern METRIC = Pattern.compile("(?m)^(chat_[a-z_]+?)(_total)?\\{[^}]*\\}\\s+([0-9.eE+-]+)$");
    private static final HttpClient HTTP = PlainHttp.client(Duration.ofSeconds(5));
    private static final long WAIT_MS = 10_000;

    private final PayaraInstance server;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong errorFrames = new AtomicLong();
    private final AtomicLong residentDrops = new AtomicLong();
    private volatile boolean churning;

    private Soak(PayaraInstance server) {
        this.server = server;
    }

    /** One sample of the server, taken from outside. */
    record Sample(String label, long seconds, long connections, long users, long heapKiB, int threads, long rssKiB,
            int openFiles, long connects, long sent, long received) {

        String row() {
            return String.format(Locale.ROOT, "%-9s %6d %6d %6d %9.1f %8d %9.1f %6d %9d %9d %11d", label, seconds,
                    connections, users, heapKiB / 1024.0, threads, rssKiB / 1024.0, openFiles, connects, sent, received);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"label\":\"%s\",\"s\":%d,\"connections\":%d,\"users\":%d,\"heapMiB\":%.1f,"
                    + "\"threads\":%d,\"rssMiB\":%.1f,\"fds\":%d}", label, seconds, connections, users, heapKiB / 1024.0,
                    threads, rssKiB / 1024.0, openFiles);
        }
    }

    public static void main(String[] args) throws Exception {
        int minutes = setting("soak.minutes", 10);
        int workers = setting("soak.workers", 8);
        int residents = setting("soak.residents", 20);
        int warmupSeconds = setting("soak.warmup-seconds", 30);
        LocalRedis redis = LocalRedis.startOwn();
        Map<String, String> env = new HashMap<>(TestCluster.env(redis));
        env.put("CHAT_REDIS_KEY_PREFIX", PREFIX);
        // one generator address opens thousands of connections: the per-address throttles would refuse it
        env.put("CHAT_MAX_CONNECTIONS_PER_ADDRESS", "100000");
        env.put("CHAT_HANDSHAKES_PER_MINUTE", "1000000");
        env.put("CHAT_RATE", "1000");
        env.put("CHAT_RATE_WINDOW_SECONDS", "1");
        List<String> jvm = List.of(System.getProperty("soak.server.jvm", "-Xmx512m -XX:+UseSerialGC").split("\\s+"));
        PayaraInstance[] server = new PayaraInstance[1];
        // a stop of the soak (Ctrl-C, SIGTERM) must not leave its Payara and Redis behind
        Thread cleanUp = new Thread(() -> {
            if (server[0] != null) {
                server[0].stop();
            }
            redis.stop();
        });
        Runtime.getRuntime().addShutdownHook(cleanUp);
        server[0] = PayaraInstance.start("soak", env, jvm);
        System.out.printf(Locale.ROOT, "soak: Payara Micro pid %d on port %s started in %d s; %d min, %d churning clients,"
                + " %d residents, %d s warm-up%n", server[0].pid(), server[0].uri("/").getPort(),
                server[0].startup().toSeconds(), minutes, workers, residents, warmupSeconds);
        int exit = new Soak(server[0]).run(minutes, workers, residents, warmupSeconds);
        System.exit(exit);
    }

    private int run(int minutes, int workers, int residents, int warmupSeconds) throws Exception {
        Instant start = Instant.now();
        // warm-up: the JIT, class loading and pools settle; the baseline is the quiet server after it
        List<Thread> warm = startWorkers(workers);
        Thread.sleep(warmupSeconds * 1000L);
        stopWorkers(warm);
        awaitNoConnections();
        List<Sample> samples = new ArrayList<>();
        Sample baseline = sample("baseline", start);
        samples.add(baseline);
        System.out.println(header());
        System.out.println(baseline.row());

        List<Resident> present = new ArrayList<>();
        for (int i = 0; i < residents; i++) {
            present.add(new Resident());
        }
        List<Thread> churn = startWorkers(workers);
        Instant soakStart = Instant.now();
        for (int minute = 1; minute <= minutes; minute++) {
            long due = soakStart.plusSeconds(60L * minute).toEpochMilli() - System.currentTimeMillis();
            Thread.sleep(Math.max(0, due));
            for (Resident r : present) {
                r.reconnectIfDropped();
            }
            Sample s = sample("min " + minute, start);
            samples.add(s);
            keepHistogram("min-" + minute);
            System.out.println(s.row());
        }
        stopWorkers(churn);
        for (Resident r : present) {
            r.close();
        }
        long drained = awaitNoConnections();
        Sample end = sample("end", start);
        samples.add(end);
        keepHistogram("end");
        System.out.println(end.row());

        Sample peak = samples.stream().max((x, y) -> Long.compare(x.heapKiB(), y.heapKiB())).orElseThrow();
        long heapLimit = baseline.heapKiB() + Math.max(30 * 1024, baseline.heapKiB() / 5);
        int threadLimit = baseline.threads() + Math.max(5, baseline.threads() / 10);
        int fdLimit = baseline.openFiles() + Math.max(20, baseline.openFiles() / 10);
        Map<String, Boolean> checks = new java.util.LinkedHashMap<>();
        checks.put("connectionsZero", end.connections() == 0 && end.users() == 0);
        checks.put("heapNearBaseline", end.heapKiB() > 0 && end.heapKiB() <= heapLimit);
        checks.put("threadsNearBaseline", end.threads() <= threadLimit);
        checks.put("openFilesNearBaseline", end.openFiles() <= fdLimit);
        checks.put("noServerErrors", errorFrames.get() == 0);
        boolean pass = checks.values().stream().allMatch(b -> b);
        System.out.printf(Locale.ROOT, "%nconnections opened %d (failed %d), messages sent %d, acknowledged %d, frames received %d,"
                + " error frames %d, resident drops %d; connections drained %d ms after the last client left%n",
                connects.get(), failedConnects.get(), sent.get(), acknowledged.get(), received.get(), errorFrames.get(),
                residentDrops.get(), drained);
        System.out.printf(Locale.ROOT, "limits: heap ≤ %.1f MiB, threads ≤ %d, open files ≤ %d; checks %s -> %s%n",
                heapLimit / 1024.0, threadLimit, fdLimit, checks, pass ? "PASS" : "FAIL");
        StringBuilder json = new StringBuilder("{\"soak\":{\"minutes\":").append(minutes)
                .append(",\"workers\":").append(workers).append(",\"residents\":").append(residents)
                .append(",\"connects\":").append(connects.get()).append(",\"failedConnects\":").append(failedConnects.get())
                .append(",\"sent\":").append(sent.get()).append(",\"acknowledged\":").append(acknowledged.get())
                .append(",\"received\":").append(received.get()).append(",\"errorFrames\":").append(errorFrames.get())
                .append(",\"residentDrops\":").append(residentDrops.get()).append(",\"drainedMs\":").append(drained)
                .append(",\"baseline\":").append(baseline.json()).append(",\"peak\":").append(peak.json())
                .append(",\"end\":").append(end.json()).append(",\"pass\":").append(pass).append("}}");
        System.out.println(json);
        return pass ? 0 : 1;
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-9s %6s %6s %6s %9s %8s %9s %6s %9s %9s %11s", "sample", "t[s]", "conns",
                "users", "heap[MiB]", "threads", "rss[MiB]", "fds", "connects", "sent", "received");
    }

    // ---- churn: connect, chat a little, disconnect (politely or by dropping the socket), again

    private List<Thread> startWorkers(int count) {
        churning = true;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::churn, "soak-churn-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private void stopWorkers(List<Thread> threads) throws InterruptedException {
        churning = false;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    private void churn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long round = 0; churning && round < 10_000_000L; round++) {
            String user = "soak-" + random.nextInt(200);
            Client c;
            try {
                c = new Client(user);
            } catch (RuntimeException e) {
                failedConnects.incrementAndGet();
                pause(1000);
                continue;
            }
            try {
                String room = "general";
                if (random.nextInt(3) == 0) {
                    room = "soak-" + random.nextInt(5);
                    c.send(Json.createObjectBuilder().add("type", "join").add("room", room).build().toString());
                }
                int messages = 1 + random.nextInt(5);
                for (int m = 0; m < messages && churning; m++) {
                    String clientId = user + "-" + System.nanoTime();
                    c.send(Json.createObjectBuilder().add("type", "chat").add("room", room)
                            .add("content", "soak message " + round + "/" + m).add("clientId", clientId).build().toString());
                    sent.incrementAndGet();
                    pause(150 + random.nextInt(150));
                }
                if (random.nextInt(5) == 0) {
                    c.send(Json.createObjectBuilder().add("type", "history").add("room", room).add("limit", 50).build().toString());
                }
                if (random.nextInt(4) == 0) {
                    c.send(Json.createObjectBuilder().add("type", "typing").add("room", room).build().toString());
                }
                pause(100);
            } finally {
                // one in five vanishes without a close frame, as a browser tab killed or a phone off the network
                c.close(random.nextInt(5) != 0);
            }
            pause(100 + random.nextInt(300));
        }
    }

    /** A connection kept open the whole soak: receives every message of general. */
    private final class Resident {
        private final String user = "resident-" + Users.unique("soak");
        private Client client = new Client(user);

        void reconnectIfDropped() {
            if (client.closed.isDone()) {
                residentDrops.incrementAndGet();
                client = new Client(user);
            }
        }

        void close() {
            client.close(true);
        }
    }

    private final class Client {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final WebSocket socket;

        Client(String user) {
            CompletableFuture<Void> welcome = new CompletableFuture<>();
            socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofMillis(WAIT_MS))
                    .buildAsync(server.webSocketUri("/chat?token=" + Users.mint(user)), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                String frame = partial.toString();
                                partial.setLength(0);
                                received.incrementAndGet();
                                if (frame.contains("\"type\":\"welcome\"")) {
                                    welcome.complete(null);
                                } else if (frame.contains("\"type\":\"error\"")) {
                                    errorFrames.incrementAndGet();
                                    System.err.println("soak: error frame " + frame);
                                } else if (frame.contains("\"clientId\"") && !frame.contains("\"type\":\"history\"")) {
                                    acknowledged.incrementAndGet();
                                }
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket ws, Throwable error) {
                            closed.complete(1006);
                        }
                    }).orTimeout(WAIT_MS, TimeUnit.MILLISECONDS).join();
            try {
                welcome.orTimeout(WAIT_MS, TimeUnit.MILLISECONDS).join();
            } catch (RuntimeException e) {
                socket.abort();
                throw e;
            }
            connects.incrementAndGet();
        }

        void send(String json) {
            try {
                socket.sendText(json, true).get(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the server closed it meanwhile: the next round connects again
            }
        }

        void close(boolean politely) {
            if (politely && !closed.isDone()) {
                try {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
                    closed.get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // dropped below
                }
            }
            socket.abort();
        }
    }

    // ---- sampling from outside

    private Sample sample(String label, Instant start) {
        long pid = server.pid();
        long heap = Probes.heapAfterGcKiB(pid);
        Map<String, Double> metrics = metrics();
        return new Sample(label, Duration.between(start, Instant.now()).toSeconds(),
                metrics.getOrDefault("chat_connections", -1.0).longValue(),
                metrics.getOrDefault("chat_users_connected", -1.0).longValue(), heap, Probes.threads(pid),
                Probes.rssKiB(pid), Probes.openFiles(pid), connects.get(), sent.get(), received.get());
    }

    /** The biggest classes on the server's heap, kept in target/soak/ to explain what the heap holds. */
    private void keepHistogram(String label) {
        String histogram = Probes.jcmd(server.pid(), "GC.class_histogram");
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(chat.testing.TestPaths.target().resolve("soak"));
            java.nio.file.Files.writeString(dir.resolve("histogram-" + label + ".txt"),
                    String.join("\n", histogram.lines().limit(40).toList()) + "\n");
        } catch (java.io.IOException e) {
            // the figures in the table are what counts
        }
    }

    private Map<String, Double> metrics() {
        Map<String, Double> values = new HashMap<>();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri("/metrics?scope=application"))
                    .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = METRIC.matcher(r.body());
            while (m.find()) {
                values.putIfAbsent(m.group(1), Double.parseDouble(m.group(3)));
            }
        } catch (Exception e) {
            // a missing figure shows as -1
        }
        return values;
    }

    /** Waits (at most 60 s) until the server counts no connection; answers how long that took. */
    private long awaitNoConnections() throws InterruptedException {
        long started = System.currentTimeMillis();
        for (int i = 0; i < 600; i++) {
            Map<String, Double> m = metrics();
            if (m.getOrDefault("chat_connections", -1.0) == 0 && m.getOrDefault("chat_users_connected", -1.0) == 0) {
                break;
            }
            Thread.sleep(100);
        }
        return System.currentTimeMillis() - started;
    }

    private static int setting(String property, int fallback) {
        String env = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return Integer.getInteger(property, env == null || env.isBlank() ? fallback : Integer.parseInt(env.trim()));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
