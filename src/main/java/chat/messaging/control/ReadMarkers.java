package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.platform.control.LuaScript;
import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Read markers per user and conversation ({@code read:<user>}: conversation → "id sequence"), shared by
 * all the user's devices. Every stored message has a sequence number, so an unread count is one
 * subtraction; sending a message moves the sender's own marker to it (own messages are never unread).
 */
@ApplicationScoped
public class ReadMarkers {

    private static final LuaScript ADVANCE = LuaScript.of("""
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if cur then
              local n = tonumber(string.match(cur, ' (%d+)$'))
              if n and n >= tonumber(ARGV[3]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
            return 1""");

    /**
     * Lua: sets a marker at the conversation's newest message unless there is one. KEYS 1 the user's markers, 2 the
     * conversation's sequence. ARGV 1 conversation. Shared with {@link Memberships}'s script for a connect.
     */
    static final String START_MARKER = """
            redis.call('HSETNX', KEYS[1], ARGV[1], '0-0 ' .. (redis.call('GET', KEYS[2]) or '0'))
            """;

    /** One round trip, not two. */
    private static final LuaScript START = LuaScript.of(START_MARKER);

    @Inject
    Redis redis;

    @Inject
    MessageStore store;

    /** Sets the marker to the newest message unless the user has one already (joining, first connect). */
    public void startAtNewest(String user, Conversation conversation) {
        redis.call(jedis -> START.run(jedis, List.of(redis.key("read:" + user), redis.key("seq:" + conversation.key())),
                List.of(conversation.key())));
    }

    /** Marks everything up to {@code id} read; a marker never moves back. False when the id names nothing. */
    public boolean markRead(String user, Conversation conversation, String id) {
        return store.sequenceAt(conversation, id).map(seq -> {
            redis.call(jedis -> ADVANCE.run(jedis, List.of(redis.key("read:" + user)),
                    List.of(conversation.key(), id, String.valueOf(seq))));
            return true;
        }).orElse(false);
    }

    /** Unread counts for the user's rooms and direct conversations, keyed as the welcome frame shows them. */
    public Map<String, Long> unread(String user, List<String> rooms, List<String> peers) {
        List<Conversation> conversations = new ArrayList<>();
        rooms.forEach(r -> conversations.add(Conversation.room(r)));
        peers.forEach(p -> conversations.add(Conversation.direct(user, p)));
        Map<String, Long> unread = new LinkedHashMap<>();
        redis.call(jedis -> {
            Pipeline pipe = jedis.pipelined();
            Response<List<String>> markers = pipe.hmget(redis.key("read:" + user),
                    conversations.stream().map(Conversation::key).toArray(String[]::new));
            List<Response<String>> sequences = conversations.stream()
                    .map(c -> pipe.get(redis.key("seq:" + c.key()))).toList();
            pipe.sync();
            for (int i = 0; i < conversations.size(); i++) {
                String marker = markers.get().get(i);
                long read = marker == null ? 0 : Long.parseLong(marker.substring(marker.indexOf(' ') + 1));
                String seq = sequences.get(i).get();
                long count = Math.max(0, (seq == null ? 0 : Long.parseLong(seq)) - read);
                if (count > 0) {
                    unread.put(conversations.get(i).unreadKey(user), count);
                }
            }
            return null;
        });
        return unread;
    }
}
