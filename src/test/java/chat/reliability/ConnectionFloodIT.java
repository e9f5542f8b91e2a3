package chat.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A connection flood from one address is throttled while connected users keep chatting. */
class ConnectionFloodIT {

    @Test
    void oneAddressCannotOpenMoreThanItsShareNorHandshakeWithoutEnd() {
        Map<String, String> env = TestCluster.env(LocalRedis.shared());
        env.put("CHAT_MAX_CONNECTIONS_PER_ADDRESS", "5");
        env.put("CHAT_HANDSHAKES_PER_MINUTE", "12");
        try (PayaraInstance server = PayaraInstance.start("flood", env)) {
            List<ChatClient> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ChatClient c = ChatClient.connect(server, Users.mint(Users.unique("flood")));
                c.awaitType("welcome");
                open.add(c);
            }
            String token = Users.mint(Users.unique("one-too-many"));
            assertEquals(429, ChatClient.handshakeStatus(server.webSocketUri("/chat?token=" + token), null), "6th at once");

            open.remove(0).close();
            open.remove(0).close();
            int refused = 0;
            for (int i = 0; i < 6; i++) {
                int status = ChatClient.handshakeStatus(server.webSocketUri("/chat?token=" + token), null);
                refused += status == 429 ? 1 : 0;
                if (status == -1) {
                    break;
                }
            }
            assertEquals(0, refused, "a freed slot can be used again");
            int attempts = 0;
            while (ChatClient.handshakeStatus(server.webSocketUri("/chat?token=garbage"), null) != 429 && attempts < 20) {
                attempts++;
            }
            assertEquals(true, attempts < 12, "handshakes per minute are capped (after " + attempts + ")");

            // the users already connected are not disturbed
            ChatClient first = open.get(0);
            first.send("{\"type\":\"chat\",\"content\":\"still fine\"}");
            open.get(1).await(f -> "still fine".equals(f.getString("content", null)));
            open.forEach(ChatClient::close);
        }
    }
}
