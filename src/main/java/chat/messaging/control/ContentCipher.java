package chat.messaging.control;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How message text is kept in Redis. This version keeps it as it is; the key id stored beside each
 * message ({@code k}) is where encryption at rest records which key sealed it.
 */
@ApplicationScoped
public class ContentCipher {

    /** Text as stored, and the id of the key that sealed it ("" for plain text). */
    public record Sealed(String text, String keyId) {
    }

    public Sealed seal(String content) {
        return new Sealed(content, "");
    }

    public String open(String stored, String keyId) {
        return stored;
    }
}
