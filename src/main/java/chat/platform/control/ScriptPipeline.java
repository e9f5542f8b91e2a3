package chat.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
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
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs Lua scripts on Redis in pipelines: one writer thread with a connection of its own takes every run
 * that is waiting and sends them together, so under load many scripts cost one round trip and one system
 * call instead of one each, and no caller takes a connection from the pool. The next batch is
 * written before the answers to the previous one are read, so Redis has the next batch queued while this side
 * reads answers and wakes callers (two batches in flight at most). Callers wait on the returned future.
 * Runs are sent in the order they were submitted (one thread, one connection), so two runs of one caller
 * that waits for each keep their order. A Redis outage fails the runs in flight with {@link StoreUnavailable}
 * (a run cut off mid-batch may or may not have been executed, as with a single call).
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
    /** Owned by the writer thread: its connection, the scripts it sent there, and what awaits an answer. */
    private Jedis jedis;
    private final Set<String> loaded = new HashSet<>();
    private final ArrayDeque<List<Run>> inFlight = new ArrayDeque<>(2);
    /** Runs answered NOSCRIPT (the script cache was flushed): sent again with their source, first of the next batch. */
    private final List<Run> resend = new ArrayList<>();

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
        while (!stopping) {
            List<Run> batch = new ArrayList<>(resend);
            resend.clear();
            try {
                if (batch.isEmpty() && inFlight.isEmpty()) {
                    batch.add(waiting.take());
                }
                waiting.drainTo(batch, MAX_BATCH - batch.size());
                if (!batch.isEmpty()) {
                    write(batch);
                }
                // with nothing new to send, or a batch already queued behind this one, read the older answers
                if (batch.isEmpty() || inFlight.size() > 1) {
                    readAnswers(inFlight.peek());
                    inFlight.poll();
                }
            } catch (InterruptedException e) {
                break;
            } catch (JedisException e) {
                closeConnection();
                failInFlight(batch, redis.failed(e));
            } catch (StoreUnavailable e) {
                closeConnection();
                failInFlight(batch, e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Redis pipeline failed", e);
                closeConnection();
                failInFlight(batch, new IllegalStateException("the pipeline failed before this run", e));
            }
        }
        closeConnection();
        List<Run> left = new ArrayList<>(resend);
        inFlight.forEach(left::addAll);
        waiting.drainTo(left);
        fail(left, new IllegalStateException("shutting down"));
    }

    /** Buffers the batch's commands on the connection; reading the answers of the batch before it flushes them. */
    private void write(List<Run> batch) {
        if (jedis == null) {
            jedis = redis.connect();
            loaded.clear();
            // connecting took answers from Redis (client name, auth): tell the health log once, not per batch
            redis.answered();
        }
        Connection connection = jedis.getConnection();
        for (Run run : batch) {
            // a script's first run on a connection is an EVAL, which loads it on the way: no extra round trip,
            // and the connection's answers stay in the order of the runs
            boolean first = loaded.add(run.script().sha());
            connection.sendCommand(first ? COMMANDS.eval(run.script().source(), run.keys(), run.args()).getArguments()
                    : run.command().getArguments());
        }
        inFlight.add(batch);
    }

    private void readAnswers(List<Run> batch) {
        Connection connection = jedis.getConnection();
        for (Run run : batch) {
            try {
                run.result().complete(run.command().getBuilder().build(connection.getOne()));
            } catch (JedisDataException e) {
                if (e instanceof JedisNoScriptException) {
                    // someone flushed the script cache under us: this run goes again, with its source
                    loaded.remove(run.script().sha());
                    resend.add(run);
                } else {
                    // a Redis that answers but cannot serve (loading, busy, read-only) is an outage like a lost connection
                    run.result().completeExceptionally(redis.failed(e));
                }
            }
        }
    }

    /**
     * The connection broke or an answer could not be read: every run not yet answered fails (those answered
     * stay as they are), so no caller waits forever.
     */
    private void failInFlight(List<Run> batch, RuntimeException cause) {
        inFlight.forEach(runs -> fail(runs, cause));
        inFlight.clear();
        fail(resend, cause);
        resend.clear();
        fail(batch, cause);
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
