package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Scenario 5, in the style of the websocket-shootout broadcast benchmark: clients are added in steps; at each
 * step a few concurrent senders each send a broadcast, wait for it, and send the next, until the sample size
 * is reached. The step passes while the 95th percentile round trip stays within its limit.
 * Round trip here: from the send until the last connected client has received the message, which is
 * stricter than the shootout's (there the server answers the sender once it has handed the broadcast on).
 */
final class BroadcastScenario {

    private BroadcastScenario() {
    }

    static Section run(Run run, Path out) {
        Settings settings = run.settings;
        Section section = new Section("broadcast", "Broadcast step test (websocket-shootout style)");
        int step = settings.number("broadcast.step");
        int max = settings.number("broadcast.max");
        int senderCount = settings.number("broadcast.senders");
        int samples = settings.number("broadcast.samples");
        double limitMs = settings.decimal("broadcast.p95.limit.ms");
        long timeoutMs = settings.number("broadcast.timeout.ms");
        int contentSize = settings.number("content.size");
        Ledger ledger = run.ledger((max / Math.max(1, step) + 2) * samples + 1000, false);

        Section.Table table = section.table("", "clients", "connect rate /s", "broadcasts", "p50 ms", "p95 ms", "max ms",
                "timeouts", "cores server/redis+rewrites/generator/other", "passed");
        JsonArrayBuilder steps = Json.createArrayBuilder();
        List<double[]> points = new ArrayList<>();
        List<LoadConnection> senders = new ArrayList<>();
        int connected = 0;
        int reached = 0;
        String stoppedBy = "reached broadcast.max";
        while (connected < max && run.timeLeft()) {
            int more = Math.min(step, max - connected);
            if (Probes.connectionHeadroom(run.server.pid()) < more) {
                stoppedBy = "the limit on open files (RLIMIT_NOFILE " + Probes.openFilesLimit(run.server.pid())
                        + ") leaves no room for " + more + " more connections";
                break;
            }
            LoadClients.Batch batch = run.connect(connected, more);
            connected += batch.connected().size();
            for (LoadConnection c : batch.connected()) {
                if (senders.size() < senderCount) {
                    senders.add(c);
                }
            }
            if (batch.failed() > 0) {
                stoppedBy = batch.failed() + " connections failed at " + connected + ", first: " + batch.firstFailure();
                break;
            }
            Run.Settled settled = run.settle(connected + " clients");
            int copies = run.clients.open();
            Phase phase = ledger.newPhase(copies + " clients");
            Map<Integer, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
            phase.onComplete = k -> {
                CompletableFuture<Void> f = waiting.remove(k);
                if (f != null) {
                    f.complete(null);
                }
            };
            Histogram rtt = new Histogram(Phase.MAX_MICROS, 3);
            int[] timeouts = {0};
            CpuClock.Reading before = run.cpu.read();
            List<Thread> threads = new ArrayList<>();
            int perSender = (samples + senders.size() - 1) / senders.size();
            for (LoadConnection sender : senders) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < perSender && run.timeLeft(); i++) {
                        long sent = System.nanoTime();
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        int k = ledger.register(phase, sender.index, copies, sent);
                        if (k < 0) {
                            return;
                        }
                        waiting.put(k, done);
                        sender.send(Frames.chat("general", k, contentSize));
                        try {
                            done.get(timeoutMs, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            waiting.remove(k);
                            synchronized (timeouts) {
                                timeouts[0]++;
                            }
                        } catch (Exception e) {
                            return;
                        }
                        long micros = Math.min(Phase.MAX_MICROS, (System.nanoTime() - sent) / 1000);
                        synchronized (rtt) {
                            rtt.recordValue(micros);
                        }
                    }
                }, "broadcast-sender-" + sender.index);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                try {
                    t.join(timeoutMs * (perSender + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            phase.drain(500, 5000);
            CpuClock.Usage usage = run.cpu.read().since(before);
            double p95 = Fmt.ms(rtt, 95);
            boolean passed = !Double.isNaN(p95) && p95 <= limitMs && timeouts[0] == 0;
            table.row(Fmt.count(copies), Fmt.count(batch.perSecond()), rtt.getTotalCount(), Fmt.ms(Fmt.ms(rtt, 50)),
                    Fmt.ms(p95), Fmt.ms(Fmt.maxMs(rtt)), timeouts[0], Fmt.cores(usage), passed ? "yes" : "no");
            steps.add(Json.createObjectBuilder().add("clients", copies).add("settleSeconds", Fmt.round(settled.seconds(), 1)).add("connectPerSecond", Fmt.round(batch.perSecond(), 1))
                    .add("roundTripMs", Fmt.latencyJson(rtt)).add("timeouts", timeouts[0]).add("passed", passed)
                    .add("cpu", Fmt.usageJson(usage)));
            points.add(new double[] {copies, Fmt.ms(rtt, 50), p95, Fmt.maxMs(rtt)});
            if (!passed) {
                stoppedBy = "p95 " + Fmt.ms(p95) + " ms" + (timeouts[0] > 0 ? ", " + timeouts[0] + " timeouts" : "")
                        + " at " + copies + " clients";
                break;
            }
            reached = copies;
            if (!run.server.isAlive()) {
                stoppedBy = "server gone";
                break;
            }
        }
        section.json.add("step", step).add("senders", senderCount).add("samplesPerStep", samples)
                .add("p95LimitMs", limitMs).add("largestClientsPassed", reached).add("stoppedBy", stoppedBy).add("steps", steps);
        section.note("Largest client count that passed: " + Fmt.count(reached) + " (stopped by: " + stoppedBy + "). "
                + senderCount + " senders, " + samples + " broadcasts per step, each sender waits for its broadcast to"
                + " reach every client before sending the next; a step passes while p95 ≤ " + Fmt.ms(limitMs) + " ms.");
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        Chart chart = new Chart("Broadcast round trip (send → last client received) by client count", "connected clients",
                "round trip ms").logY()
                .series("p50", x, RampScenario.col(points, 1)).series("p95", x, RampScenario.col(points, 2))
                .series("max", x, RampScenario.col(points, 3))
                .limit("p95 limit " + Fmt.ms(limitMs) + " ms", limitMs);
        section.charts.add(chart.save(out, "broadcast-steps.png", "Broadcast round trip at each client step"));
        return section;
    }
}
