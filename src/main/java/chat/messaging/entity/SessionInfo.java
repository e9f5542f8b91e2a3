package chat.messaging.entity;

/** One open connection as admins see it; {@code since} in epoch milliseconds. */
public record SessionInfo(String user, String instance, long since, String remote) {
}
