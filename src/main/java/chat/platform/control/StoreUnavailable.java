package chat.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * Redis could not be reached: the caller answers UNAVAILABLE (or 503) and keeps the connection.
 * An application exception, so the EJB container hands it to callers as it is, not wrapped.
 */
@ApplicationException
public class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(Throwable cause) {
        super("the message store is unavailable", cause);
    }
}
