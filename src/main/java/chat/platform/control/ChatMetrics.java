package chat.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The chat's MicroProfile Metrics (application scope, at /metrics): connections, messages accepted,
 * delivered and rejected by reason, fan-out latency, Redis errors and slow-consumer closes.
 */
@ApplicationScoped
public class ChatMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private Counter accepted;
    private Counter delivered;
    private Counter redisErrors;
    private Counter slowClosed;
    private Timer fanout;

    @PostConstruct
    void register() {
        accepted = registry.counter(meta("chat_messages_accepted", "Messages stored (room and direct) by this instance"));
        delivered = registry.counter(meta("chat_messages_delivered", "Frames of stored messages handed to connections of this instance"));
        redisErrors = registry.counter(meta("chat_redis_errors", "Redis calls that failed because the store was unavailable"));
        slowClosed = registry.counter(meta("chat_slow_consumers_closed", "Connections closed with 4002 for not reading"));
        fanout = registry.timer(meta("chat_fanout_latency", "From accepting a message to handing it to this instance's connections"));
    }

    /** A gauge read when /metrics is asked (open connections, users online). */
    public void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(meta(name, description), value);
    }

    public void accepted() {
        accepted.inc();
    }

    public void delivered(long frames) {
        delivered.inc(frames);
    }

    public void rejected(String code) {
        registry.counter(meta("chat_messages_rejected", "Frames answered with an error, by code"), new Tag("code", code)).inc();
    }

    public void redisError() {
        redisErrors.inc();
    }

    public void slowConsumerClosed() {
        slowClosed.inc();
    }

    public void fanoutLatency(long acceptedAtMillis) {
        fanout.update(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - acceptedAtMillis)));
    }

    private static Metadata meta(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }
}
