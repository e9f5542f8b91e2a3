package chat.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's knobs, given as {@code key=value} arguments (payara/benchmark.sh passes its arguments on).
 * Defaults are the full run documented in docs/benchmark.md; {@code profile=quick} is a short trial.
 */
final class Settings {

    private static final Map<String, String> FULL = new LinkedHashMap<>();
    private static final Map<String, String> QUICK = new LinkedHashMap<>();

    static {
        FULL.put("scenarios", "startup,idle,fanout,ramp,dm,broadcast");
        FULL.put("out", "target/benchmark");
        FULL.put("server.jvm", "-Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError");
        // a class-data-sharing archive of Payara Micro's classes in target/cds, written by the first server (as payara/run.sh does)
        FULL.put("server.cds", "true");
        FULL.put("server.external", "");
        FULL.put("server.pid", "-1");
        FULL.put("generator.clients", "2");
        FULL.put("connect.concurrency", "100");
        FULL.put("connect.limit.seconds", "300");
        FULL.put("content.size", "100");
        // steady state: on 2 cores the JIT is still compiling the hot paths 25 s into a load (C2 busy for most of a
        // core); after 5 s the fan-out measured 9-11 us per delivery and p99 100-270 ms, after 30-120 s 6-8.6 us and 51-62 ms
        FULL.put("warmup.seconds", "60");
        FULL.put("idle.levels", "1000,10000,20000");
        FULL.put("fanout.receivers", "1000,5000");
        FULL.put("fanout.senders", "10");
        FULL.put("fanout.rate", "100");
        FULL.put("fanout.seconds", "30");
        FULL.put("profile.seconds", "20");
        FULL.put("ramp.receivers", "1000");
        FULL.put("ramp.senders", "10");
        FULL.put("ramp.rates", "5,10,25,50,100,150,200,300,400,600,800");
        // beyond the listed rates: on, by half again per step, up to this (0: the listed rates only)
        FULL.put("ramp.max.rate", "4000");
        FULL.put("ramp.seconds", "10");
        FULL.put("ramp.p99.limit.ms", "100");
        FULL.put("ramp.loss.limit", "0.001");
        FULL.put("dm.pairs", "500");
        FULL.put("dm.window", "16");
        FULL.put("dm.seconds", "20");
        FULL.put("store.runs", "1500000");
        FULL.put("store.pairs", "500");
        FULL.put("store.batch", "32");
        FULL.put("broadcast.step", "1000");
        FULL.put("broadcast.max", "20000");
        FULL.put("broadcast.senders", "4");
        FULL.put("broadcast.samples", "100");
        FULL.put("broadcast.p95.limit.ms", "500");
        FULL.put("broadcast.timeout.ms", "10000");
        FULL.put("startup.runs", "5");
        FULL.put("scenario.limit.seconds", "900");

        QUICK.putAll(FULL);
        QUICK.put("warmup.seconds", "3");
        QUICK.put("idle.levels", "200,1000");
        QUICK.put("startup.runs", "2");
        QUICK.put("fanout.receivers", "200");
        QUICK.put("fanout.seconds", "5");
        QUICK.put("profile.seconds", "0");
        QUICK.put("ramp.receivers", "200");
        QUICK.put("ramp.rates", "50,100,200");
        QUICK.put("ramp.max.rate", "300");
        QUICK.put("ramp.seconds", "4");
        QUICK.put("dm.pairs", "50");
        QUICK.put("dm.seconds", "5");
        QUICK.put("store.runs", "100000");
        QUICK.put("broadcast.step", "200");
        QUICK.put("broadcast.max", "600");
        QUICK.put("broadcast.samples", "40");
        QUICK.put("scenario.limit.seconds", "180");
    }

    private final Map<String, String> values;
    /** Extra environment for the server ({@code env.CHAT_X=value}), on top of the benchmark's own. */
    private final Map<String, String> serverEnv = new LinkedHashMap<>();

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    static Settings parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, not: " + arg + "\nkeys: " + FULL.keySet());
            }
            given.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        boolean quick = "quick".equals(given.remove("profile"));
        Settings settings = new Settings(new LinkedHashMap<>(quick ? QUICK : FULL));
        given.forEach((key, value) -> {
            if (key.startsWith("env.")) {
                settings.serverEnv.put(key.substring(4), value);
            } else if (settings.values.containsKey(key)) {
                settings.values.put(key, value);
            } else {
                throw new IllegalArgumentException("unknown setting " + key + "; known: " + FULL.keySet());
            }
        });
        return settings;
    }

    String text(String key) {
        return values.get(key);
    }

    int number(String key) {
        return Integer.parseInt(values.get(key).trim());
    }

    double decimal(String key) {
        return Double.parseDouble(values.get(key).trim());
    }

    List<Integer> numbers(String key) {
        List<Integer> list = new ArrayList<>();
        for (String part : values.get(key).split(",")) {
            if (!part.isBlank()) {
                list.add(Integer.parseInt(part.trim()));
            }
        }
        return list;
    }

    List<String> words(String key) {
        return Arrays.stream(values.get(key).split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    Map<String, String> serverEnv() {
        return serverEnv;
    }

    Map<String, String> all() {
        return values;
    }
}
