package chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * History is trimmed to about {@code chat.history.max} per conversation (10 here; Redis trims whole nodes of
 * its stream, so a little more stays), and a resend whose first copy was trimmed meanwhile still gets its
 * answer under the first id, so the sending client does not wait for it forever.
 */
class HistoryTrimIT {

    private static final String PREFIX = TestCluster.keyPrefix() + "trim:";
    private static PayaraInstance server;

    @BeforeAll
    static void start() {
        Map<String, String> env = TestCluster.env(LocalRedis.shared());
        env.put("CHAT_REDIS_KEY_PREFIX", PREFIX);
        env.put("CHAT_HISTORY_MAX", "10");
        env.put("CHAT_RATE", "100000");
        env.put("CHAT_RATE_WINDOW_SECONDS", "1");
        server = PayaraInstance.start("trim", env);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String chat(String room, String content, String clientId) {
        return Json.createObjectBuilder().add("type", "chat").add("room", room).add("content", content)
                .add("clientId", clientId).build().toString();
    }

    private static JsonObject send(ChatClient client, String room, String content, String clientId) {
        client.send(chat(room, content, clientId));
        return client.await(f -> "chat".equals(f.getString("type")) && clientId.equals(f.getString("clientId", null)));
    }

    @Test
    void historyIsTrimmedAndAResendOfATrimmedMessageIsStillAnswered() {
        String room = "trim-" + System.nanoTime();
        try (ChatClient alice = ChatClient.connect(server, Users.mint(Users.unique("alice")))) {
            alice.awaitType("welcome");
            alice.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            alice.await(f -> "joined".equals(f.getString("type")));
            JsonObject first = send(alice, room, "the first", "first");
            for (int i = 0; i < 300; i++) {
                send(alice, room, "message " + i, "m" + i);
            }
            try (Jedis redis = LocalRedis.shared().connect()) {
                long kept = redis.xlen(PREFIX + "log:r:" + room);
                assertTrue(kept >= 10 && kept < 301, "entries kept: " + kept);
                assertTrue(redis.xrange(PREFIX + "log:r:" + room, first.getString("id"), first.getString("id")).isEmpty(),
                        "the first message was trimmed");
            }

            JsonObject again = send(alice, room, "the first", "first");
            assertEquals(first.getString("id"), again.getString("id"));
            assertEquals(first.getJsonNumber("ts").longValue(), again.getJsonNumber("ts").longValue(), 1000);
            assertEquals("the first", again.getString("content"));
            alice.send("{\"type\":\"ping\"}");
            alice.awaitType("pong");
            assertTrue(alice.seen().stream().filter(f -> "first".equals(f.getString("clientId", null)))
                    .allMatch(f -> first.getString("id").equals(f.getString("id"))), "no second message was stored");
        }
    }
}
