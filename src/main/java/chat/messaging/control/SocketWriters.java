package chat.messaging.control;

import chat.platform.control.ChatMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The few threads that write to sockets. Whoever has a frame for a connection (the bus reader above all)
 * only queues it on the connection's {@link Outbound}; the connection's writer then takes everything queued
 * for it and writes it in one go. A socket write through the container costs far more than the bytes it
 * carries, so under load, when frames wait, many share a write and the cost per frame falls.
 * <p>
 * Each writer thread has its own lane of connections waiting for a turn; a connection keeps its lane for
 * life. Handing a connection to its lane is a lock-free queue offer (a thread pool's task hand-off, with its
 * lock and signal, was most of the bus reader's time in the benchmark).
 */
@ApplicationScoped
public class SocketWriters {

    private static final Logger LOG = Logger.getLogger(SocketWriters.class.getName());
    /** How long stopping writers go on with the turns still due. */
    private static final int FINISH_SECONDS = 3;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chat.send.writers", defaultValue = "0")
    int configuredWriters;

    @Inject
    @ConfigProperty(name = "chat.send.coalesce-ms", defaultValue = "40")
    int coalesceMillis;

    @Inject
    ChatMetrics metrics;

    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder writes = new LongAdder();

    @PostConstruct
    void start() {
        int writers = configuredWriters > 0 ? configuredWriters : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < writers; i++) {
            Lane lane = new Lane(writes, TimeUnit.MILLISECONDS.toNanos(coalesceMillis));
            Thread thread = threads.newThread(lane);
            thread.setName("chat-socket-writer-" + i);
            lanes.add(lane);
            thread.start();
        }
        metrics.gauge("chat_socket_writes", "Socket writes since start (frames delivered / writes = frames per write)",
                writes::sum);
        LOG.info(() -> "socket writers: " + writers + "; a connection is written at most every " + coalesceMillis + " ms");
    }

    @PreDestroy
    void stop() {
        lanes.forEach(Lane::stop);
    }

    /** The lane for a new connection, in turn. */
    public Lane nextLane() {
        return lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size()));
    }

    /**
     * One writer thread and the connections waiting for its turn. With a spacing, a connection written less
     * than that long ago waits (in arrival order) until the spacing has passed, and what reached it meanwhile
     * goes out in the same write.
     */
    public static final class Lane implements Runnable {

        private final ConcurrentLinkedQueue<Outbound> ready = new ConcurrentLinkedQueue<>();
        private final ArrayDeque<Outbound> waiting = new ArrayDeque<>();
        private final AtomicBoolean sleeping = new AtomicBoolean();
        private final LongAdder writes;
        private final long spacingNanos;
        private volatile Thread thread;
        private volatile boolean stopped;

        Lane(LongAdder writes, long spacingNanos) {
            this.writes = writes;
            this.spacingNanos = spacingNanos;
        }

        /** Gives the connection a turn; never blocks. */
        void offer(Outbound outbound) {
            ready.offer(outbound);
            // the writer sets sleeping before its last look at the queue, so it either sees this or is woken
            if (sleeping.get() && sleeping.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }

        /** Back of the line, from this lane's own thread (a turn that just ended). */
        void again(Outbound outbound) {
            waiting.add(outbound);
        }

        void wrote() {
            writes.increment();
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            // the container looks up services through the context class loader on some writes; under the
            // application's loader that scans every jar of the WAR. Nothing a writer does needs it.
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            while (!stopped) {
                long now = System.nanoTime();
                Outbound turn = waiting.peek();
                if (turn != null && now - turn.lastWriteNanos() >= spacingNanos) {
                    waiting.poll();
                } else {
                    turn = ready.poll();
                    if (turn != null && spacingNanos > 0 && now - turn.lastWriteNanos() < spacingNanos) {
                        waiting.add(turn);
                        continue;
                    }
                }
                if (turn != null) {
                    try {
                        turn.writeSome();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a socket write failed", e);
                    }
                    continue;
                }
                sleeping.set(true);
                if (ready.isEmpty() && !stopped) {
                    Outbound next = waiting.peek();
                    if (next == null) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, next.lastWriteNanos() + spacingNanos - now);
                    }
                }
                sleeping.set(false);
            }
            finish();
        }

        /**
         * Turns still due when the writers stop are taken at once, without spacing: above all the closes (1001)
         * that the shutdown queued behind frames just before; without them clients would see 1006.
         */
        private void finish() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FINISH_SECONDS);
            Outbound turn;
            while (System.nanoTime() < deadline && ((turn = waiting.poll()) != null || (turn = ready.poll()) != null)) {
                try {
                    turn.writeSome();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a socket write failed", e);
                }
            }
        }

        void stop() {
            stopped = true;
            Thread running = thread;
            LockSupport.unpark(running);
            if (running != null) {
                try {
                    running.join(TimeUnit.SECONDS.toMillis(FINISH_SECONDS + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
