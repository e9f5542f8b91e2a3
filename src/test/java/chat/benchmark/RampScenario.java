package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3: the fan-out of scenario 2 at rising message rates, step after step, until p99 exceeds its
 * limit or loss exceeds its limit. The sustainable figure is the deliveries/s of the last step within both.
 * After the listed rates the ramp goes on by half again per step (up to {@code ramp.max.rate}), so a fast machine
 * still finds its limit instead of reporting the last listed step; a step at which the generator was the limit ends
 * it too, since later steps would measure the generator.
 */
final class RampScenario {

    private RampScenario() {
    }

    static Section run(Run run, Path out) {
        Settings settings = run.settings;
        Section section = new Section("ramp", "Ramp: raising the message rate until p99 or loss exceeds its limit");
        int receivers = settings.number("ramp.receivers");
        int senderCount = settings.number("ramp.senders");
        double seconds = settings.decimal("ramp.seconds");
        double p99Limit = settings.decimal("ramp.p99.limit.ms");
        double lossLimit = settings.decimal("ramp.loss.limit");
        List<Integer> rates = rates(settings.numbers("ramp.rates"), settings.number("ramp.max.rate"));

        int firstRate = rates.isEmpty() ? 10 : rates.get(0);
        Ledger ledger = run.ledger((int) Math.min(30_000_000, rates.stream().mapToDouble(r -> r * seconds).sum() * 1.2
                + firstRate * (settings.number("warmup.seconds") + 3) * 1.2 + 10_000), false);
        FanoutScenario.Measured warm = FanoutScenario.measure(run, section, receivers, senderCount, firstRate,
                Math.min(seconds, 3), "ramp warm-up");
        List<LoadConnection> senders = warm.senders();
        int copies = warm.result().receivers();

        Section.Table table = section.table("", "msgs/s offered", "msgs/s sent", "deliveries/s", "loss", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms", "server µs/delivery", "cores server/redis+rewrites/generator/other", "generator-limited", "within limits");
        JsonArrayBuilder steps = Json.createArrayBuilder();
        List<double[]> points = new ArrayList<>();
        List<double[]> cores = new ArrayList<>();
        double sustainable = 0;
        String stoppedBy = "all steps within limits";
        boolean capByGenerator = false;
        for (int rate : rates) {
            if (!run.timeLeft() || !run.server.isAlive()) {
                stoppedBy = "time limit or server gone";
                break;
            }
            OpenLoop.Result r = OpenLoop.run(run, ledger.newPhase(rate + " msg/s"), senders, copies, rate, seconds);
            Histogram d = r.phase().deliveryLatency();
            double p99 = Fmt.ms(d, 99);
            double loss = r.loss().lossRatio();
            boolean within = !Double.isNaN(p99) && p99 <= p99Limit && loss <= lossLimit;
            table.row(rate, Fmt.f(r.achievedRate(), 1), Fmt.count(r.deliveriesPerSecond()), Fmt.percent(loss),
                    Fmt.ms(Fmt.ms(d, 50)), Fmt.ms(p99), Fmt.ms(Fmt.ms(d, 99.9)), Fmt.ms(Fmt.maxMs(d)),
                    Fmt.f(r.serverMicrosPerDelivery(), 2), Fmt.cores(r.usage()), r.generatorLimited() ? "yes" : "no",
                    within ? "yes" : "no");
            steps.add(FanoutScenario.json(r, senderCount).add("withinLimits", within));
            points.add(new double[] {r.rate() * copies, r.deliveriesPerSecond(), Fmt.ms(d, 50), p99, Fmt.ms(d, 99.9), Fmt.maxMs(d)});
            cores.add(new double[] {r.rate() * copies, r.usage().serverCores(), r.usage().redisCores(), r.usage().generatorCores(),
                r.usage().machineBusyCores()});
            if (!within) {
                stoppedBy = (p99 > p99Limit ? "p99 " + Fmt.ms(p99) + " ms > " + Fmt.ms(p99Limit) + " ms" : "")
                        + (loss > lossLimit ? (p99 > p99Limit ? " and " : "") + "loss " + Fmt.percent(loss) : "")
                        + " at " + rate + " msg/s";
                capByGenerator = r.generatorLimited();
                break;
            }
            sustainable = Math.max(sustainable, r.deliveriesPerSecond());
            if (r.generatorLimited()) {
                stoppedBy = "the generator, the limit at " + rate + " msg/s (the server was within both limits)";
                capByGenerator = true;
                break;
            }
            Pause.millis(1000);
        }
        section.json.add("receivers", receivers).add("senders", senderCount).add("copiesPerMessage", copies)
                .add("sustainableDeliveriesPerSecond", Fmt.round(sustainable, 1))
                .add("stoppedBy", stoppedBy).add("generatorLimitedAtStop", capByGenerator).add("steps", steps);
        section.note("Sustainable: " + Fmt.count(sustainable) + " deliveries/s with " + receivers + " receivers (p99 ≤ "
                + Fmt.ms(p99Limit) + " ms, loss ≤ " + Fmt.percent(lossLimit) + "). Stopped by: " + stoppedBy
                + (capByGenerator ? " — at that step the generator itself was the limit (see generator-limited)." : "."));
        section.note("Generator-limited means: the machine had no idle core and the generator used at least as much CPU as the"
                + " server, or the generator's pacer was more than 10 ms late for over 1 % of its sends.");

        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        Chart latency = new Chart("Ramp: delivery latency against offered load (" + receivers + " receivers)",
                "offered deliveries/s", "latency ms").logY()
                .series("p50", x, col(points, 2)).series("p99", x, col(points, 3))
                .series("p99.9", x, col(points, 4)).series("max", x, col(points, 5))
                .limit("p99 limit " + Fmt.ms(p99Limit) + " ms", p99Limit);
        section.charts.add(latency.save(out, "ramp-latency.png", "Latency percentiles at each ramp step"));
        Chart cpu = new Chart("Ramp: CPU cores used at each step (machine has "
                + Runtime.getRuntime().availableProcessors() + ")", "offered deliveries/s", "cores").yFromZero()
                .series("server (Payara)", x, col(cores, 1)).series("Redis", x, col(cores, 2))
                .series("generator", x, col(cores, 3)).series("machine busy", x, col(cores, 4))
                .limit("all cores", Runtime.getRuntime().availableProcessors());
        section.charts.add(cpu.save(out, "ramp-cpu.png", "Who used the CPU at each ramp step"));
        Chart achieved = new Chart("Ramp: deliveries/s achieved against offered", "offered deliveries/s", "deliveries/s")
                .yFromZero().series("achieved", x, col(points, 1)).series("offered", x, x);
        section.charts.add(achieved.save(out, "ramp-throughput.png", "Achieved against offered deliveries per second"));
        return section;
    }

    /**
     * The listed rates, then onwards from the last by half again per step (rounded to 50) up to {@code max}:
     * the ramp ends at the first step out of limits, so the steps beyond it are never run.
     */
    static List<Integer> rates(List<Integer> listed, int max) {
        List<Integer> rates = new ArrayList<>(listed);
        int rate = listed.isEmpty() ? 0 : listed.get(listed.size() - 1);
        while (rate > 0 && rate < max) {
            rate = Math.min(max, Math.max(rate + 50, (int) Math.round(rate * 1.5 / 50) * 50));
            rates.add(rate);
        }
        return rates;
    }

    static double[] col(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }
}
