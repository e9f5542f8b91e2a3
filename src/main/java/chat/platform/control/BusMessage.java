package chat.platform.control;

/**
 * One event received from the cluster bus (Redis pub/sub), fired into CDI.
 * {@code resubscribed} marks a (re)established subscription: events published meanwhile were missed.
 */
public record BusMessage(String payload, boolean resubscribed) {

    public BusMessage(String payload) {
        this(payload, false);
    }

    static BusMessage subscriptionRestored() {
        return new BusMessage("", true);
    }
}
