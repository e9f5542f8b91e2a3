package chat.benchmark;

import chat.messaging.control.MessageStore;
import chat.platform.control.LuaScript;
import chat.testing.LocalRedis;
import java.lang.reflect.Field;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * What storing a direct message costs Redis alone, without the server: the server's own store script
 * ({@code MessageStore}) run against a fresh Redis of its own (AOF on, like the benchmark's Redis), in pipelined
 * batches as the server's pipeline sends them, among {@code store.pairs} conversations. The Redis process and
 * its AOF-rewrite children are counted apart (the run waits for a rewrite still going at the end), and memory
 * per stored message is Redis's {@code used_memory} at the end over the runs. Opt-in:
 * {@code payara/benchmark.sh scenarios=store}.
 */
final class StoreScenario {

    private static final String PREFIX = "bench-store:";

    private StoreScenario() {
    }

    /** {@code started} hears of the scenario's own Redis at once, so a stopped benchmark stops it too. */
    static Section run(Settings settings, Consumer<LocalRedis> started) {
        Section section = new Section("store", "Storing a direct message: Redis alone, with its AOF rewrites");
        int runs = settings.number("store.runs");
        int pairs = settings.number("store.pairs");
        int batch = settings.number("store.batch");
        // the stored content is sealed (AES-GCM, base64) like the server's: 12 bytes of nonce and 16 of tag more
        String sealed = Base64.getEncoder().encodeToString(new byte[settings.number("content.size") + 28]);
        LocalRedis redis = LocalRedis.startOwn();
        started.accept(redis);
        try (Jedis jedis = redis.connect()) {
            long pid = redis.pid().orElseThrow();
            String sha = jedis.scriptLoad(storeScript().source());
            for (int u = 0; u < 2 * pairs; u++) {
                jedis.hset(PREFIX + "user:u" + u, "created", "0");
            }
            CpuClock.Reading before = new CpuClock(-1, pid).read();
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < runs; i++) {
                pipeline.evalsha(sha, keys(i, pairs), args(i, pairs, sealed));
                if (i % batch == batch - 1) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
            double storeSeconds = (System.nanoTime() - before.wallNanos()) / 1e9;
            while (jedis.info("persistence").contains("aof_rewrite_in_progress:1")) {
                Pause.millis(100);
            }
            Pause.millis(200);
            CpuClock.Usage usage = new CpuClock(-1, pid).read().since(before);
            long usedMemory = Long.parseLong(jedis.info("memory").replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
            long keys = jedis.dbSize();
            double redisMicros = usage.redisSeconds() * 1e6 / runs;
            double rewriteMicros = usage.redisRewriteSeconds() * 1e6 / runs;
            section.table("", "runs", "conversations", "batch", "runs/s", "redis µs/run", "rewrites µs/run", "together µs/run",
                            "memory B/message", "keys")
                    .row(runs, pairs, batch, Fmt.count(runs / storeSeconds), Fmt.f(redisMicros, 1), Fmt.f(rewriteMicros, 1),
                            Fmt.f(redisMicros + rewriteMicros, 1), Fmt.f((double) usedMemory / runs, 0), keys);
            section.json.add("runs", runs).add("conversations", pairs).add("batch", batch)
                    .add("runsPerSecond", Fmt.round(runs / storeSeconds, 1))
                    .add("redisMicrosPerRun", Fmt.round(redisMicros, 2)).add("rewriteMicrosPerRun", Fmt.round(rewriteMicros, 2))
                    .add("usedMemoryBytesPerMessage", Fmt.round((double) usedMemory / runs, 1)).add("keys", keys);
            section.note("Each run is a direct message with a clientId of its own, from one user of a pair to the other"
                    + " (alternating), as the server's pipeline sends them: " + batch + " per batch, one connection. Redis"
                    + " µs/run is the Redis process; rewrites µs/run its AOF-rewrite children (forks), which the DM"
                    + " scenario sees only partly in its 20-second window. The load itself (this JVM) is not counted.");
            return section;
        } finally {
            redis.stop();
        }
    }

    private static List<String> keys(int i, int pairs) {
        String sender = sender(i, pairs);
        String target = target(i, pairs);
        String conv = conversation(i, pairs);
        return List.of(PREFIX + "log:" + conv, PREFIX + "seq:" + conv, PREFIX + "clientids:" + sender,
                PREFIX + "read:" + sender, PREFIX + "user:" + target, PREFIX + "dms:" + sender, PREFIX + "dms:" + target);
    }

    private static List<String> args(int i, int pairs, String sealed) {
        String sender = sender(i, pairs);
        String target = target(i, pairs);
        String conv = conversation(i, pairs);
        String ts = String.valueOf(System.currentTimeMillis());
        String clientId = "s" + i;
        return List.of("10000", sender, sealed, ts, clientId, "600", PREFIX + "bus",
                "M\t" + conv + "\t" + sender + "\t" + clientId + "\t" + ts, "{\"type\":\"private\",\"id\":\"",
                "\",\"user\":\"" + sender + "\",\"target\":\"" + target + "\",\"content\":\"" + "x".repeat(100) + "\",\"ts\":" + ts + "}",
                conv, "k1", target);
    }

    private static String sender(int i, int pairs) {
        return "u" + (2 * (i % pairs) + (i / pairs) % 2);
    }

    private static String target(int i, int pairs) {
        return "u" + ((2 * (i % pairs) + (i / pairs) % 2) ^ 1);
    }

    private static String conversation(int i, int pairs) {
        int first = 2 * (i % pairs);
        return "d:u" + first + ":u" + (first + 1);
    }

    /** The server's own script, so this measures what the server sends. */
    private static LuaScript storeScript() {
        try {
            Field append = MessageStore.class.getDeclaredField("APPEND");
            append.setAccessible(true);
            return (LuaScript) append.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MessageStore.APPEND: " + e, e);
        }
    }
}
