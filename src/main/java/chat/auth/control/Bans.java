package chat.auth.control;

import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The cluster-wide ban list: banned users can neither log in nor connect. */
@ApplicationScoped
public class Bans {

    @Inject
    Redis redis;

    public boolean isBanned(String name) {
        return redis.call(jedis -> jedis.sismember(key(), name));
    }

    public void ban(String name) {
        redis.call(jedis -> jedis.sadd(key(), name));
    }

    public void unban(String name) {
        redis.call(jedis -> jedis.srem(key(), name));
    }

    String key() {
        return redis.key("bans");
    }
}
