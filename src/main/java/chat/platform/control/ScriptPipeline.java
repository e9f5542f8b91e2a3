package chat.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Lua scripts on Redis in pipelines: one writer thread with a connection of its own takes every run
 * that is waiting and sends them together, so under load many scripts cost one round trip and one system
 * call instead of one each, and no caller goes through the EJB container or the pool. Callers wait on the
 * returned future. Runs are sent in the order they were submitted (one thread, one connection), so two
 * runs of one caller that waits for each keep their order. A Redis outage fails the runs of the batch with
 * {@link StoreUnavailable} (a run cut off mid-batch may or may not have been executed, as with a single call).
 */
@ApplicationScoped
public class ScriptPipeline {

    private static final Logger LOG = Logger.getLogger(ScriptPipeline.class.getName());
    /** Enough to amortize a round trip; small enough that one batch never holds up the next for long. */
    private static final int MAX_BATCH = 256;
    /** Builds commands only (stateless for EVALSHA), shared by all callers. */
    private static final CommandObjects COMMANDS = new CommandObjects();

    @Inject
    Redis redis;

    @Resource
    ManagedThreadFactory threads;

    private final LinkedBlockingQueue<Run> waiting = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private Thread writer;
    /** Owned by the writer thread: its connection and the scripts loaded on it. */
    private Jedis jedis;
    private final Set<String> loaded = new HashSet<>();

    /** One script run; its command is encoded by the caller, so the one writer thread only writes and reads. */
    private record Run(LuaScript script, List<String> keys, List<String> args, CommandObject<Object> command,
                       CompletableFuture<Object> result) {
    }

    @PostConstruct
    void start() {
        writer = threads.newThread(this::writeForever);
        writer.setName("chat-redis-pipeline");
        writer.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        writer.interrupt();
    }

    /** Queues one script run; the future ends with the script's answer, a {@link StoreUnavailable}, or a Redis error. */
    public CompletableFuture<Object> run(LuaScript script, List<String> keys, List<String> args) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        if (stopping) {
            result.completeExceptionally(new IllegalStateException("shutting down"));
            return result;
        }
        waiting.add(new Run(script, keys, args, COMMANDS.evalsha(script.sha(), keys, args), result));
        return result;
    }

    private void writeForever() {
        List<Run> batch = new ArrayList<>(MAX_BATCH);
        while (!stopping) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, MAX_BATCH - 1);
                send(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Redis pipeline failed", e);
            } finally {
                failUnanswered(batch);
                batch.clear();
            }
        }
        closeConnection();
        List<Run> left = new ArrayList<>();
        waiting.drainTo(left);
        fail(left, new IllegalStateException("shutting down"));
    }

    private void send(List<Run> batch) {
        try {
            if (jedis == null) {
                jedis = redis.connect();
                loaded.clear();
            }
            for (Run run : batch) {
                if (loaded.add(run.script().sha())) {
                    jedis.scriptLoad(run.script().source());
                }
            }
            Pipeline pipeline = jedis.pipelined();
            List<Response<Object>> answers = new ArrayList<>(batch.size());
            for (Run run : batch) {
                answers.add(pipeline.appendCommand(run.command()));
            }
            pipeline.sync();
            redis.answered();
            List<Run> unknownScript = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Run run = batch.get(i);
                try {
                    run.result().complete(answers.get(i).get());
                } catch (JedisDataException e) {
                    if (isNoScript(e)) {
                        unknownScript.add(run);
                    } else {
                        run.result().completeExceptionally(e);
                    }
                }
            }
            if (!unknownScript.isEmpty()) {
                // someone flushed the script cache under us: send those again, in their order, with the source
                loaded.clear();
                for (Run run : unknownScript) {
                    run.result().complete(run.script().run(jedis, run.keys(), run.args()));
                }
            }
        } catch (JedisException e) {
            closeConnection();
            fail(batch, redis.failed(e));
        } catch (StoreUnavailable e) {
            fail(batch, e);
        }
    }

    private static boolean isNoScript(JedisDataException e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    /** No caller waits forever, whatever went wrong with its batch. */
    private static void failUnanswered(List<Run> batch) {
        for (Run run : batch) {
            if (!run.result().isDone()) {
                run.result().completeExceptionally(new IllegalStateException("the pipeline failed before this run"));
            }
        }
    }

    private static void fail(List<Run> runs, RuntimeException cause) {
        for (Run run : runs) {
            run.result().completeExceptionally(cause);
        }
    }

    private void closeConnection() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // broken already
            }
            jedis = null;
        }
    }
}
