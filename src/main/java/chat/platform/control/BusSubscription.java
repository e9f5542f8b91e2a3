package chat.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The one subscription through which every instance (this one included) receives the cluster's events, held
 * from deployment to undeployment on a thread of its own and renewed whenever its connection ends; each event
 * is fired as a {@link BusMessage}.
 * Bean-managed concurrency and no transactions: nothing here needs an EJB lock or a JTA transaction.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BusSubscription {

    private static final Logger LOG = Logger.getLogger(BusSubscription.class.getName());

    @Inject
    Redis redis;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Event<BusMessage> bus;

    private volatile boolean stopping;
    private volatile JedisPubSub subscription;
    /** Set on the subscribe confirmation, cleared when the subscribing connection ends. */
    private volatile boolean subscribed;
    private Thread subscriber;

    @PostConstruct
    void start() {
        subscriber = threads.newThread(this::subscribeForever);
        subscriber.setName("chat-redis-subscriber");
        subscriber.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        JedisPubSub current = subscription;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is gone already
            }
        }
        if (subscriber != null) {
            subscriber.interrupt();
        }
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    private void subscribeForever() {
        long backoff = 200;
        while (!stopping) {
            try (Jedis jedis = redis.connectForSubscription()) {
                JedisPubSub listener = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        subscribed = true;
                        redis.answered();
                        bus.fire(BusMessage.subscriptionRestored());
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        bus.fire(new BusMessage(message));
                    }
                };
                subscription = listener;
                backoff = 200;
                jedis.subscribe(listener, redis.busChannel());
            } catch (JedisConnectionException e) {
                if (!stopping) {
                    redis.markUnreachable(e);
                }
            } catch (RuntimeException e) {
                LOG.severe(() -> "Redis subscription failed: " + e);
            } finally {
                subscribed = false;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 2000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
