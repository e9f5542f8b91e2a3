package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/** The targets of issue 9, each set against what the run measured (a target whose scenario did not run is "not run"). */
final class Targets {

    private Targets() {
    }

    static void check(Map<String, JsonObject> results, long maxStartupMs, long minStartupMs, Section.Table table,
                      JsonArrayBuilder json) {
        JsonObject fanout1000 = fanoutRun(results.get("fanout"), 1000);
        if (fanout1000 != null) {
            double p99 = p99(fanout1000);
            double lost = Benchmark.number(fanout1000, "lost");
            double delivered = Benchmark.number(fanout1000, "deliveries");
            double cpu = delivered > 0 ? Benchmark.number(fanout1000, "serverCpuMicrosPerDelivery") : Double.NaN;
            add(table, json, "1,000 receivers × 100 msg/s: zero loss", Fmt.count(lost) + " of "
                    + Fmt.count(Benchmark.number(fanout1000, "expectedDeliveries")) + " copies lost", delivered > 0 && lost == 0);
            add(table, json, "1,000 receivers × 100 msg/s: p99 ≤ 50 ms", Fmt.ms(p99) + " ms", p99 <= 50);
            add(table, json, "1,000 receivers × 100 msg/s: server CPU ≤ 6 µs/delivery",
                    (Double.isNaN(cpu) ? "-" : Fmt.f(cpu, 2)) + " µs", cpu <= 6);
        } else {
            notRun(table, json, "1,000 receivers × 100 msg/s");
        }
        JsonObject ramp = results.get("ramp");
        if (ramp != null && ramp.containsKey("sustainableDeliveriesPerSecond")) {
            double sustainable = Benchmark.number(ramp, "sustainableDeliveriesPerSecond");
            add(table, json, "ramp, 1,000 receivers: ≥ 150,000 deliveries/s at p99 ≤ 100 ms",
                    Fmt.count(sustainable) + "/s (stopped by " + ramp.getString("stoppedBy", "?")
                            + (ramp.getBoolean("generatorLimitedAtStop", false) ? ", generator-limited" : "") + ")",
                    sustainable >= 150_000);
        } else {
            notRun(table, json, "ramp");
        }
        JsonObject fanout5000 = fanoutRun(results.get("fanout"), 5000);
        if (fanout5000 != null) {
            add(table, json, "5,000 receivers × 100 msg/s: what is reached",
                    Fmt.count(Benchmark.number(fanout5000, "deliveriesPerSecond")) + " deliveries/s, p99 "
                            + Fmt.ms(p99(fanout5000)) + " ms, loss "
                            + Fmt.percent(Benchmark.number(fanout5000, "lossRatio")), null);
        } else {
            notRun(table, json, "5,000 receivers × 100 msg/s");
        }
        JsonObject idle = results.get("idle");
        JsonObject top = idle == null ? null : last(Benchmark.array(idle, "levels"));
        if (top != null) {
            double heapMiB = Benchmark.number(top, "heapAfterGcKiB") / 1024;
            double rssPer = Benchmark.number(top, "rssGrowthKiBPerConnection");
            int open = top.getInt("open");
            boolean reached = open >= 20_000;
            add(table, json, "20,000 idle connections: heap after GC ≤ 1 GiB",
                    Fmt.count(open) + " open, " + Fmt.f(heapMiB, 0) + " MiB", reached && heapMiB <= 1024);
            add(table, json, "20,000 idle connections: RSS growth ≤ 16 KiB/connection",
                    Fmt.f(rssPer, 1) + " KiB at " + Fmt.count(open), reached && rssPer <= 16);
        } else {
            notRun(table, json, "idle connections");
        }
        JsonObject dm = results.get("dm");
        if (dm != null && dm.containsKey("acceptedPerSecond")) {
            double rate = Benchmark.number(dm, "acceptedPerSecond");
            long missing = dm.getJsonNumber("missingFromHistory").longValue();
            String verification = dm.getString("verification", "");
            add(table, json, "direct messages ≥ 20,000 stored msgs/s", Fmt.count(rate) + "/s accepted; stored: " + verification,
                    rate >= 20_000 && missing == 0 && !verification.startsWith("not verified"));
        } else {
            notRun(table, json, "direct messages");
        }
        JsonObject startup = results.get("startup");
        if (startup != null && startup.containsKey("maxAnsweringMs")) {
            long max = startup.getJsonNumber("maxAnsweringMs").longValue();
            add(table, json, "Payara Micro ready in ≤ 10 s", startup.getJsonNumber("minAnsweringMs").longValue() + "–" + max
                    + " ms over " + startup.getJsonArray("starts").size() + " quiet starts (startup scenario)", max <= 10_000);
        } else if (maxStartupMs >= 0) {
            add(table, json, "Payara Micro ready in ≤ 10 s", minStartupMs + "–" + maxStartupMs + " ms (scenario starts)", maxStartupMs <= 10_000);
        }
        JsonObject broadcast = results.get("broadcast");
        if (broadcast != null && broadcast.containsKey("largestClientsPassed")) {
            add(table, json, "broadcast steps: largest client count with p95 ≤ 500 ms",
                    Fmt.count(broadcast.getInt("largestClientsPassed")) + " (" + broadcast.getString("stoppedBy", "") + ")", null);
        }
    }

    private static double p99(JsonObject run) {
        return Benchmark.number(run.getJsonObject("latencyMs"), "p99");
    }

    private static JsonObject fanoutRun(JsonObject fanout, int receivers) {
        for (JsonValue v : Benchmark.array(fanout, "runs")) {
            JsonObject run = v.asJsonObject();
            if (run.getInt("receivers", -1) == receivers) {
                return run;
            }
        }
        return null;
    }

    private static JsonObject last(jakarta.json.JsonArray array) {
        return array.isEmpty() ? null : array.getJsonObject(array.size() - 1);
    }

    private static void add(Section.Table table, JsonArrayBuilder json, String target, String measured, Boolean met) {
        table.row(target, measured, met == null ? "(report)" : met ? "yes" : "NO");
        var o = Json.createObjectBuilder().add("target", target).add("measured", measured);
        if (met != null) {
            o.add("met", met);
        }
        json.add(o);
    }

    private static void notRun(Section.Table table, JsonArrayBuilder json, String target) {
        table.row(target, "not run", "-");
        json.add(Json.createObjectBuilder().add("target", target).add("measured", "not run"));
    }
}
