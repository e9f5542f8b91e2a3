package chat.benchmark;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One measured stretch of a scenario (a ramp step, a fan-out run, a broadcast step): its own messages,
 * counters and latency histograms, so late copies of an earlier stretch never blur a later one.
 */
final class Phase {

    /** Latencies are kept in microseconds up to a minute; anything slower counts as a minute. */
    static final long MAX_MICROS = 60_000_000L;

    final String name;
    final short index;
    final Ledger ledger;
    final Recorder delivery = new Recorder(MAX_MICROS, 3);
    final Recorder ack = new Recorder(MAX_MICROS, 3);
    final Recorder completion = new Recorder(MAX_MICROS, 3);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong acks = new AtomicLong();
    final AtomicLong rejects = new AtomicLong();
    final AtomicLong deliveries = new AtomicLong();
    final AtomicLong expectedCopies = new AtomicLong();
    volatile IntConsumer onAck;
    volatile IntConsumer onComplete;
    volatile IntConsumer onReject;
    private Histogram deliveryTotal;
    private Histogram ackTotal;
    private Histogram completionTotal;

    Phase(String name, short index, Ledger ledger) {
        this.name = name;
        this.index = index;
        this.ledger = ledger;
    }

    void record(Recorder recorder, long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, MAX_MICROS)));
    }

    /** Copies still expected of the messages sent so far (rejected ones excluded). */
    long outstanding() {
        return expectedCopies.get() - deliveries.get();
    }

    /** Waits until every expected copy arrived, or nothing arrived for {@code quietMillis}, or the limit passed. */
    void drain(long quietMillis, long limitMillis) {
        long deadline = System.currentTimeMillis() + limitMillis;
        long lastCount = -1;
        long lastChange = System.currentTimeMillis();
        while (outstanding() > 0 && System.currentTimeMillis() < deadline) {
            long count = deliveries.get();
            if (count != lastCount) {
                lastCount = count;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > quietMillis) {
                return;
            }
            Pause.millis(20);
        }
    }

    /** Closes the phase's histograms (call once, after its drain). */
    synchronized void close() {
        if (deliveryTotal == null) {
            deliveryTotal = delivery.getIntervalHistogram();
            ackTotal = ack.getIntervalHistogram();
            completionTotal = completion.getIntervalHistogram();
        }
    }

    Histogram deliveryLatency() {
        close();
        return deliveryTotal;
    }

    Histogram ackLatency() {
        close();
        return ackTotal;
    }

    Histogram completionLatency() {
        close();
        return completionTotal;
    }

    /** Copies that never came, per message: what the server owed and did not deliver. */
    record Loss(long expectedCopies, long lost, long duplicates, long unanswered, long deliveredWithoutAck) {

        double lossRatio() {
            return expectedCopies == 0 ? 0 : (double) lost / expectedCopies;
        }
    }
}
