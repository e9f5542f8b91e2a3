package chat.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark reads about processes from outside, as an operator would: CPU time and RSS from
 * /proc, heap after a full GC through jcmd, and the generator's own CPU time through its MXBean.
 */
public final class Probes {

    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private Probes() {
    }

    /** user + system CPU time of a process (all its threads) in nanoseconds, from /proc/PID/stat. */
    static long cpuNanos(long pid) {
        return statTicks(pid, 11) * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU of the process's children that ended and were waited for (user + system): for Redis, its AOF
     * rewrites and snapshots, which run in forked children and show only once a child has finished.
     */
    static long childrenCpuNanos(long pid) {
        return statTicks(pid, 13) * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /** The sum of two adjacent clock-tick fields of /proc/PID/stat, counted from the field after the name. */
    private static long statTicks(long pid, int first) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[first]) + Long.parseLong(f[first + 1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident set size in KiB, from /proc/PID/status VmRSS. */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return -1;
    }

    public static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return -1;
    }

    /** Open file descriptors of a process (sockets included), from /proc/PID/fd. */
    public static int openFiles(long pid) {
        String[] fds = Path.of("/proc", String.valueOf(pid), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    /** The soft limit on open files of a process (RLIMIT_NOFILE), from /proc/PID/limits; -1 when unknown or unlimited. */
    static long openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /**
     * How many more sockets both the server and the generator can open: each connection costs each of them one
     * descriptor. Keeps a margin for the files and sockets they open meanwhile. Integer.MAX_VALUE when unlimited.
     */
    static int connectionHeadroom(long serverPid) {
        long self = ProcessHandle.current().pid();
        long headroom = Integer.MAX_VALUE;
        for (long pid : new long[] {serverPid, self}) {
            long limit = openFilesLimit(pid);
            int open = openFiles(pid);
            if (limit > 0 && open >= 0) {
                headroom = Math.min(headroom, limit - open - 200);
            }
        }
        return (int) Math.max(0, headroom);
    }

    /** CPU time of this JVM (the generator) in nanoseconds. */
    static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
    static long[] machineJiffies() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Heap in use after a full GC, in KiB: {@code jcmd PID GC.run} then {@code GC.heap_info}. */
    public static long heapAfterGcKiB(long pid) {
        if (!isJvm(pid)) {
            return -1;
        }
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = HEAP_USED.matcher(line);
            if (m.find() && line.contains("total")) {
                used += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? used : -1;
    }

    /** jcmd attaches with SIGQUIT, which ends a process that is not a JVM: ask only JVMs. */
    static boolean isJvm(long pid) {
        try {
            return pid > 0 && Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).contains("java");
        } catch (IOException e) {
            return false;
        }
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /**
     * Live objects by class (jcmd GC.class_histogram, which runs a full GC first): class name to
     * {instances, bytes}. The raw output is also written to {@code file} when it is not null.
     */
    static java.util.Map<String, long[]> classHistogram(long pid, Path file) {
        String text = jcmd(pid, "GC.class_histogram");
        if (file != null && !text.isEmpty()) {
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                // the figures are still returned
            }
        }
        java.util.Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = HISTOGRAM_ROW.matcher(line);
            if (m.find()) {
                classes.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }

    /**
     * The classes whose live bytes grew most between two histograms, per connection: "name bytes/conn (instances/conn)".
     */
    static List<String> growthPerConnection(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after, int connections, int top) {
        if (connections <= 0 || after.isEmpty()) {
            return List.of();
        }
        return after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return java.util.Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(top)
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.0f B (%.1f)", e.getKey(),
                        e.getValue()[1] / (double) connections, e.getValue()[0] / (double) connections))
                .toList();
    }

    /** Runs jcmd of this JDK against a process; answers its output (empty when it failed). */
    public static String jcmd(long pid, String... command) {
        if (!isJvm(pid)) {
            return "";
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(String.valueOf(pid));
        cmd.addAll(List.of(command));
        Path out = null;
        try {
            out = Files.createTempFile("jcmd", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return Files.readString(out);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
