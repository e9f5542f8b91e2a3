package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up on a quiet machine: the server is started {@code startup.runs} times, one after the other with a
 * pause between, and nothing else of the benchmark running. Each start counts from the process's launch until
 * the WAR answers (GET / and /health/live 200), beside Payara's own "ready in" and whether /health/ready
 * (Redis answering, the bus subscribed) was UP at that moment.
 * The first start of a new Payara Micro jar writes the class archive (server.cds) that later starts map.
 */
final class StartupScenario {

    private StartupScenario() {
    }

    static Section run(List<Run> open, Settings settings, FanoutScenario.RunStarter starter) {
        Section section = new Section("startup", "Start-up: Payara Micro with the WAR, until ready");
        Section.Table table = section.table("", "start", "answering ms", "Payara's \"ready in\" ms", "class archive",
                "/health/ready then");
        JsonArrayBuilder json = Json.createArrayBuilder();
        List<Long> answering = new ArrayList<>();
        int runs = (int) settings.number("startup.runs");
        for (int i = 1; i <= runs; i++) {
            Run run = starter.start("startup");
            open.add(run);
            String archive = run.archiveState();
            boolean ready = run.ready();
            Duration startup = run.server.startup();
            long own = Benchmark.payaraReadyMillis(run.server.log());
            run.close();
            open.remove(run);
            if (startup != null) {
                answering.add(startup.toMillis());
                table.row(i, startup.toMillis(), own, archive, ready ? "UP" : "not yet");
                json.add(Json.createObjectBuilder().add("answeringMs", startup.toMillis()).add("payaraReadyMs", own)
                        .add("classArchive", archive).add("readyThen", ready));
            }
            Pause.millis(3000);
        }
        section.json.add("starts", json);
        answering.stream().mapToLong(Long::longValue).max().ifPresent(max -> section.json.add("maxAnsweringMs", max));
        answering.stream().mapToLong(Long::longValue).min().ifPresent(min -> section.json.add("minAnsweringMs", min));
        section.note("Each start: a fresh Payara Micro process with the WAR, Redis already up, the machine otherwise idle "
                + "(3 s after the previous server stopped). Answering: from the process's launch until GET / and /health/live "
                + "answer 200 (polled every 200 ms); /health/ready was asked right after.");
        return section;
    }
}
