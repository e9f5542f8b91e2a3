package chat.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's namespace in Redis: every key and the bus channel start with {@code chat.redis.key-prefix}.
 * A plain CDI bean, so code on the hot path names keys without a call through the EJB container.
 */
@ApplicationScoped
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
