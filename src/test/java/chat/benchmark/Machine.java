package chat.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures come from, as /proc and the JVM describe it. */
record Machine(String cpu, int cores, long memoryMiB, String os, String kernel, String java, String loadAverage) {

    static Machine describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        long memKiB = 0;
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (!mem.isEmpty()) {
            memKiB = Long.parseLong(mem.replaceAll("[^0-9]", ""));
        }
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memKiB / 1024, os,
                read(Path.of("/proc/sys/kernel/osrelease")), System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"), read(Path.of("/proc/loadavg")));
    }

    String summary() {
        return cores + " cores (" + cpu + "), " + Math.round(memoryMiB / 1024.0) + " GiB, " + os + ", kernel " + kernel
                + ", " + java;
    }

    JsonObjectBuilder json() {
        return Json.createObjectBuilder().add("cpu", cpu).add("cores", cores).add("memoryMiB", memoryMiB).add("os", os)
                .add("kernel", kernel).add("java", java).add("loadAverageAtEnd", loadAverage);
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int sep = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
                if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                    return line.substring(sep + 1).trim();
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
