package chat.auth.control;

import chat.platform.control.LuaScript;
import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts in Redis, one hash per user ({@code user:<name>}: created, and the password hash when the
 * account has a password; accounts made by a first connect with a minted token have none).
 */
@ApplicationScoped
public class Accounts {

    private static final String PASSWORD = "password";
    private static final String CREATED = "created";
    /** Check and create in one step, so two registrations of one name cannot both succeed. */
    private static final String CREATE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'created', ARGV[1], 'password', ARGV[2])
            return 1""";
    /** KEYS 1 the ban list, 2 the account. ARGV 1 name, 2 now. 0 when the name is banned. */
    private static final LuaScript ENSURE_UNLESS_BANNED = LuaScript.of("""
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
            redis.call('HSETNX', KEYS[2], 'created', ARGV[2])
            return 1""");

    @Inject
    Redis redis;

    @Inject
    Bans bans;

    /** Creates the account; false when the name is taken (by a registration or a minted token). */
    public boolean create(String name, String passwordHash) {
        Object created = redis.call(jedis -> jedis.eval(CREATE, List.of(key(name)),
                List.of(String.valueOf(System.currentTimeMillis()), passwordHash)));
        return Long.valueOf(1).equals(created);
    }

    /**
     * For a name in a valid token: false when it is banned; otherwise creates its password-less account if it is
     * new. One script for the handshake's two questions, as a connect's store work is mostly round trips.
     */
    public boolean ensureUnlessBanned(String name) {
        Object admitted = redis.call(jedis -> ENSURE_UNLESS_BANNED.run(jedis, List.of(bans.key(), key(name)),
                List.of(name, String.valueOf(System.currentTimeMillis()))));
        return Long.valueOf(1).equals(admitted);
    }

    /** Sets or replaces the password (admin accounts configured with chat.admin-password). */
    public void setPassword(String name, String passwordHash) {
        redis.call(jedis -> {
            jedis.hsetnx(key(name), CREATED, String.valueOf(System.currentTimeMillis()));
            return jedis.hset(key(name), Map.of(PASSWORD, passwordHash));
        });
    }

    public boolean exists(String name) {
        return redis.call(jedis -> jedis.exists(key(name)));
    }

    public Optional<String> passwordHash(String name) {
        return Optional.ofNullable(redis.call(jedis -> jedis.hget(key(name), PASSWORD)));
    }

    private String key(String name) {
        return redis.key("user:" + name);
    }
}
