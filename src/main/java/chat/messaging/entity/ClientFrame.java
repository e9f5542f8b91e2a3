package chat.messaging.entity;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/** A frame a client sends; JSON-B picks the record from the {@code type} field. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "chat", type = ClientFrame.Chat.class),
        @JsonbSubtype(alias = "private", type = ClientFrame.Private.class),
        @JsonbSubtype(alias = "history", type = ClientFrame.History.class),
        @JsonbSubtype(alias = "join", type = ClientFrame.Join.class),
        @JsonbSubtype(alias = "leave", type = ClientFrame.Leave.class),
        @JsonbSubtype(alias = "typing", type = ClientFrame.Typing.class),
        @JsonbSubtype(alias = "read", type = ClientFrame.Read.class),
        @JsonbSubtype(alias = "ping", type = ClientFrame.Ping.class),
        @JsonbSubtype(alias = "register", type = ClientFrame.Register.class)
})
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
