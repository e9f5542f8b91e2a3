package chat.benchmark;

import chat.messaging.control.ContentCipher;
import chat.messaging.control.MessageStore;
import chat.messaging.entity.Conversation;
import chat.testing.LocalRedis;
import java.util.Base64;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * What storing a direct message costs Redis alone, without the server: the server's own store script, with the
 * keys and arguments the server would send ({@code MessageStore.appendRun}), against a fresh Redis of its own
 * (AOF on, like the benchmark's Redis), in pipelined batches as the server's pipeline sends them, among
 * {@code store.pairs} conversations. The Redis process and its AOF-rewrite children are counted apart (the run
 * waits for a rewrite still going at the end), and memory per stored message is Redis's {@code used_memory} at
 * the end over the runs. Opt-in: {@code payara/benchmark.sh scenarios=store}.
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
        int size = settings.number("content.size");
        String content = "x".repeat(size);
        // stored sealed like the server's (AES-GCM, base64): 12 bytes of nonce and 16 of tag more
        ContentCipher.Sealed sealed = new ContentCipher.Sealed(
                Base64.getEncoder().encodeToString(new byte[size + 28]), "k1");
        LocalRedis redis = LocalRedis.startOwn();
        started.accept(redis);
        try (Jedis jedis = redis.connect()) {
            long pid = redis.pid().orElseThrow();
            jedis.scriptLoad(run(0, pairs, content, sealed).script().source());
            for (int u = 0; u < 2 * pairs; u++) {
                jedis.hset(PREFIX + "user:u" + u, "created", "0");
            }
            CpuClock.Reading before = new CpuClock(-1, pid).read();
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < runs; i++) {
                MessageStore.ScriptRun run = run(i, pairs, content, sealed);
                pipeline.evalsha(run.script().sha(), run.keys(), run.args());
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

    /** Run i: a direct message with a clientId of its own, from one user of pair i % pairs to the other. */
    private static MessageStore.ScriptRun run(int i, int pairs, String content, ContentCipher.Sealed sealed) {
        int first = 2 * (i % pairs);
        int sender = first + (i / pairs) % 2;
        return MessageStore.appendRun(name -> PREFIX + name, PREFIX + "bus", 10_000,
                Conversation.direct("u" + first, "u" + (first + 1)), "u" + sender, content, sealed, "s" + i,
                System.currentTimeMillis());
    }
}
