package chat.messaging.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What one connection is to be sent, and what it has been sent and not yet shown to have read.
 * <p>
 * Frames are queued here and written by the {@link SocketWriters} thread of this connection's lane, which
 * takes everything waiting (up to {@link #BATCH_BYTES}) into one socket write; one writer serves a connection,
 * so the order is kept, and a connection with more waiting goes to the back of the line, so all get their turn.
 * <p>
 * The backlog is measured here, in bytes: every so many bytes written a ping carries the running total, and
 * the pong (which a client answers only after reading everything before it) confirms that total. A
 * connection whose queued but unconfirmed bytes pass the limit is closed with 4002, so one stalled client can
 * never grow the heap nor hold up anybody else. Until {@link #open} nothing is written, so the welcome frame is
 * always first.
 */
public final class Outbound {

    public static final CloseReason TOO_SLOW = new CloseReason(() -> 4002, "too slow");

    /** One write carries at most this much (or one larger frame): its fixed cost is then small per frame. */
    static final int BATCH_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(Outbound.class.getName());

    private final Session session;
    private final String owner;
    private final Runnable onTooSlow;
    private final long maxBacklog;
    private final long probeEvery;
    private final SocketWriters.Lane lane;
    /** Set when the connection opens, before any write; null where only the standard API will do. */
    private TyrusDirect direct;

    // guarded by this
    private final ArrayDeque<OutgoingFrame> queue = new ArrayDeque<>();
    private boolean open;
    /** A writer holds this connection (or it is closing): nobody else may start one. */
    private boolean scheduled;
    private CloseReason closing;

    private final AtomicLong queued = new AtomicLong();
    private volatile long written;
    private volatile long confirmed;
    private volatile long lastProbe;
    private volatile long lastPongNanos = System.nanoTime();
    /** Set by whoever writes (the opening thread, then the lane's), read by the lane; long ago at first. */
    private long lastWriteNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile boolean closed;

    public Outbound(Session session, String owner, long maxBacklog, SocketWriters.Lane lane, Runnable onTooSlow) {
        this.session = session;
        this.owner = owner;
        this.onTooSlow = onTooSlow;
        this.maxBacklog = maxBacklog;
        this.probeEvery = Math.max(1024, maxBacklog / 8);
        this.lane = lane;
    }

    /** Queues a frame; never blocks. */
    public void send(OutgoingFrame frame) {
        if (closed) {
            return;
        }
        if (queued.addAndGet(frame.size()) - confirmed > maxBacklog) {
            closeSlow();
            return;
        }
        boolean start;
        synchronized (this) {
            if (closing != null) {
                return;
            }
            queue.add(frame);
            start = open && !scheduled;
            scheduled |= start;
        }
        if (start) {
            schedule();
        }
    }

    /**
     * Writes this frame, then everything queued so far, on the calling thread (the container's, opening the
     * connection); from then on the writers take over. The first write must be on the container's thread: Tyrus
     * finishes setting up the connection's output there (when a writer thread made it, while the upgrade was
     * completing, Grizzly later handed a recycled request to another connection: docs/operations.md).
     */
    public void open(OutgoingFrame first) {
        direct = TyrusDirect.of(session);
        queued.addAndGet(first.size());
        write(List.of(first), first.size());
        while (true) {
            List<OutgoingFrame> batch = new ArrayList<>();
            int bytes;
            synchronized (this) {
                bytes = takeBatch(batch);
                if (batch.isEmpty()) {
                    open = closing == null;
                    return;
                }
            }
            write(batch, bytes);
        }
    }

    private void schedule() {
        lane.offer(this);
    }

    /**
     * A writer's turn (on the lane's thread): one write of what is queued, then back of the line. A connection
     * just written keeps its place for one more spacing even with nothing left: on a busy connection more comes
     * meanwhile, and the sender then only queues it, without handing the connection to the lane again. A turn
     * that finds nothing gives the place up.
     */
    void writeSome() {
        List<OutgoingFrame> batch = new ArrayList<>();
        int bytes;
        synchronized (this) {
            bytes = takeBatch(batch);
        }
        if (!batch.isEmpty() && !closed) {
            write(batch, bytes);
        }
        CloseReason closeNow = null;
        boolean again = false;
        synchronized (this) {
            if (!queue.isEmpty() && !closed) {
                again = true;
            } else if (closing != null) {
                closeNow = closing; // stays scheduled: nobody else starts a turn
            } else if (!batch.isEmpty() && !closed) {
                again = true;
            } else {
                scheduled = false;
            }
        }
        if (again) {
            lane.again(this);
        } else if (closeNow != null) {
            closeSession(closeNow);
        }
    }

    /** Moves the frames at the head of the queue into the batch, up to {@link #BATCH_BYTES}; answers their size. */
    private int takeBatch(List<OutgoingFrame> batch) {
        int bytes = 0;
        OutgoingFrame next;
        while ((next = queue.peek()) != null && (batch.isEmpty() || bytes + next.size() <= BATCH_BYTES)) {
            batch.add(queue.poll());
            bytes += next.size();
        }
        return bytes;
    }

    private void write(List<OutgoingFrame> batch, int bytes) {
        try {
            if (direct == null) {
                for (OutgoingFrame frame : batch) {
                    session.getBasicRemote().sendText(frame.text());
                }
            } else if (bytes > WriteScratch.MAX_BYTES) {
                direct.send(batch.get(0).wire()); // one large frame (a batch stops at that size)
            } else {
                // several WebSocket frames back to back in one buffer are what the client reads anyway
                ByteBuffer joined = WriteScratch.take(bytes);
                batch.forEach(frame -> joined.put(frame.wire()));
                if (!direct.send(joined.flip())) {
                    WriteScratch.keptByWrite();
                }
            }
        } catch (Throwable e) {
            writeFailed(e);
            return;
        }
        written += bytes;
        lastWriteNanos = System.nanoTime();
        lane.wrote();
        if (written - lastProbe >= probeEvery) {
            probe();
        }
    }

    /**
     * A write that fails on a connection the container still holds open would leave its client waiting for
     * frames that never come: it is closed (1011), so the client reconnects and catches up from history.
     */
    private void writeFailed(Throwable e) {
        boolean wasClosed = closed;
        closed = true;
        if (!wasClosed && session.isOpen()) {
            LOG.info(() -> "writing to a connection of " + owner + " failed (" + e + "); closing it");
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write failed"));
            } catch (IOException | RuntimeException closing) {
                // gone already
            }
        }
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** Sends a ping carrying the bytes written so far (also the keep-alive). */
    public void probe() {
        long total = written;
        lastProbe = total;
        try {
            session.getBasicRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, total));
        } catch (IOException | RuntimeException e) {
            closed = true;
        }
    }

    /** A pong arrived: everything written before its ping has been read. */
    public void confirm(ByteBuffer payload) {
        lastPongNanos = System.nanoTime();
        if (payload.remaining() == Long.BYTES) {
            long total = payload.getLong(payload.position());
            if (total > confirmed && total <= written) {
                confirmed = total;
            }
        }
    }

    /** Bytes queued or written and not yet confirmed read. */
    public long backlog() {
        return queued.get() - confirmed;
    }

    public long nanosSinceLastPong() {
        return System.nanoTime() - lastPongNanos;
    }

    /** Closes with 4002 at once: what is still queued is dropped, the client catches up from history. */
    public void closeSlow() {
        if (!closed && closing == null) {
            LOG.info(() -> "closing a connection as too slow: " + owner + " (" + backlog() + " bytes unread)");
            onTooSlow.run();
        }
        synchronized (this) {
            queue.clear();
        }
        close(TOO_SLOW);
    }

    /** Closes after what is already queued has been written. */
    public void close(CloseReason reason) {
        boolean now;
        synchronized (this) {
            if (closing != null || closed) {
                return;
            }
            closing = reason;
            now = !scheduled;
            scheduled = true;
        }
        if (now) {
            closeSession(reason);
        }
    }

    private void closeSession(CloseReason reason) {
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
