package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.messaging.entity.ErrorCode;
import chat.messaging.entity.FrameRejected;
import chat.messaging.entity.Message;
import chat.platform.control.LuaScript;
import chat.platform.control.Redis;
import chat.platform.control.RedisKeys;
import chat.platform.control.ScriptPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.resps.StreamEntry;

/**
 * History: one Redis Stream per conversation ({@code log:<conversation>}), trimmed to
 * {@code chat.history.max}. Storing and publishing a message is one Lua script, so the order of ids is
 * the order in which every instance receives the messages, and "accepted" means "stored".
 */
@ApplicationScoped
public class MessageStore {

    /**
     * KEYS: 1 stream, 2 sequence, 3 the sender's clientId buckets (name without the bucket) or '', 4 sender's
     * read markers, 5 target account or '', 6 sender's and 7 target's direct-conversation sets or '' (written
     * with a conversation's first message only: its sequence starts at 1 and is never reset).
     * ARGV: 1 maxlen, 2 sender, 3 stored content, 4 ts, 5 clientId, 6 bucket seconds, 7 channel,
     * 8 bus header, 9 frame head, 10 frame tail, 11 conversation key, 12 key id, 13 target.
     * <p>
     * De-duplication keeps a sender's clientIds in one hash per time bucket ({@code clientids:<user>:<n>}, n from
     * Redis's own clock, so every instance agrees; the script names the buckets itself, which suits one Redis,
     * not a Redis Cluster), not in a key per message: a hash of a few dozen fields is one compact value, while a
     * key per message made the keyspace, memory and every AOF rewrite grow with the message rate. The current
     * and the previous bucket together cover at least one bucket's length back.
     */
    private static final LuaScript APPEND = LuaScript.of("""
            if KEYS[5] ~= '' and redis.call('EXISTS', KEYS[5]) == 0 then return {'NOUSER'} end
            local bucket
            if KEYS[3] ~= '' then
              bucket = math.floor(tonumber(redis.call('TIME')[1]) / ARGV[6])
              local prior = redis.call('HGET', KEYS[3] .. ':' .. bucket, ARGV[5])
                or redis.call('HGET', KEYS[3] .. ':' .. (bucket - 1), ARGV[5])
              if prior then return {'DUP', prior} end
            end
            local n = redis.call('INCR', KEYS[2])
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
              'u', ARGV[2], 'c', ARGV[3], 't', ARGV[4], 'n', n, 'ci', ARGV[5], 'k', ARGV[12])
            if KEYS[3] ~= '' then
              local current = KEYS[3] .. ':' .. bucket
              redis.call('HSET', current, ARGV[5], ARGV[11] .. ' ' .. id)
              -- a bucket's first record sets its expiry: it is looked in until the next bucket has passed
              if redis.call('HLEN', current) == 1 then redis.call('EXPIRE', current, 2 * ARGV[6] + 60) end
            end
            redis.call('HSET', KEYS[4], ARGV[11], id .. ' ' .. n)
            if KEYS[6] ~= '' and n == 1 then
              redis.call('SADD', KEYS[6], ARGV[13])
              redis.call('SADD', KEYS[7], ARGV[2])
            end
            redis.call('PUBLISH', ARGV[7], ARGV[8] .. '\\n' .. ARGV[9] .. id .. ARGV[10])
            return {'OK', id}
            """);

    /** A clientId is found again for one to two buckets: at least as long as the contract asks (10 minutes). */
    private static final int CLIENT_ID_BUCKET_SECONDS = 600;

    @Inject
    Redis redis;

    @Inject
    ScriptPipeline pipeline;

    @Inject
    RedisKeys keys;

    @Inject
    ContentCipher cipher;

    @Inject
    @ConfigProperty(name = "chat.history.max", defaultValue = "10000")
    long historyMax;

    /** The outcome of an append: a new message (delivered through the bus) or an earlier copy. */
    public record Appended(String id, Conversation conversation, boolean duplicate) {
    }

    public Appended append(Conversation conversation, String sender, String content, String clientId) {
        ScriptRun run = appendRun(keys::key, keys.busChannel(), historyMax, conversation, sender, content,
                cipher.seal(content), clientId, System.currentTimeMillis());
        @SuppressWarnings("unchecked")
        List<Object> result = (List<Object>) stored(pipeline.run(run.script(), run.keys(), run.args()));
        String status = text(result.get(0));
        return switch (status) {
            case "NOUSER" -> throw new FrameRejected(ErrorCode.USER_NOT_FOUND,
                    "no such user: " + conversation.peerOf(sender));
            case "DUP" -> {
                String[] prior = text(result.get(1)).split(" ", 2);
                yield new Appended(prior[1], Conversation.ofKey(prior[0]), true);
            }
            default -> new Appended(text(result.get(1)), conversation, false);
        };
    }

    /** One run of a script: its keys and arguments. */
    public record ScriptRun(LuaScript script, List<String> keys, List<String> args) {
    }

    /**
     * The store script's run for one message, as {@link #append} sends it; public so that the benchmark's store
     * scenario sends exactly this. {@code key} puts a name under the chat's key prefix.
     */
    public static ScriptRun appendRun(UnaryOperator<String> key, String busChannel, long historyMax,
                                      Conversation conversation, String sender, String content,
                                      ContentCipher.Sealed sealed, String clientId, long ts) {
        String conv = conversation.key();
        boolean hasClientId = clientId != null && !clientId.isEmpty();
        String target = conversation.isRoom() ? "" : conversation.peerOf(sender);
        List<String> scriptKeys = List.of(
                key.apply("log:" + conv),
                key.apply("seq:" + conv),
                hasClientId ? key.apply("clientids:" + sender) : "",
                key.apply("read:" + sender),
                conversation.isRoom() ? "" : key.apply("user:" + target),
                conversation.isRoom() ? "" : key.apply("dms:" + sender),
                conversation.isRoom() ? "" : key.apply("dms:" + target));
        List<String> args = List.of(
                String.valueOf(historyMax), sender, sealed.text(), String.valueOf(ts),
                hasClientId ? clientId : "", String.valueOf(CLIENT_ID_BUCKET_SECONDS), busChannel,
                BusEvents.messageHeader(conv, sender, hasClientId ? clientId : "", ts),
                MessageFrames.head(conversation), MessageFrames.tail(conversation, sender, content, ts),
                conv, sealed.keyId(), target);
        return new ScriptRun(APPEND, scriptKeys, args);
    }

    /**
     * Waits for the store's answer: the sender is acknowledged only through the bus, after the script stored
     * the message, and the connection's next frame is handled only after this one (frames in order).
     */
    private static Object stored(CompletableFuture<Object> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    public Optional<Message> find(Conversation conversation, String id) {
        List<StreamEntry> entries = redis.call(jedis -> jedis.xrange(log(conversation), id, id, 1));
        return entries.stream().findFirst().map(e -> toMessage(conversation, e));
    }

    /** A page of history, oldest first; {@code hasMore} tells whether more lie beyond it in the direction asked. */
    public record Page(List<Message> messages, boolean hasMore) {
    }

    public Page page(Conversation conversation, String before, String after, int limit) {
        String key = log(conversation);
        List<StreamEntry> entries;
        boolean newestFirst;
        if (after != null) {
            String end = before != null ? "(" + before : "+";
            entries = redis.call(jedis -> jedis.xrange(key, "(" + after, end, limit + 1));
            newestFirst = false;
        } else {
            String end = before != null ? "(" + before : "+";
            entries = redis.call(jedis -> jedis.xrevrange(key, end, "-", limit + 1));
            newestFirst = true;
        }
        boolean hasMore = entries.size() > limit;
        List<Message> messages = new ArrayList<>(Math.min(entries.size(), limit));
        for (StreamEntry e : entries.subList(0, Math.min(entries.size(), limit))) {
            messages.add(toMessage(conversation, e));
        }
        if (newestFirst) {
            Collections.reverse(messages);
        }
        return new Page(messages, hasMore);
    }

    /** The sequence number of the message with this id, or of the newest one before it (read markers). */
    public Optional<Long> sequenceAt(Conversation conversation, String id) {
        List<StreamEntry> entries = redis.call(jedis -> jedis.xrevrange(log(conversation), id, "-", 1));
        return entries.stream().findFirst().map(e -> Long.parseLong(e.getFields().get("n")));
    }

    private Message toMessage(Conversation conversation, StreamEntry e) {
        Map<String, String> f = e.getFields();
        String user = f.get("u");
        String clientId = f.get("ci");
        return new Message(e.getID().toString(), conversation, user,
                conversation.isRoom() ? null : conversation.peerOf(user),
                cipher.open(f.get("c"), f.get("k")), Long.parseLong(f.get("t")),
                clientId == null || clientId.isEmpty() ? null : clientId);
    }

    private String log(Conversation conversation) {
        return keys.key("log:" + conversation.key());
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
