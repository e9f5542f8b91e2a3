package chat.messaging.entity;

/**
 * A stored message. {@code target} is set for direct messages only; {@code clientId} is the sender's
 * own de-duplication id and is shown to the sender only.
 */
public record Message(String id, Conversation conversation, String user, String target, String content, long ts,
        String clientId) {
}
