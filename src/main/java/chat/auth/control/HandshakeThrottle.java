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
        return admit(address, System.nanoTime()) && open.getOrDefault(address, 0) < maxOpen;
    }

    /**
     * A sliding minute: this minute's count plus last minute's, weighted by how much of last minute the
     * sliding window still covers. A fixed window let a burst at a minute's end have twice the limit.
     */
    boolean admit(String address, long nowNanos) {
        long minute = TimeUnit.NANOSECONDS.toMinutes(nowNanos);
        Window w = windows.compute(address, (a, old) -> old == null ? new Window(minute, 1, 0) : old.plusOne(minute));
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> e.getValue().minute < minute - 1);
        }
        double intoMinute = (nowNanos - TimeUnit.MINUTES.toNanos(minute)) / (double) TimeUnit.MINUTES.toNanos(1);
        return w.count + w.previous * (1 - intoMinute) <= perMinute;
    }

    public void opened(String address) {
        open.merge(address, 1, Integer::sum);
    }

    public void closed(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Attempts counted in one minute, and in the minute before it. */
    private record Window(long minute, int count, int previous) {

        Window plusOne(long now) {
            if (now == minute) {
                return new Window(minute, count + 1, previous);
            }
            return new Window(now, 1, now == minute + 1 ? count : 0);
        }
    }
}
