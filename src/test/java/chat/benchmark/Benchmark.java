package chat.benchmark;

import chat.testing.LocalRedis;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The benchmark of issue 9: starts its own Redis, and for each scenario a fresh Payara Micro with the WAR,
 * drives it with the load generator, stops everything it started, prints the figures, writes a report with
 * charts, and ends with one line of JSON. Run through payara/benchmark.sh (arguments: key=value, see Settings).
 */
public final class Benchmark {

    private static final long STARTED = System.nanoTime();

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Settings settings = Settings.parse(args);
        Path out = Path.of(settings.text("out")).toAbsolutePath();
        Files.createDirectories(out);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        ZonedDateTime date = ZonedDateTime.now();
        log("run " + runId + ", output in " + out);

        List<Section> sections = new ArrayList<>();
        List<Duration> startups = new ArrayList<>();
        List<Long> ownStartups = new ArrayList<>();
        List<Run> open = new ArrayList<>();
        LocalRedis redis = LocalRedis.startOwn();
        List<LocalRedis> scenarioRedis = new CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> {
            for (Run run : List.copyOf(open)) {
                run.server.kill();
            }
            redis.stop();
            scenarioRedis.forEach(LocalRedis::stop);
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            FanoutScenario.RunStarter starter = name -> {
                log(name + ": starting Payara Micro");
                Run run = Run.start(settings, redis, runId, name);
                if (run.server.startup() != null) {
                    startups.add(run.server.startup());
                    long own = payaraReadyMillis(run.server.log());
                    if (own >= 0) {
                        ownStartups.add(own);
                    }
                    log(name + ": server answering " + run.server.startup().toMillis() + " ms after its start (Payara says ready in "
                            + own + " ms; pid " + run.server.pid() + ", /health/ready " + (run.ready() ? "UP" : "not yet") + ")");
                }
                return run;
            };
            for (String scenario : settings.words("scenarios")) {
                long t0 = System.nanoTime();
                log(scenario + ": begin");
                try {
                    sections.add(switch (scenario) {
                        case "fanout" -> FanoutScenario.run(open, settings, out, starter);
                        case "startup" -> StartupScenario.run(open, settings, starter);
                        case "idle", "ramp", "dm", "broadcast" -> single(scenario, starter, open, out);
                        case "store" -> StoreScenario.run(settings, scenarioRedis::add);
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                    });
                } catch (RuntimeException e) {
                    Section failed = new Section(scenario, scenario + " (failed)");
                    failed.note("The scenario failed: " + LoadClients.rootMessage(e));
                    failed.json.add("error", LoadClients.rootMessage(e));
                    sections.add(failed);
                    e.printStackTrace();
                }
                log(scenario + ": done in " + Fmt.f((System.nanoTime() - t0) / 1e9, 0) + " s");
            }
        } finally {
            for (Run run : List.copyOf(open)) {
                run.close();
            }
            redis.stop();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        report(settings, String.join(" ", args), sections, startups, ownStartups, out, date);
    }

    /** The figure of Payara Micro's own "ready in 8,123 (ms)" line, or -1. */
    static long payaraReadyMillis(Path log) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ready in ([\\d,.]+) \\(ms\\)").matcher(Files.readString(log));
            long last = -1;
            while (m.find()) {
                last = Long.parseLong(m.group(1).replaceAll("[,.]", ""));
            }
            return last;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Section single(String scenario, FanoutScenario.RunStarter starter, List<Run> open, Path out) {
        Run run = starter.start(scenario);
        open.add(run);
        try {
            Section section = switch (scenario) {
                case "idle" -> IdleScenario.run(run, out);
                case "ramp" -> RampScenario.run(run, out);
                case "dm" -> DirectMessageScenario.run(run, out);
                default -> BroadcastScenario.run(run, out);
            };
            noteIfDied(run, section);
            return section;
        } finally {
            String frames = "server frames the generator did not ask for: " + run.frames.otherFrames()
                    + ", errors " + run.frames.errors() + ", send failures " + run.clients.sendFailures();
            log(scenario + ": " + frames);
            run.close();
            open.remove(run);
        }
    }

    /** A server that exited during its scenario is a result in itself (for example an OutOfMemoryError). */
    static void noteIfDied(Run run, Section section) {
        if (!run.server.isAlive()) {
            String tail = "";
            try {
                List<String> lines = Files.readAllLines(run.server.log());
                tail = lines.stream().filter(l -> l.contains("OutOfMemoryError") || l.contains("SEVERE")).reduce((a, b) -> b).orElse("");
            } catch (IOException | RuntimeException e) {
                // no log to quote
            }
            section.note("The server process exited during this scenario (log: " + run.server.log() + ")"
                    + (tail.isEmpty() ? "." : "; last error: " + tail.strip()));
            section.json.add("serverExited", true);
        }
    }

    static void log(String line) {
        System.err.printf("[bench %6.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, line);
    }

    private static void report(Settings settings, String arguments, List<Section> sections, List<Duration> startups,
                               List<Long> ownStartups, Path out, ZonedDateTime date) throws IOException {
        Map<String, JsonObject> results = new LinkedHashMap<>();
        for (Section s : sections) {
            results.put(s.id, s.json.build());
        }
        Machine machine = Machine.describe();
        JsonObjectBuilder startupJson = Json.createObjectBuilder();
        long maxStartup = startups.stream().mapToLong(Duration::toMillis).max().orElse(-1);
        long minStartup = startups.stream().mapToLong(Duration::toMillis).min().orElse(-1);
        startupJson.add("starts", startups.size()).add("minMs", minStartup).add("maxMs", maxStartup)
                .add("payaraReportedMs", Json.createArrayBuilder(ownStartups));
        String startupLine = startups.isEmpty() ? "No server started by the benchmark (server.external): start-up not measured"
                : "Payara Micro answering " + minStartup + "–" + maxStartup + " ms after its process started, over "
                + startups.size() + " starts (Payara's own \"ready in\": " + ownStartups + " ms)";

        Section targets = new Section("targets", "Targets");
        Section.Table t = targets.table("", "target", "measured", "met");
        JsonArrayBuilder targetJson = Json.createArrayBuilder();
        Targets.check(results, maxStartup, minStartup, t, targetJson);

        StringBuilder text = new StringBuilder();
        text.append("\n=== Chat benchmark, ").append(date.format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(" ===\n");
        text.append(machine.summary()).append('\n');
        text.append(startupLine).append('\n');
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" on ")
                .append(machine.summary()).append(".\n\nCommand: `payara/benchmark.sh")
                .append(arguments.isBlank() ? "" : " " + arguments).append("`\n\n");
        md.append(startupLine).append(".\n\n");
        List<Section> all = new ArrayList<>();
        all.add(targets);
        all.addAll(sections);
        for (Section s : all) {
            text.append("\n--- ").append(s.title).append(" ---\n");
            md.append("### ").append(s.title).append("\n\n");
            for (Section.Table table : s.tables) {
                text.append(table.asText());
                md.append(table.asMarkdown()).append('\n');
            }
            for (String note : s.notes) {
                text.append("  * ").append(note).append('\n');
                md.append("- ").append(note).append('\n');
            }
            md.append('\n');
            for (Chart.Saved chart : s.charts) {
                text.append("  chart: ").append(out.resolve(chart.file())).append('\n');
                md.append("![").append(chart.caption()).append("](").append(chart.file()).append(")\n\n");
            }
        }
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("benchmark", "chat")
                .add("date", date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .add("machine", machine.json())
                .add("arguments", arguments)
                .add("settings", Json.createObjectBuilder((Map) settings.all()))
                .add("payaraStartup", startupJson)
                .add("targets", targetJson);
        JsonObjectBuilder scenarios = Json.createObjectBuilder();
        results.forEach(scenarios::add);
        line.add("scenarios", scenarios);
        String json = line.build().toString();
        Files.writeString(out.resolve("report.md"), md.toString());
        Files.writeString(out.resolve("result.json"), json + "\n");
        System.out.println(text);
        System.out.println("report: " + out.resolve("report.md"));
        System.out.println(json);
    }

    /** Reads a number from a JSON object, or NaN. */
    static double number(JsonObject o, String key) {
        if (o == null || !o.containsKey(key) || o.get(key).getValueType() != JsonValue.ValueType.NUMBER) {
            return Double.NaN;
        }
        return o.getJsonNumber(key).doubleValue();
    }

    static JsonArray array(JsonObject o, String key) {
        return o == null || !o.containsKey(key) ? JsonValue.EMPTY_JSON_ARRAY : o.getJsonArray(key);
    }
}
