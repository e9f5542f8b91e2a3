package chat.messaging.control;

/**
 * A token bucket: {@code capacity} frames, refilled evenly over {@code window} nanoseconds.
 * One per user per instance, shared by that user's connections here.
 */
public final class RateLimit {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public RateLimit(int capacity, long windowNanos) {
        this.capacity = capacity;
        this.perNano = capacity / (double) windowNanos;
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    public synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
