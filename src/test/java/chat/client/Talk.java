package chat.client;

import chat.testing.ChatClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;

/** What the other participants of a browser test say, through the suite's Java WebSocket client. */
final class Talk {

    static final String PASSWORD = "correct-horse-1";

    private Talk() {
    }

    static void join(ChatClient client, String room) {
        client.send(Json.createObjectBuilder().add("type", "join").add("room", room).build().toString());
        client.await(f -> "joined".equals(f.getString("type", "")) && room.equals(f.getString("room", "")));
    }

    /** Says something in a room and waits for the server's copy: stored, with its id. */
    static JsonObject say(ChatClient client, String room, String content) {
        String clientId = "java-" + UUID.randomUUID();
        client.send(Json.createObjectBuilder().add("type", "chat").add("room", room).add("content", content)
                .add("clientId", clientId).build().toString());
        return client.await(f -> "chat".equals(f.getString("type", "")) && clientId.equals(f.getString("clientId", "")));
    }
}
