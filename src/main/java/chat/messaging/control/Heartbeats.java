package chat.messaging.control;

import chat.platform.control.PlatformClassLoader;
import chat.platform.control.StoreUnavailable;
import chat.presence.control.Presence;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Timers: this instance's presence heartbeat and the reaping of crashed instances; pings to every
 * connection (keep-alive through proxies, and the pong that confirms what it has read); connections
 * whose pongs stopped are closed as too slow.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Presence presence;

    @Inject
    ConnectedUsers connected;

    @Inject
    ChatSessions sessions;

    @Inject
    @ConfigProperty(name = "chat.ws.ping-seconds", defaultValue = "20")
    int pingSeconds;

    @Inject
    @ConfigProperty(name = "chat.presence.node-timeout-seconds", defaultValue = "15")
    int nodeTimeoutSeconds;

    private List<ScheduledFuture<?>> tasks = List.of();
    private volatile boolean beaten;
    /** Redis was out of reach at a beat; the next beat that reaches it starts a wait before reaping. */
    private volatile boolean storeLost;
    /** This instance reaps nobody before this System.nanoTime: one node timeout after Redis came back. */
    private volatile long reapFrom = System.nanoTime();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long beat = Math.max(1, nodeTimeoutSeconds / 3);
        tasks = List.of(
                scheduler.scheduleWithFixedDelay(this::beat, 0, beat, TimeUnit.SECONDS),
                scheduler.scheduleWithFixedDelay(this::pingAll, pingSeconds, pingSeconds, TimeUnit.SECONDS));
    }

    private void beat() {
        try {
            boolean forgotten = presence.heartbeat();
            if (forgotten && beaten) {
                // a survivor took us for crashed while Redis was away: count our connections in again
                LOG.info("this instance was taken for crashed; announcing its connections again");
                sessions.recount();
            }
            beaten = true;
            if (storeLost) {
                // the other instances most likely lost Redis too, so their last beats are old now: reaping before
                // they have beaten again would take their users offline and at once online again
                storeLost = false;
                reapFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(nodeTimeoutSeconds);
            }
            if (System.nanoTime() - reapFrom < 0) {
                return;
            }
            long reaped = presence.reapDeadNodes(TimeUnit.SECONDS.toMillis(nodeTimeoutSeconds));
            if (reaped > 0) {
                LOG.info(() -> "took the users of " + reaped + " silent instance(s) offline");
            }
        } catch (StoreUnavailable e) {
            // logged once by Redis; presence catches up when it is back
            storeLost = true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "presence heartbeat failed: " + e);
        }
    }

    private void pingAll() {
        PlatformClassLoader.run(this::pingEach);
    }

    private void pingEach() {
        long silentLimit = TimeUnit.SECONDS.toNanos(3L * pingSeconds);
        for (Connection c : connected.all()) {
            if (c.outbound().isClosed()) {
                // the container did not report this close: clean up here so nothing leaks
                sessions.close(c);
            } else if (c.outbound().nanosSinceLastPong() > silentLimit) {
                LOG.info(() -> "closing " + c.user() + ": no pong for " + 3 * pingSeconds + " s");
                c.outbound().closeSlow();
            } else {
                c.outbound().probe();
            }
        }
    }

    @PreDestroy
    void stop() {
        tasks.forEach(t -> t.cancel(false));
    }
}
