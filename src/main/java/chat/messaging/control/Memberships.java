package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.messaging.entity.ServerFrame;
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

    /** general first, then the user's rooms by name. */
    public List<String> roomsOf(String user) {
        Set<String> stored = redis.call(jedis -> jedis.smembers(redis.key("rooms:" + user)));
        Set<String> rooms = new TreeSet<>(stored);
        rooms.remove(Conversation.GENERAL);
        List<String> all = new ArrayList<>(rooms.size() + 1);
        all.add(Conversation.GENERAL);
        all.addAll(rooms);
        return all;
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
