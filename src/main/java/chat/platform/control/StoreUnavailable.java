package chat.platform.control;

/**
 * Redis could not be reached: the caller answers UNAVAILABLE (or 503) and keeps the connection.
 */
public class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(Throwable cause) {
        super("the message store is unavailable", cause);
    }
}
