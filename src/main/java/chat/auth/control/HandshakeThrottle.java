package chat.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits what one address can open on this instance: handshakes per minute (a connection flood) and
 * connections open at once. Behind a proxy the address is the proxy's unless chat.trust-proxy is on.
 */
@ApplicationScoped
public class HandshakeThrottle {

    @Inject
    @ConfigProperty(name = "chat.max-connections-per-address", defaultValue = "200")
    int maxOpen;

    @Inject
    @ConfigProperty(name = "chat.handshakes-per-minute", defaultValue = "600")
    int perMinute;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** Counts a handshake attempt; false when the address is over either limit. */
    public boolean admit(String address) {
        long minute = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime());
        Window w = windows.compute(address, (a, old) -> old == null || old.minute != minute ? new Window(minute, 1)
                : new Window(minute, old.count + 1));
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> e.getValue().minute != minute);
        }
        return w.count <= perMinute && open.getOrDefault(address, 0) < maxOpen;
    }

    public void opened(String address) {
        open.merge(address, 1, Integer::sum);
    }

    public void closed(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private record Window(long minute, int count) {
    }
}
