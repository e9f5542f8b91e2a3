package chat.messaging.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What one connection has been sent and not yet shown to have read. The container buffers what a client
 * does not read (Grizzly and Tyrus queues; a blocking send only blocks past about 10 MB in flight), so the
 * backlog is measured here: every so many characters a
 * ping carries the running total of bytes sent, and the pong (which a client answers only after reading
 * everything before it) confirms that total. A connection whose unconfirmed backlog passes the limit is
 * closed with 4002, so one stalled client can never grow the heap nor hold up anybody else.
 * Until {@link #open()} frames are held back, so the welcome frame is always first.
 */
public final class Outbound {

    public static final CloseReason TOO_SLOW = new CloseReason(() -> 4002, "too slow");

    private static final Logger LOG = Logger.getLogger(Outbound.class.getName());

    private final Session session;
    private final String owner;
    private final Runnable onTooSlow;
    private final long maxBacklog;
    private final long probeEvery;
    private final AtomicLong sent = new AtomicLong();
    private volatile long confirmed;
    private volatile long lastProbe;
    private volatile long lastPongNanos = System.nanoTime();
    private final TyrusDirect direct;
    private ArrayDeque<OutgoingFrame> held = new ArrayDeque<>();
    private volatile boolean closed;

    public Outbound(Session session, String owner, long maxBacklog, Runnable onTooSlow) {
        this.session = session;
        this.owner = owner;
        this.onTooSlow = onTooSlow;
        this.maxBacklog = maxBacklog;
        this.probeEvery = Math.max(1024, maxBacklog / 8);
        this.direct = TyrusDirect.of(session);
    }

    /** Queues a frame; never blocks. */
    public void send(OutgoingFrame frame) {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (held != null) {
                held.add(frame);
                return;
            }
        }
        transmit(frame);
    }

    /** Sends this frame before anything held back, then lets everything through. */
    public void open(OutgoingFrame first) {
        transmit(first);
        // frames that arrive while the held ones drain join the queue, so the order is kept
        while (true) {
            OutgoingFrame next;
            synchronized (this) {
                next = held.poll();
                if (next == null) {
                    held = null;
                    return;
                }
            }
            transmit(next);
        }
    }

    private void transmit(OutgoingFrame frame) {
        long total = sent.addAndGet(frame.text().length());
        if (total - confirmed > maxBacklog) {
            closeSlow();
            return;
        }
        try {
            // a blocking send returns once the frame is queued for writing, long before the container's
            // buffers could fill under the backlog limit; an async send with a handler costs a context
            // hand-off to a managed thread per frame, which dominated the fan-out in the benchmark
            if (direct != null) {
                direct.send(frame);
            } else {
                session.getBasicRemote().sendText(frame.text());
            }
        } catch (Throwable e) {
            closed = true;
            return;
        }
        if (total - lastProbe >= probeEvery) {
            probe();
        }
    }

    /** Sends a ping carrying the bytes sent so far (also the keep-alive). */
    public void probe() {
        long total = sent.get();
        lastProbe = total;
        try {
            session.getBasicRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, total));
        } catch (IOException | RuntimeException e) {
            closed = true;
        }
    }

    /** A pong arrived: everything sent before its ping has been read. */
    public void confirm(ByteBuffer payload) {
        lastPongNanos = System.nanoTime();
        if (payload.remaining() == Long.BYTES) {
            long total = payload.getLong(payload.position());
            if (total > confirmed && total <= sent.get()) {
                confirmed = total;
            }
        }
    }

    public long backlog() {
        return sent.get() - confirmed;
    }

    public long nanosSinceLastPong() {
        return System.nanoTime() - lastPongNanos;
    }

    public void closeSlow() {
        if (!closed) {
            LOG.info(() -> "closing a connection as too slow: " + owner + " (" + backlog() + " characters unread)");
            onTooSlow.run();
        }
        close(TOO_SLOW);
    }

    public void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    public boolean isClosed() {
        return closed || !session.isOpen();
    }
}
