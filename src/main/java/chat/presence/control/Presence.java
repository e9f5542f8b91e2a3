package chat.presence.control;

import chat.messaging.control.BusEvents;
import chat.messaging.control.FrameCodec;
import chat.messaging.entity.ServerFrame;
import chat.platform.control.ChatMetrics;
import chat.platform.control.ClusterNode;
import chat.platform.control.LuaScript;
import chat.platform.control.Redis;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cluster-wide presence. Redis counts each user's open connections in {@code online} (all instances) and
 * in {@code node:<id>:users} (per instance); a user's first connection anywhere publishes "online", the
 * last one "offline". Each instance beats a heartbeat into {@code nodes}; the users of an instance whose
 * heartbeat stops (a crash) are taken offline by a survivor ({@link #reapDeadNodes}).
 * Above {@code chat.presence.fanout-max} users online, a change goes only to the user's contacts: direct
 * conversations, and rooms of at most that many members. A bigger room counts like {@code general}: told about
 * every member, its members would cost O(members²) frames as they connect, which the limit is there to prevent.
 */
@ApplicationScoped
public class Presence {

    /** The time of Redis in milliseconds: one clock for every instance, so clock skew never reaps a live one. */
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /**
     * A user's contacts (the user, direct partners, and members of the user's rooms of at most {@code max}
     * members), as a list: the one definition of who hears of whom above the fan-out limit.
     */
    private static final String CONTACTS = """
            local function contactsOf(user, max, prefix)
              local seen = {[user] = true}
              for _, u in ipairs(redis.call('SMEMBERS', prefix .. 'dms:' .. user)) do seen[u] = true end
              for _, r in ipairs(redis.call('SMEMBERS', prefix .. 'rooms:' .. user)) do
                local members = prefix .. 'members:' .. r
                if r ~= 'general' and redis.call('SCARD', members) <= max then
                  for _, u in ipairs(redis.call('SMEMBERS', members)) do seen[u] = true end
                end
              end
              local list = {}
              for u in pairs(seen) do list[#list + 1] = u end
              return list
            end
            """;

    /** KEYS 1 online. ARGV 1 user, 2 fanout max, 3 key prefix. The users online anywhere, then how many
     * there are, as the last element; above the fan-out limit only the user's contacts who are online.
     * One round trip, however many rooms and partners the user has. */
    private static final LuaScript VIEW = LuaScript.of(CONTACTS + """
            local count = redis.call('HLEN', KEYS[1])
            local online = {}
            if count <= tonumber(ARGV[2]) then
              online = redis.call('HKEYS', KEYS[1])
            else
              for _, u in ipairs(contactsOf(ARGV[1], tonumber(ARGV[2]), ARGV[3])) do
                if redis.call('HEXISTS', KEYS[1], u) == 1 then online[#online + 1] = u end
              end
            end
            online[#online + 1] = count
            return online""");

    /** KEYS 1 node users, 2 online, 3 node sessions, 4 nodes. ARGV 1 user, 2 session, 3 session info,
     * 4 channel, 5 (unused), 6 node, 7 delta (+1/-1), 8 frame, 9 fanout max, 10 key prefix.
     * A session counts once however often it is announced (the node's sessions hash says whether it is
     * counted), so announcing an instance's connections again after it was reaped can never count twice,
     * and closing one that a reaper already took offline counts nothing. */
    private static final LuaScript CHANGE = LuaScript.of(NOW + CONTACTS + """
            if tonumber(ARGV[7]) > 0 then
              if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[3]) == 0 then return -1 end
              redis.call('ZADD', KEYS[4], now, ARGV[6])
            else
              if redis.call('HDEL', KEYS[3], ARGV[2]) == 0 then return -1 end
            end
            local n = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[7])
            if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
            local c = redis.call('HINCRBY', KEYS[2], ARGV[1], ARGV[7])
            if c <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
            local first = tonumber(ARGV[7]) > 0 and c == 1
            local last = tonumber(ARGV[7]) < 0 and c <= 0
            if first or last then
              local count = redis.call('HLEN', KEYS[2])
              local contacts = ''
              if count > tonumber(ARGV[9]) then
                contacts = table.concat(contactsOf(ARGV[1], tonumber(ARGV[9]), ARGV[10]), ',')
              end
              redis.call('PUBLISH', ARGV[4], 'P\\t' .. ARGV[1] .. '\\t' .. count .. '\\t' .. contacts .. '\\n' .. ARGV[8])
            end
            return c""");

    /** KEYS 1 nodes, 2 online. ARGV 1 longest silence (ms), 2 key prefix, 3 channel, 4 one node to remove or ''.
     * Takes the users of silent instances offline, and leaves each a mark ({@code reaped:<node>}) that tells it,
     * should it be alive after all (a long pause), to announce its connections again. */
    private static final LuaScript REAP = LuaScript.of(NOW + """
            local dead = {ARGV[4]}
            if ARGV[4] == '' then
              dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
              for _, node in ipairs(dead) do
                redis.call('SET', ARGV[2] .. 'reaped:' .. node, '1', 'EX', 3600)
              end
            end
            for _, node in ipairs(dead) do
              local users = redis.call('HGETALL', ARGV[2] .. 'node:' .. node .. ':users')
              for i = 1, #users, 2 do
                local u = users[i]
                local c = redis.call('HINCRBY', KEYS[2], u, -tonumber(users[i + 1]))
                if c <= 0 then
                  redis.call('HDEL', KEYS[2], u)
                  redis.call('PUBLISH', ARGV[3], 'P\\t' .. u .. '\\t' .. redis.call('HLEN', KEYS[2]) .. '\\t\\n'
                    .. '{"type":"presence","user":"' .. u .. '","status":"offline"}')
                end
              end
              redis.call('DEL', ARGV[2] .. 'node:' .. node .. ':users', ARGV[2] .. 'node:' .. node .. ':sessions')
              redis.call('ZREM', KEYS[1], node)
            end
            return #dead""");

    @Inject
    Redis redis;

    @Inject
    ClusterNode node;

    @Inject
    FrameCodec codec;

    @Inject
    @ConfigProperty(name = "chat.presence.fanout-max", defaultValue = "2000")
    int fanoutMax;

    @Inject
    ChatMetrics metrics;

    @PostConstruct
    void registerGauge() {
        metrics.gauge("chat_users_online", "Users online anywhere in the cluster (-1 while Redis is unavailable)", () -> {
            try {
                return redis.call(jedis -> jedis.hlen(redis.key("online")));
            } catch (RuntimeException e) {
                return -1;
            }
        });
    }

    public int fanoutMax() {
        return fanoutMax;
    }

    /** Counts a new connection; publishes "online" when it is the user's first anywhere. */
    public void connected(String user, String sessionId, String sessionInfo) {
        change(user, sessionId, sessionInfo, 1, true);
    }

    public void disconnected(String user, String sessionId) {
        change(user, sessionId, "", -1, false);
    }

    private void change(String user, String sessionId, String info, int delta, boolean online) {
        redis.call(jedis -> CHANGE.run(jedis,
                List.of(redis.key("node:" + node.id() + ":users"), redis.key("online"),
                        redis.key("node:" + node.id() + ":sessions"), redis.key("nodes")),
                List.of(user, sessionId, info, redis.busChannel(), String.valueOf(System.currentTimeMillis()),
                        node.id(), String.valueOf(delta), codec.write(new ServerFrame.Presence(user, online)),
                        String.valueOf(fanoutMax), redis.key(""))));
    }

    /** Who a new connection is told is online: everyone, or above the fan-out limit only the user's contacts. */
    public record OnlineView(List<String> online, Integer onlineCount) {
    }

    public OnlineView viewFor(String user) {
        List<?> reply = (List<?>) redis.call(jedis -> VIEW.run(jedis, List.of(redis.key("online")),
                List.of(user, String.valueOf(fanoutMax), redis.key(""))));
        long count = (Long) reply.get(reply.size() - 1);
        List<String> online = reply.subList(0, reply.size() - 1).stream().map(String.class::cast).sorted().toList();
        return new OnlineView(online, count <= fanoutMax ? null : (int) count);
    }

    /** A page of everyone online, by name: after {@code after} (exclusive), at most {@code limit}. */
    public List<String> online(String after, int limit) {
        return redis.call(jedis -> jedis.hkeys(redis.key("online"))).stream().sorted()
                .filter(u -> after == null || u.compareTo(after) > 0).limit(limit).toList();
    }

    /** KEYS 1 nodes, 2 this node's reaped mark. ARGV 1 node. 1 when the cluster had forgotten this node. */
    private static final LuaScript BEAT = LuaScript.of(NOW + """
            local added = redis.call('ZADD', KEYS[1], now, ARGV[1])
            local reaped = redis.call('DEL', KEYS[2])
            if added == 1 or reaped == 1 then return 1 end
            return 0""");

    /**
     * Beats this instance's heartbeat; true when the cluster had forgotten it: a survivor reaped it (it was
     * paused or cut off from Redis longer than the timeout), or Redis lost its data.
     */
    public boolean heartbeat() {
        Object forgotten = redis.call(jedis -> BEAT.run(jedis,
                List.of(redis.key("nodes"), redis.key("reaped:" + node.id())), List.of(node.id())));
        return Long.valueOf(1).equals(forgotten);
    }

    /** Takes offline the users of every instance whose last heartbeat (by Redis's clock) is older than this. */
    public long reapDeadNodes(long maxSilenceMillis) {
        return reap(String.valueOf(maxSilenceMillis), "");
    }

    /** On a graceful stop: this instance's own entries go at once instead of waiting to be reaped. */
    public void leaveCluster() {
        reap("0", node.id());
    }

    private long reap(String maxSilenceMillis, String onlyNode) {
        Object reaped = redis.call(jedis -> REAP.run(jedis, List.of(redis.key("nodes"), redis.key("online")),
                List.of(maxSilenceMillis, redis.key(""), redis.busChannel(), onlyNode)));
        return reaped instanceof Long l ? l : 0;
    }
}
