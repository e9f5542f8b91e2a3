package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Scenario 2: N receivers and S senders in general, S senders together sending R messages per second of
 * 100 characters. Every connected user gets every message (the senders' own copies are their acknowledgements),
 * so the server owes (N + S) deliveries per message.
 */
final class FanoutScenario {

    private FanoutScenario() {
    }

    /** A measured run and the senders it used (a profiled run repeats it with the same ones). */
    record Measured(OpenLoop.Result result, List<LoadConnection> senders, Run.Settled settled, double framesPerWrite) {
    }

    /** Connects N receivers and S senders, warms the server up at the rate, then measures. */
    static Measured measure(Run run, Section section, int receivers, int senderCount, double rate, double seconds, String name) {
        LoadClients.Batch receiverBatch = run.connect(0, receivers);
        LoadClients.Batch senderBatch = run.connect(receivers, senderCount);
        if (receiverBatch.failed() + senderBatch.failed() > 0) {
            section.note(name + ": " + (receiverBatch.failed() + senderBatch.failed()) + " connections failed, first: "
                    + (receiverBatch.firstFailure() != null ? receiverBatch.firstFailure() : senderBatch.firstFailure()));
        }
        List<LoadConnection> senders = senderBatch.connected();
        if (senders.isEmpty()) {
            throw new IllegalStateException("no sender could connect");
        }
        int copies = run.clients.open();
        Ledger ledger = run.ledger((int) Math.min(20_000_000,
                rate * (seconds + run.settings.number("warmup.seconds") + run.settings.number("profile.seconds")) * 1.2 + 10_000), false);
        Run.Settled settled = run.settle(name);
        section.note(name + ": after the connects the server " + settled.describe() + ".");
        double warmup = run.settings.number("warmup.seconds");
        if (warmup > 0) {
            OpenLoop.run(run, ledger.newPhase(name + " warm-up"), senders, copies, rate, warmup);
        }
        double writesBefore = socketWrites(run);
        OpenLoop.Result result = OpenLoop.run(run, ledger.newPhase(name), senders, copies, rate, seconds);
        double writes = socketWrites(run) - writesBefore;
        return new Measured(result, senders, settled, writes > 0 ? result.deliveries() / writes : 0);
    }

    /** The server's count of socket writes (its /metrics), to tell how many frames went out per write; 0 when unknown. */
    static double socketWrites(Run run) {
        try {
            for (String line : run.get("/metrics", "u00000").body().split("\n")) {
                if (line.contains("chat_socket_writes") && !line.startsWith("#")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (Exception e) {
            // no figure then
        }
        return 0;
    }

    static Section run(List<Run> runs, Settings settings, Path out, RunStarter starter) {
        Section section = new Section("fanout", "Fan-out: one room, N receivers, S senders at R messages/s");
        Section.Table table = section.table("", "receivers", "senders", "msgs/s", "deliveries/s", "loss", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms", "ack p99 ms", "server µs/delivery", "redis µs/delivery", "cores server/redis+rewrites/generator/other",
                "generator-limited");
        List<Histogram> histograms = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        var results = Json.createArrayBuilder();
        int senders = settings.number("fanout.senders");
        double rate = settings.decimal("fanout.rate");
        double seconds = settings.decimal("fanout.seconds");
        boolean first = true;
        for (int receivers : settings.numbers("fanout.receivers")) {
            Run run = starter.start("fanout-" + receivers);
            runs.add(run);
            try {
                String name = receivers + " receivers × " + Fmt.count(rate) + " msg/s";
                Measured measured = measure(run, section, receivers, senders, rate, seconds, name);
                OpenLoop.Result r = measured.result();
                row(table, r, senders);
                section.note(name + ": " + Fmt.f(measured.framesPerWrite(), 1) + " frames per socket write on average.");
                results.add(json(r, senders).add("settleSeconds", Fmt.round(measured.settled().seconds(), 1))
                        .add("framesPerWrite", Fmt.round(measured.framesPerWrite(), 2))
                        .add("settleFrames", measured.settled().frames()));
                histograms.add(r.phase().deliveryLatency());
                labels.add(name);
                if (first && settings.number("profile.seconds") > 0) {
                    Profiler.profile(run, section, out, "fanout-" + receivers, () -> OpenLoop.run(run,
                            r.phase().ledger.newPhase(name + " (profiled)"), measured.senders(), r.receivers(), rate,
                            settings.number("profile.seconds")));
                }
                first = false;
                Benchmark.noteIfDied(run, section);
            } finally {
                run.close();
                runs.remove(run);
            }
        }
        section.json.add("runs", results);
        section.note("Latency: from the sender's send call to a receiver's onText, both in the generator (one clock)."
                + " Deliveries/s counts every copy received, the senders' own copies included. CPU µs per delivery: the"
                + " process's CPU time (/proc/PID/stat utime+stime) over the measured window, divided by the deliveries in it.");
        section.charts.add(percentileChart("Fan-out delivery latency by percentile", histograms, labels)
                .limit("target p99 50 ms", 50)
                .save(out, "fanout-latency.png", "Delivery latency distribution of each fan-out run"));
        return section;
    }

    static void row(Section.Table table, OpenLoop.Result r, int senders) {
        Histogram d = r.phase().deliveryLatency();
        Histogram a = r.phase().ackLatency();
        table.row(Fmt.count(r.receivers() - senders), senders, Fmt.f(r.achievedRate(), 1), Fmt.count(r.deliveriesPerSecond()),
                Fmt.percent(r.loss().lossRatio()), Fmt.ms(Fmt.ms(d, 50)), Fmt.ms(Fmt.ms(d, 99)), Fmt.ms(Fmt.ms(d, 99.9)),
                Fmt.ms(Fmt.maxMs(d)), Fmt.ms(Fmt.ms(a, 99)), Fmt.f(r.serverMicrosPerDelivery(), 2),
                Fmt.f(r.redisMicrosPerDelivery(), 2), Fmt.cores(r.usage()), r.generatorLimited() ? "yes" : "no");
    }

    static JsonObjectBuilder json(OpenLoop.Result r, int senders) {
        Phase.Loss loss = r.loss();
        return Json.createObjectBuilder()
                .add("name", r.phase().name)
                .add("receivers", r.receivers() - senders)
                .add("senders", senders)
                .add("copiesPerMessage", r.receivers())
                .add("offeredRate", r.rate())
                .add("achievedRate", Fmt.round(r.achievedRate(), 2))
                .add("seconds", Fmt.round(r.sendSeconds(), 2))
                .add("sent", r.phase().sent.get())
                .add("acked", r.phase().acks.get())
                .add("rejected", r.phase().rejects.get())
                .add("deliveries", r.deliveries())
                .add("deliveriesPerSecond", Fmt.round(r.deliveriesPerSecond(), 1))
                .add("expectedDeliveries", loss.expectedCopies())
                .add("lost", loss.lost())
                .add("lossRatio", loss.lossRatio())
                .add("duplicates", loss.duplicates())
                .add("unanswered", loss.unanswered())
                .add("latencyMs", Fmt.latencyJson(r.phase().deliveryLatency()))
                .add("ackLatencyMs", Fmt.latencyJson(r.phase().ackLatency()))
                .add("serverCpuMicrosPerDelivery", Fmt.round(r.serverMicrosPerDelivery(), 3))
                .add("redisCpuMicrosPerDelivery", Fmt.round(r.redisMicrosPerDelivery(), 3))
                .add("generatorCpuMicrosPerDelivery", Fmt.round(r.generatorMicrosPerDelivery(), 3))
                .add("cpu", Fmt.usageJson(r.usage()))
                .add("pacerLateP99Ms", Fmt.round(Fmt.ms(r.pacerLateMicros(), 99), 3))
                .add("maxSendBacklog", r.maxBacklog())
                .add("generatorLimited", r.generatorLimited());
    }

    /** Latency (ms, log) against percentile on a "nines" scale: the tail is as visible as the median. */
    static Chart percentileChart(String title, List<Histogram> histograms, List<String> labels) {
        Chart chart = new Chart(title, "percentile", "latency ms").logY()
                .xTicks(new double[] {0, Chart.nines(50), Chart.nines(90), Chart.nines(99), Chart.nines(99.9), Chart.nines(99.99)},
                        v -> v == 0 ? "0%" : Chart.percentileLabel(v));
        for (int i = 0; i < histograms.size(); i++) {
            Histogram h = histograms.get(i);
            if (h.getTotalCount() == 0) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (double p : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99}) {
                points.add(new double[] {Chart.nines(p), Math.max(0.01, h.getValueAtPercentile(p) / 1000.0)});
            }
            chart.series(labels.get(i), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
        }
        return chart;
    }

    /** Starts a fresh server (and its Run) for a named part of a scenario. */
    interface RunStarter {
        Run start(String name);
    }
}
