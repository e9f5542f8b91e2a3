package chat.messaging.control;

import chat.platform.control.ChatMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The few threads that write to sockets. Whoever has a frame for a connection (the bus reader above all)
 * only queues it on the connection's {@link Outbound}; a writer then takes everything queued for that
 * connection and writes it in one go. A socket write through the container costs far more than the bytes
 * it carries, so under load, when frames wait, they leave many to a write and the cost per frame falls.
 */
@ApplicationScoped
public class SocketWriters {

    private static final Logger LOG = Logger.getLogger(SocketWriters.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chat.send.writers", defaultValue = "0")
    int configuredWriters;

    @Inject
    @ConfigProperty(name = "chat.send.coalesce-ms", defaultValue = "0")
    int coalesceMillis;

    @Inject
    ChatMetrics metrics;

    private ScheduledThreadPoolExecutor threadPool;
    private Pool pool;

    /**
     * What a connection needs of the writers: where to run its turns, how long after a write the next may
     * follow (frames that arrive meanwhile go out together), and where to count its writes.
     */
    public record Pool(ScheduledExecutorService executor, long spacingNanos, LongAdder writes) {
    }

    @PostConstruct
    void start() {
        int writers = configuredWriters > 0 ? configuredWriters : Runtime.getRuntime().availableProcessors();
        threadPool = new ScheduledThreadPoolExecutor(writers, withPlatformClassLoader(threads));
        pool = new Pool(threadPool, TimeUnit.MILLISECONDS.toNanos(coalesceMillis), new LongAdder());
        metrics.gauge("chat_socket_writes", "Socket writes since start (frames delivered / writes = frames per write)",
                pool.writes()::sum);
        LOG.info(() -> "socket writers: " + writers + ", a connection written at most every " + coalesceMillis + " ms");
    }

    @PreDestroy
    void stop() {
        threadPool.shutdown();
    }

    public Pool pool() {
        return pool;
    }

    /**
     * The container looks up services through a thread's context class loader when a frame is written;
     * under the application's loader that scans every jar of the WAR. Nothing a writer does needs it.
     */
    private static ThreadFactory withPlatformClassLoader(ThreadFactory factory) {
        return task -> {
            // set inside the thread: a managed thread installs the application's context when it starts
            Thread thread = factory.newThread(() -> {
                Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
                task.run();
            });
            thread.setName("chat-socket-writer-" + thread.getId());
            return thread;
        };
    }
}
