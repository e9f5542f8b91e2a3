package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: authenticated connections that only stay open. Connections are added up to each level in
 * turn (1k, 10k, 20k); at each level: how fast they connected, the server's RSS, and its heap after a full GC,
 * both also per connection against the empty server.
 */
final class IdleScenario {

    private IdleScenario() {
    }

    static Section run(Run run, Path out) {
        Section section = new Section("idle", "Idle connections: connect rate and memory per connection");
        long pid = run.server.pid();
        Pause.millis(3000);
        // live objects by class on the empty server, to show per level what a connection costs class by class
        java.util.Map<String, long[]> histogram0 = Probes.classHistogram(pid, out.resolve("idle-histogram-0.txt"));
        long heap0 = Probes.heapAfterGcKiB(pid);
        long rss0 = Probes.rssKiB(pid);
        Section.Table table = section.table("", "connections", "connect rate /s", "failed", "RSS MiB", "heap after GC MiB",
                "RSS growth KiB/conn", "heap KiB/conn", "server threads", "server CPU ms/connect", "generator CPU s");
        table.row(0, "-", 0, Fmt.mib(rss0), Fmt.mib(heap0), "-", "-", Probes.threads(pid), "-", "-");
        JsonArrayBuilder levels = Json.createArrayBuilder();
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, rss0 / 1024.0, heap0 / 1024.0});
        int connected = 0;
        for (int wanted : run.settings.numbers("idle.levels")) {
            if (wanted <= connected || !run.timeLeft()) {
                continue;
            }
            int level = Math.min(wanted, connected + Probes.connectionHeadroom(pid));
            if (level < wanted) {
                section.note(wanted + " connections cannot be opened here: the limit on open files (RLIMIT_NOFILE "
                        + Probes.openFilesLimit(pid) + " for the server, " + Probes.openFilesLimit(ProcessHandle.current().pid())
                        + " for the generator; each connection takes one in each) leaves room for " + level
                        + "; measured at " + level + " instead.");
                section.json.add("cappedByOpenFilesLimit", Json.createObjectBuilder().add("wanted", wanted).add("measuredAt", level)
                        .add("serverLimit", Probes.openFilesLimit(pid)).add("generatorLimit", Probes.openFilesLimit(ProcessHandle.current().pid())));
            }
            if (level <= connected) {
                break;
            }
            long cpuBefore = Probes.selfCpuNanos();
            long serverCpuBefore = Probes.cpuNanos(pid);
            LoadClients.Batch batch = run.connect(connected, level - connected);
            double generatorCpu = (Probes.selfCpuNanos() - cpuBefore) / 1e9;
            connected += batch.connected().size();
            Run.Settled settled = run.settle(level + " idle connections");
            // what a connect costs the server, until it has told everyone it had to (presence, welcomes)
            double serverMsPerConnect = batch.connected().isEmpty() ? 0
                    : (Probes.cpuNanos(pid) - serverCpuBefore) / 1e6 / batch.connected().size();
            section.note("At " + level + " connections the server " + settled.describe() + ".");
            Pause.millis(2000);
            int open = run.clients.open();
            List<String> perClass = Probes.growthPerConnection(histogram0,
                    Probes.classHistogram(pid, out.resolve("idle-histogram-" + level + ".txt")), open, 12);
            if (!perClass.isEmpty()) {
                section.note("At " + level + " connections, live heap per connection by class, bytes (instances), largest first: "
                        + String.join("; ", perClass) + " (idle-histogram-" + level + ".txt beside the report).");
            }
            long heap = Probes.heapAfterGcKiB(pid);
            long rss = Probes.rssKiB(pid);
            double rssPer = open == 0 ? 0 : (rss - rss0) / (double) open;
            double heapPer = open == 0 ? 0 : (heap - heap0) / (double) open;
            table.row(Fmt.count(open), Fmt.count(batch.perSecond()), batch.failed(), Fmt.mib(rss), Fmt.mib(heap),
                    Fmt.f(rssPer, 1), Fmt.f(heapPer, 1), Probes.threads(pid), Fmt.f(serverMsPerConnect, 2), Fmt.f(generatorCpu, 1));
            points.add(new double[] {open, rss / 1024.0, heap / 1024.0});
            levels.add(Json.createObjectBuilder()
                    .add("level", level).add("open", open).add("failed", batch.failed())
                    .add("connectPerSecond", Fmt.round(batch.perSecond(), 1))
                    .add("rssKiB", rss).add("heapAfterGcKiB", heap)
                    .add("rssGrowthKiBPerConnection", Fmt.round(rssPer, 2))
                    .add("heapKiBPerConnection", Fmt.round(heapPer, 2))
                    .add("serverThreads", Probes.threads(pid))
                    .add("serverCpuMsPerConnect", Fmt.round(serverMsPerConnect, 2))
                    .add("generatorCpuSecondsForConnects", Fmt.round(generatorCpu, 2)));
            if (batch.failed() > 0) {
                section.note("At " + level + ": " + batch.failed() + " connections failed, first: " + batch.firstFailure());
                break;
            }
            if (!run.server.isAlive()) {
                section.note("The server died at " + level + " connections; see " + run.server.log());
                break;
            }
        }
        section.json.add("baseline", Json.createObjectBuilder().add("rssKiB", rss0).add("heapAfterGcKiB", heap0))
                .add("levels", levels);
        section.note("Memory per connection is the growth over the freshly started, idle server (after a warm-up of"
                + " 3 s and a full GC), divided by the open connections. Heap after GC: jcmd GC.run, then GC.heap_info.");

        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        Chart chart = new Chart("Server memory with idle connections", "open WebSocket connections", "MiB")
                .series("RSS (VmRSS)", x, points.stream().mapToDouble(p -> p[1]).toArray())
                .series("heap after full GC", x, points.stream().mapToDouble(p -> p[2]).toArray())
                .limit("heap target 1 GiB", 1024)
                .yFromZero();
        section.charts.add(chart.save(out, "idle-memory.png", "Server RSS and heap after GC against idle connections"));
        run.clients.closeAll(java.time.Duration.ofSeconds(30));
        return section;
    }
}
