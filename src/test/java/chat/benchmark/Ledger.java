package chat.benchmark;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;

/**
 * Every message the generator sends, by number: who sent it, when, how many copies it must produce,
 * how many arrived. The number travels in the message content ({@code b|<number>|…}), so a receiver
 * finds the send time without parsing a clock from the text, and loss and duplicates are exact per message.
 * Arrays instead of maps: receiving is the generator's hot path.
 */
final class Ledger {

    private final int capacity;
    private final AtomicInteger next = new AtomicInteger();
    private final int[] sender;
    private final int[] expected;
    private final short[] phaseOf;
    /** Written last when a message is registered, read first when a copy arrives: publishes the other arrays. */
    private final AtomicLongArray sentNanos;
    private final AtomicIntegerArray receipts;
    private final AtomicIntegerArray acked;
    private final AtomicIntegerArray rejected;
    private final String[] ids;
    private final CopyOnWriteArrayList<Phase> phases = new CopyOnWriteArrayList<>();

    Ledger(int capacity, boolean keepIds) {
        this.capacity = capacity;
        sender = new int[capacity];
        expected = new int[capacity];
        phaseOf = new short[capacity];
        sentNanos = new AtomicLongArray(capacity);
        receipts = new AtomicIntegerArray(capacity);
        acked = new AtomicIntegerArray(capacity);
        rejected = new AtomicIntegerArray(capacity);
        ids = keepIds ? new String[capacity] : null;
    }

    Phase newPhase(String name) {
        if (phases.size() >= Short.MAX_VALUE) {
            throw new IllegalStateException("too many phases");
        }
        Phase phase = new Phase(name, (short) phases.size(), this);
        phases.add(phase);
        return phase;
    }

    /** Takes the next message number, or -1 when the ledger is full (the caller stops sending). */
    int register(Phase phase, int senderIndex, int copies, long nanos) {
        int k = next.getAndIncrement();
        if (k >= capacity) {
            next.set(capacity);
            return -1;
        }
        sender[k] = senderIndex;
        expected[k] = copies;
        phaseOf[k] = phase.index;
        sentNanos.set(k, nanos);
        phase.sent.incrementAndGet();
        phase.expectedCopies.addAndGet(copies);
        return k;
    }

    /** A copy of message k arrived at connection {@code receiver}; {@code frame} is read only for acknowledgements. */
    void received(int k, int receiver, long nowNanos, ByteBuf frame) {
        if (k < 0 || k >= capacity) {
            return;
        }
        long sent = sentNanos.get(k);
        if (sent == 0) {
            return;
        }
        Phase phase = phases.get(phaseOf[k]);
        long micros = (nowNanos - sent) / 1000;
        phase.record(phase.delivery, micros);
        phase.deliveries.incrementAndGet();
        int n = receipts.incrementAndGet(k);
        if (receiver == sender[k] && acked.compareAndSet(k, 0, 1)) {
            phase.record(phase.ack, micros);
            if (ids != null) {
                ids[k] = Frames.stringField(frame.toString(StandardCharsets.UTF_8), "id");
            }
            phase.acks.incrementAndGet();
            IntConsumer onAck = phase.onAck;
            if (onAck != null) {
                onAck.accept(k);
            }
        }
        if (n == expected[k]) {
            phase.record(phase.completion, micros);
            IntConsumer onComplete = phase.onComplete;
            if (onComplete != null) {
                onComplete.accept(k);
            }
        }
    }

    /** The server answered message k with an error frame (its clientId names k). */
    void rejected(int k) {
        if (k < 0 || k >= capacity || sentNanos.get(k) == 0 || !rejected.compareAndSet(k, 0, 1)) {
            return;
        }
        Phase phase = phases.get(phaseOf[k]);
        phase.rejects.incrementAndGet();
        phase.expectedCopies.addAndGet(-expected[k]);
        IntConsumer onReject = phase.onReject;
        if (onReject != null) {
            onReject.accept(k);
        }
    }

    int sender(int k) {
        return sender[k];
    }

    String id(int k) {
        return ids == null ? null : ids[k];
    }

    boolean isAcked(int k) {
        return acked.get(k) == 1;
    }

    /**
     * Counts loss and duplicates of a phase message by message (call after its drain). Every message the server
     * did not reject is owed its copies: one that was never even acknowledged within the drain counts as lost
     * in full (and as unanswered), since its users never saw it in time.
     */
    Phase.Loss loss(Phase phase) {
        int end = Math.min(next.get(), capacity);
        long expectedCopies = 0;
        long lost = 0;
        long duplicates = 0;
        long unanswered = 0;
        long deliveredWithoutAck = 0;
        for (int k = 0; k < end; k++) {
            if (phaseOf[k] != phase.index || sentNanos.get(k) == 0 || rejected.get(k) == 1) {
                continue;
            }
            int got = receipts.get(k);
            expectedCopies += expected[k];
            lost += Math.max(0, expected[k] - got);
            duplicates += Math.max(0, got - expected[k]);
            if (acked.get(k) == 0) {
                if (got > 0) {
                    deliveredWithoutAck++;
                } else {
                    unanswered++;
                }
            }
        }
        return new Phase.Loss(expectedCopies, lost, duplicates, unanswered, deliveredWithoutAck);
    }

    /** Message numbers of a phase that were acknowledged, grouped by the caller. */
    void forEachAcked(Phase phase, IntConsumer action) {
        int end = Math.min(next.get(), capacity);
        for (int k = 0; k < end; k++) {
            if (phaseOf[k] == phase.index && acked.get(k) == 1) {
                action.accept(k);
            }
        }
    }

    int expectedCopies(int k) {
        return expected[k];
    }

    boolean isFull() {
        return next.get() >= capacity;
    }
}
