package chat.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Every command the application sends to Redis goes through here: the connection pool, connections of their own
 * for callers that keep one, and whether Redis answers (one log line per change, the health check).
 * A CDI bean, not an EJB: each call through the EJB container cost its interceptor chain and an exception that
 * Payara throws and catches inside every call of a Weld EJB proxy, 12 % of the server's CPU while connections
 * opened (docs/benchmark/history.md, ninth session). The subscription to the cluster's events is the EJB
 * {@link BusSubscription}.
 */
@ApplicationScoped
public class Redis {

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());

    @Inject
    @ConfigProperty(name = "chat.redis.url", defaultValue = "redis://127.0.0.1:6379")
    String url;

    @Inject
    @ConfigProperty(name = "chat.redis.pool-size", defaultValue = "64")
    int poolSize;

    @Inject
    @ConfigProperty(name = "chat.redis.timeout-ms", defaultValue = "2000")
    int timeoutMillis;

    @Inject
    RedisKeys keys;

    @Inject
    ChatMetrics metrics;

    private final AtomicReference<Boolean> reachable = new AtomicReference<>();
    private JedisPool pool;
    private HostAndPort address;
    private JedisClientConfig clientConfig;

    @PostConstruct
    void start() {
        URI uri = URI.create(url);
        address = JedisURIHelper.getHostAndPort(uri);
        clientConfig = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("chat")
                .build();
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(poolSize);
        poolConfig.setMaxIdle(poolSize);
        poolConfig.setMinIdle(0);
        poolConfig.setMaxWait(Duration.ofMillis(timeoutMillis));
        poolConfig.setTestOnBorrow(false);
        poolConfig.setJmxEnabled(false);
        // Connections are made lazily, so a Redis that is down never blocks deployment.
        pool = new JedisPool(poolConfig, address, clientConfig);
    }

    @PreDestroy
    void stop() {
        pool.close();
    }

    /** Runs one unit of work on a pooled connection; a Redis that cannot be reached becomes {@link StoreUnavailable}. */
    public <T> T call(Function<Jedis, T> work) {
        try (Jedis jedis = pool.getResource()) {
            T result = work.apply(jedis);
            markReachable();
            return result;
        } catch (JedisConnectionException e) {
            markUnreachable(e);
            metrics.redisError();
            throw new StoreUnavailable(e);
        } catch (JedisException e) {
            if (isOutage(e)) {
                markUnreachable(e);
                metrics.redisError();
                throw new StoreUnavailable(e);
            }
            throw e;
        }
    }

    /**
     * A connection of its own (not pooled) for a caller that keeps one open, e.g. to pipeline; the caller
     * closes it. Fails with {@link StoreUnavailable} when Redis cannot be reached.
     */
    public Jedis connect() {
        try {
            Jedis jedis = new Jedis(address, clientConfig);
            jedis.connect();
            return jedis;
        } catch (JedisException e) {
            throw failed(e);
        }
    }

    /** What a caller with its own connection throws for a Redis error: an outage becomes {@link StoreUnavailable}. */
    public RuntimeException failed(JedisException e) {
        if (e instanceof JedisConnectionException || isOutage(e)) {
            markUnreachable(e);
            metrics.redisError();
            return new StoreUnavailable(e);
        }
        return e;
    }

    /** Tells the health check that a caller with its own connection got an answer. */
    public void answered() {
        markReachable();
    }

    /** No connection, or a Redis that answers but cannot serve yet (loading its data, a read-only replica, busy). */
    private static boolean isOutage(JedisException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getCause() instanceof JedisConnectionException || message.contains("Could not get a resource")
                || message.startsWith("LOADING") || message.startsWith("READONLY") || message.startsWith("BUSY")
                || message.startsWith("MASTERDOWN") || message.startsWith("TRYAGAIN");
    }

    /** The application's namespace in Redis: every key and channel starts with this prefix. */
    public String key(String name) {
        return keys.key(name);
    }

    public void publish(String message) {
        call(jedis -> jedis.publish(busChannel(), message));
    }

    /** True when Redis answers a PING within the configured timeout. */
    public boolean ping() {
        try {
            return "PONG".equals(call(Jedis::ping));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String busChannel() {
        return keys.busChannel();
    }

    /** A connection of its own without a read timeout, for a subscription that waits for messages indefinitely. */
    public Jedis connectForSubscription() {
        return new Jedis(address, DefaultJedisClientConfig.builder()
                .user(clientConfig.getUser()).password(clientConfig.getPassword())
                .database(clientConfig.getDatabase()).ssl(clientConfig.isSsl())
                .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(0)
                .clientName("chat-subscriber").build());
    }

    /** Logs only the transitions, so an outage is one line and not one per frame. */
    private void markReachable() {
        if (!Boolean.TRUE.equals(reachable.getAndSet(Boolean.TRUE))) {
            LOG.info(() -> "Redis reachable at " + address);
        }
    }

    /** Tells the health log that Redis could not be reached, for a caller with its own connection that retries. */
    public void markUnreachable(Exception cause) {
        if (!Boolean.FALSE.equals(reachable.getAndSet(Boolean.FALSE))) {
            LOG.warning(() -> "Redis unreachable at " + address + ": " + rootMessage(cause) + " (retrying)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
