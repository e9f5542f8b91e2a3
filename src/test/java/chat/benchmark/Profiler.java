package chat.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where the server spends its CPU under load: a JFR recording (settings=profile) of the server taken through
 * jcmd while the load runs again, summarized from its execution samples into the hottest methods (self time),
 * the application's own methods anywhere on the stack, and the busiest threads.
 */
final class Profiler {

    private Profiler() {
    }

    static void profile(Run run, Section section, Path out, String name, Runnable load) {
        long pid = run.server.pid();
        Path recording = out.toAbsolutePath().resolve("profile-" + name + ".jfr");
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            section.note("profile skipped: " + e);
            return;
        }
        String started = Probes.jcmd(pid, "JFR.start", "name=bench", "settings=profile");
        if (!started.contains("Started recording")) {
            section.note("profile skipped: JFR.start answered " + started.strip());
            return;
        }
        try {
            load.run();
        } finally {
            Probes.jcmd(pid, "JFR.stop", "name=bench", "filename=" + recording);
        }
        if (!Files.exists(recording)) {
            section.note("profile: no recording written");
            return;
        }
        Summary summary = summarize(recording, "jdk.ExecutionSample");
        Summary waiting = summarize(recording, "jdk.NativeMethodSample");
        Path text = out.resolve("profile-" + name + ".txt");
        try {
            Files.writeString(text, summary.render(40) + "\n\n" + waiting.render(25));
        } catch (IOException e) {
            section.note("profile summary not written: " + e);
        }
        section.note("Server profile (JFR execution samples, " + summary.samples + " samples while the load ran again) in "
                + text.getFileName() + " and " + recording.getFileName() + ". Hottest methods (self): "
                + String.join("; ", summary.top(summary.self, 8)) + ". Application methods on the stack: "
                + String.join("; ", summary.top(summary.application, 8)) + ".");
        section.json.add("profile" + name.replaceAll("[^A-Za-z0-9]", ""), jakarta.json.Json.createObjectBuilder()
                .add("samples", summary.samples)
                .add("selfTop", jakarta.json.Json.createArrayBuilder(summary.top(summary.self, 15)))
                .add("applicationTop", jakarta.json.Json.createArrayBuilder(summary.top(summary.application, 15)))
                .add("threadsTop", jakarta.json.Json.createArrayBuilder(summary.top(summary.threads, 10))));
    }

    static final class Summary {
        final String event;
        int samples;
        final Map<String, Integer> self = new HashMap<>();
        final Map<String, Integer> application = new HashMap<>();
        final Map<String, Integer> inclusive = new HashMap<>();

        Summary(String event) {
            this.event = event;
        }
        final Map<String, Integer> threads = new HashMap<>();

        List<String> top(Map<String, Integer> counts, int n) {
            List<String> lines = new ArrayList<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .forEach(e -> lines.add(e.getKey() + " " + Fmt.f(100.0 * e.getValue() / Math.max(1, samples), 1) + "%"));
            return lines;
        }

        String render(int n) {
            return "JFR " + event + ": " + samples + "\n\nSelf (top frame):\n  " + String.join("\n  ", top(self, n))
                    + "\n\nApplication methods (chat.*) anywhere on the stack:\n  " + String.join("\n  ", top(application, n))
                    + "\n\nAny method anywhere on the stack (inclusive):\n  " + String.join("\n  ", top(inclusive, 2 * n))
                    + "\n\nThreads (numbers folded):\n  " + String.join("\n  ", top(threads, n)) + "\n";
        }
    }

    /**
     * Reads the recording with the JDK's jfr tool and counts frames per sample of one event type:
     * jdk.ExecutionSample (threads running Java code: where the CPU goes) or jdk.NativeMethodSample (threads
     * inside native code: system calls, but also waiting in epoll or on a socket, so not CPU).
     */
    static Summary summarize(Path recording, String event) {
        Summary summary = new Summary(event);
        Path printed = recording.resolveSibling(recording.getFileName() + ".txt");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
                    "--events", event, "--stack-depth", "64", recording.toString())
                    .redirectErrorStream(true).redirectOutput(printed.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return summary;
            }
            boolean inStack = false;
            boolean firstFrame = false;
            Set<String> appFrames = new LinkedHashSet<>();
            Set<String> allFrames = new LinkedHashSet<>();
            try (var lines = Files.lines(printed)) {
                for (String raw : (Iterable<String>) lines::iterator) {
                    String line = raw.strip();
                    if (line.startsWith(event)) {
                        summary.samples++;
                    } else if (line.startsWith("sampledThread = ")) {
                        String thread = line.substring("sampledThread = ".length());
                        int paren = thread.indexOf(" (");
                        thread = (paren > 0 ? thread.substring(0, paren) : thread).replaceAll("\\d+", "N");
                        summary.threads.merge(thread, 1, Integer::sum);
                    } else if (line.startsWith("stackTrace = [")) {
                        inStack = true;
                        firstFrame = true;
                        appFrames.clear();
                        allFrames.clear();
                    } else if (inStack && line.startsWith("]")) {
                        inStack = false;
                        appFrames.forEach(f -> summary.application.merge(f, 1, Integer::sum));
                        allFrames.forEach(f -> summary.inclusive.merge(f, 1, Integer::sum));
                    } else if (inStack && !line.equals("...")) {
                        String method = line.replaceAll("\\s+line:.*$", "");
                        if (firstFrame) {
                            summary.self.merge(method, 1, Integer::sum);
                            firstFrame = false;
                        }
                        allFrames.add(method);
                        if (method.startsWith("chat.")) {
                            appFrames.add(method);
                        }
                    }
                }
            }
        } catch (IOException e) {
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            printed.toFile().delete();
        }
        return summary;
    }
}
