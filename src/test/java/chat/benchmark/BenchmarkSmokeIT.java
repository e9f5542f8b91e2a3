package chat.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's load generator for a few seconds against a server started as the benchmark starts it (own
 * key prefix, rate limit raised through CHAT_RATE): 50 connections in general, 5 of them sending 20 messages/s
 * together, more than the default rate limit allows. Proves that the generator and the server agree on the wire
 * (every message acknowledged, every copy delivered exactly once) and that the server honors the benchmark's
 * configuration, so the full benchmark (payara/benchmark.sh) can be trusted.
 */
class BenchmarkSmokeIT {

    @Test
    void fiftyConnectionsInGeneralReceiveEveryMessageExactlyOnce() {
        Settings settings = Settings.parse("server.cds=false", "warmup.seconds=0", "connect.limit.seconds=60", "scenario.limit.seconds=120",
                "server.jvm=" + String.join(" ", PayaraInstance.TEST_JVM_OPTIONS));
        try (Run run = Run.start(settings, LocalRedis.shared(), UUID.randomUUID().toString().substring(0, 6), "smoke")) {
            Section section = new Section("smoke", "smoke");
            OpenLoop.Result result = FanoutScenario.measure(run, section, 45, 5, 20, 4, "smoke").result();

            assertEquals(50, result.receivers(), "every connection got its welcome: " + section.notes);
            assertEquals(80, result.phase().sent.get());
            assertEquals(0, result.phase().rejects.get(), "rejected: " + run.frames.errors());
            assertEquals(80, result.phase().acks.get(), "every message acknowledged by the sender's own copy");
            Phase.Loss loss = result.loss();
            assertEquals(80 * 50, loss.expectedCopies());
            assertEquals(0, loss.lost(), "no copy lost");
            assertEquals(0, loss.duplicates(), "no copy twice");
            assertEquals(80 * 50, result.deliveries());
            assertTrue(result.phase().deliveryLatency().getMaxValue() < 10_000_000, "delivered within 10 s");
        }
    }
}
