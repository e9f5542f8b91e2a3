package chat.platform.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's namespace in Redis: every key and the bus channel start with {@code chat.redis.key-prefix}.
 * Dependent (each user its own instance of this immutable holder), so without a client proxy: a message's
 * append names eight keys, and each proxied call cost a Weld interception-context ThreadLocal round trip
 * (most of the quarter of a receiving thread's samples that the proxies cost in the DM benchmark).
 */
@Dependent
public class RedisKeys {

    @Inject
    @ConfigProperty(name = "chat.redis.key-prefix", defaultValue = "chat:")
    String prefix;

    public String key(String name) {
        return prefix + name;
    }

    public String busChannel() {
        return prefix + "bus";
    }
}
