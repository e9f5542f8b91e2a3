package chat.fullserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import chat.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs payara/full-server.sh on the WAR this build just packaged: a full Payara Server 6 domain,
 * configured through its MicroProfile Config, serving a smoke chat. About 1.5 minutes on an idle
 * 2-core machine (more while other work runs), plus a one-time 170 MB download of the distribution.
 * {@code -Dchat.fullserver.skip=true} leaves it out of a quick local run.
 */
class FullPayaraServerIT {

    private static final long LIMIT_MINUTES = 12;

    @Test
    void theUnchangedWarServesAChatOnAFullPayaraServer() throws Exception {
        assumeFalse(Boolean.getBoolean("chat.fullserver.skip"), "chat.fullserver.skip is set");
        Path log = TestPaths.target().resolve("full-server.log");
        ProcessBuilder script = new ProcessBuilder("bash", "payara/full-server.sh")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        script.environment().put("FULLSERVER_SKIP_BUILD", "1");
        Process process = script.start();
        try {
            boolean ended = process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
            assertTrue(ended, "full-server.sh still running after " + LIMIT_MINUTES + " minutes; see " + log);
        } finally {
            if (process.isAlive()) {
                process.destroy();   // its trap stops the domain
                process.waitFor(1, TimeUnit.MINUTES);
            }
        }
        List<String> output = Files.readAllLines(log);
        String tail = String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
        assertEquals(0, process.exitValue(), "full-server.sh failed:\n" + tail);
        assertTrue(output.stream().anyMatch(line -> line.contains("received {\"type\":\"chat\"")), tail);
        assertTrue(output.stream().anyMatch(line -> line.startsWith("full-server: PASSED")), tail);
    }
}
