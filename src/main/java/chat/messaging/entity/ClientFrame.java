package chat.messaging.entity;

/**
 * A frame a client sends. The codec builds the record named by the frame's {@code type} from one JSON-P parse
 * (binding it through JSON-B's polymorphic decoding cost a third of a receiving thread's time).
 */
public sealed interface ClientFrame {

    /** The clientId a frame carries, echoed in errors; null when it has none. */
    default String clientId() {
        return null;
    }

    record Chat(String room, String content, String clientId) implements ClientFrame {
    }

    record Private(String target, String content, String clientId) implements ClientFrame {
    }

    record History(String room, String with, String before, String after, Integer limit) implements ClientFrame {
    }

    record Join(String room) implements ClientFrame {
    }

    record Leave(String room) implements ClientFrame {
    }

    record Typing(String room, String target) implements ClientFrame {
    }

    record Read(String room, String with, String id) implements ClientFrame {
    }

    record Ping() implements ClientFrame {
    }

    /** Sent by old clients to claim a name; accepted and ignored, identity comes from the token. */
    record Register() implements ClientFrame {
    }
}
