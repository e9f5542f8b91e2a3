package chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.ChatClient;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void twoUsersChatInGeneral() {
        PayaraInstance server = TestCluster.shared();
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        try (ChatClient a = ChatClient.connect(server, Users.register(server, alice, "password-1"));
             ChatClient b = ChatClient.connect(server, Users.mint(bob))) {
            a.awaitType("welcome");
            b.awaitType("welcome");
            a.send("{\"type\":\"chat\",\"content\":\"hi bob\",\"clientId\":\"c1\"}");
            JsonObject got = b.await(f -> "chat".equals(f.getString("type")) && alice.equals(f.getString("user")));
            assertEquals("hi bob", got.getString("content"));
            JsonObject own = a.await(f -> "chat".equals(f.getString("type")) && alice.equals(f.getString("user")));
            assertEquals("c1", own.getString("clientId"));
        }
    }
}
