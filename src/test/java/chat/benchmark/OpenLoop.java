package chat.benchmark;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Room messages at a fixed total rate, whatever the server's answers (open loop: a slow server does not
 * slow the offered load down). Senders take turns; each message's content carries its ledger number.
 * The pacer's own lateness is kept: when it falls behind, the generator could not offer the load.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    record Result(Phase phase, int receivers, double rate, double sendSeconds, CpuClock.Usage usage, Phase.Loss loss,
                  Histogram pacerLateMicros, int maxBacklog) {

        long deliveries() {
            return phase.deliveries.get();
        }

        double deliveriesPerSecond() {
            return sendSeconds == 0 ? 0 : deliveries() / sendSeconds;
        }

        double achievedRate() {
            return sendSeconds == 0 ? 0 : phase.sent.get() / sendSeconds;
        }

        double serverMicrosPerDelivery() {
            return deliveries() == 0 ? 0 : usage.serverSeconds() * 1e6 / deliveries();
        }

        double redisMicrosPerDelivery() {
            return deliveries() == 0 ? 0 : usage.redisSeconds() * 1e6 / deliveries();
        }

        double generatorMicrosPerDelivery() {
            return deliveries() == 0 ? 0 : usage.generatorSeconds() * 1e6 / deliveries();
        }

        /** The pacer was more than 10 ms late for over 1 % of the messages: the offered load was not offered. */
        boolean pacerBehind() {
            return pacerLateMicros.getTotalCount() > 0 && pacerLateMicros.getValueAtPercentile(99) > 10_000;
        }

        boolean generatorLimited() {
            return pacerBehind() || usage.generatorBound();
        }
    }

    /**
     * Sends {@code rate} messages per second into the room for {@code seconds}, then waits for the copies
     * still on their way. Every connected user is in general, so each message is owed {@code copies} deliveries.
     */
    static Result run(Run run, Phase phase, List<LoadConnection> senders, int copies, double rate, double seconds) {
        Ledger ledger = phase.ledger;
        int contentSize = run.settings.number("content.size");
        long total = Math.round(rate * seconds);
        double period = 1e9 / rate;
        Histogram late = new Histogram(Phase.MAX_MICROS, 3);
        CpuClock.Reading before = run.cpu.read();
        long start = System.nanoTime();
        for (long i = 0; i < total && run.timeLeft(); i++) {
            long due = start + (long) (i * period);
            Pause.until(due);
            long now = System.nanoTime();
            late.recordValue(Math.min(Phase.MAX_MICROS, Math.max(0, (now - due) / 1000)));
            LoadConnection sender = senders.get((int) (i % senders.size()));
            int k = ledger.register(phase, sender.index, copies, now);
            if (k < 0) {
                break;
            }
            sender.send(Frames.chat("general", k, contentSize));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        phase.drain(2000, 10_000);
        CpuClock.Usage usage = run.cpu.read().since(before);
        Benchmark.log(phase.name + ": sent " + phase.sent.get() + ", acknowledged " + phase.acks.get() + ", rejected "
                + phase.rejects.get() + ", deliveries " + phase.deliveries.get() + " of " + phase.expectedCopies.get()
                + ", open connections " + run.clients.open());
        // deliveries per second over the sending time, not the drain: a backlog shows as latency and loss
        return new Result(phase, copies, rate, sendSeconds, usage, ledger.loss(phase), late, run.clients.maxBacklog());
    }
}
