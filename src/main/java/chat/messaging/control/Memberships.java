package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.messaging.entity.ServerFrame;
import chat.platform.control.LuaScript;
import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Room membership, kept in Redis across reconnects ({@code rooms:<user>} and {@code members:<room>});
 * everyone is in general without being listed. A change reaches all the user's connections through the bus.
 */
@ApplicationScoped
public class Memberships {

    @Inject
    Redis redis;

    @Inject
    ReadMarkers readMarkers;

    @Inject
    FrameCodec codec;

    /**
     * KEYS 1 the user's read markers, 2 general's sequence, 3 the user's rooms, 4 the user's direct partners.
     * ARGV 1 general's conversation key. Returns {rooms, partners}.
     */
    private static final LuaScript ON_CONNECT = LuaScript.of(ReadMarkers.START_MARKER + """
            return {redis.call('SMEMBERS', KEYS[3]), redis.call('SMEMBERS', KEYS[4])}""");

    /** A user's conversations: rooms (general first, then by name) and the partners of direct conversations (by name). */
    public record Conversations(List<String> rooms, List<String> peers) {
    }

    /**
     * What a connection needs of the user's conversations as it opens, with general's read marker started at its
     * newest message on a first connect. One script: a connect's store work is mostly waiting for round trips
     * (docs/benchmark/history.md, ninth session), and these were three.
     */
    public Conversations onConnect(String user) {
        Conversation general = Conversation.room(Conversation.GENERAL);
        List<?> reply = (List<?>) redis.call(jedis -> ON_CONNECT.run(jedis,
                List.of(redis.key("read:" + user), redis.key("seq:" + general.key()), redis.key("rooms:" + user),
                        redis.key("dms:" + user)),
                List.of(general.key())));
        Set<String> rooms = new TreeSet<>(names(reply.get(0)));
        rooms.remove(Conversation.GENERAL);
        List<String> all = new ArrayList<>(rooms.size() + 1);
        all.add(Conversation.GENERAL);
        all.addAll(rooms);
        return new Conversations(all, names(reply.get(1)).stream().sorted().toList());
    }

    private static List<String> names(Object reply) {
        return ((List<?>) reply).stream().map(String.class::cast).toList();
    }

    public boolean isMember(String user, String room) {
        return Conversation.GENERAL.equals(room) || redis.call(jedis -> jedis.sismember(redis.key("rooms:" + user), room));
    }

    public void join(String user, String room) {
        if (!Conversation.GENERAL.equals(room)) {
            redis.call(jedis -> {
                jedis.sadd(redis.key("rooms:" + user), room);
                return jedis.sadd(redis.key("members:" + room), user);
            });
        }
        // a member's read marker starts where they joined: the room's past is not unread
        readMarkers.startAtNewest(user, Conversation.room(room));
        redis.publish(BusEvents.event(BusEvents.JOINED, codec.write(ServerFrame.Joined.joined(room)), user, room));
    }

    public void leave(String user, String room) {
        redis.call(jedis -> {
            jedis.srem(redis.key("rooms:" + user), room);
            return jedis.srem(redis.key("members:" + room), user);
        });
        redis.publish(BusEvents.event(BusEvents.LEFT, codec.write(ServerFrame.Joined.left(room)), user, room));
    }
}
