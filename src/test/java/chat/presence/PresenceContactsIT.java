package chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Above {@code chat.presence.fanout-max} users online (3 here), a presence change reaches only the user's
 * contacts: direct conversations and rooms of at most that many members. A bigger room counts like general,
 * or its members would cost O(members²) frames as they connect.
 */
class PresenceContactsIT {

    private static PayaraInstance server;
    private final List<ChatClient> open = new ArrayList<>();

    @BeforeAll
    static void start() {
        Map<String, String> env = TestCluster.env(LocalRedis.shared());
        env.put("CHAT_PRESENCE_FANOUT_MAX", "3");
        env.put("CHAT_REDIS_KEY_PREFIX", TestCluster.keyPrefix() + "contacts:");
        server = PayaraInstance.start("contacts", env);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private ChatClient connect(String user) {
        ChatClient client = ChatClient.connect(server, Users.mint(user));
        client.awaitType("welcome");
        open.add(client);
        return client;
    }

    private static void join(ChatClient client, String room) {
        client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        client.await(f -> "joined".equals(f.getString("type")) && room.equals(f.getString("room")));
    }

    /** Reads everything that came so far: what is read after this arrived after it. */
    private static void drain(ChatClient client) {
        client.send("{\"type\":\"ping\"}");
        client.awaitType("pong");
    }

    private static void awaitPresence(ChatClient client, String user, String status) {
        client.await(f -> "presence".equals(f.getString("type")) && user.equals(f.getString("user"))
                && status.equals(f.getString("status")));
    }

    private static JsonObject welcome(ChatClient client) {
        return client.seen().stream().filter(f -> "welcome".equals(f.getString("type"))).findFirst().orElseThrow();
    }

    private static List<String> online(ChatClient client) {
        return welcome(client).getJsonArray("online").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void aboveTheLimitOnlyDirectPartnersAndSmallRoomsHearOfAUser() {
        String alice = Users.unique("alice");
        String teammate = Users.unique("team");
        String partner = Users.unique("partner");
        String stranger = Users.unique("stranger");
        String bigRoomMate = Users.unique("big");
        String team = "team-" + System.nanoTime();
        String big = "big-" + System.nanoTime();
        try {
            ChatClient a = connect(alice);
            join(a, team);
            join(a, big);
            ChatClient t = connect(teammate);
            join(t, team);
            ChatClient p = connect(partner);
            a.send(Json.createObjectBuilder().add("type", "private").add("target", partner).add("content", "hi")
                    .add("clientId", "c1").build().toString());
            p.await(f -> "private".equals(f.getString("type")) && "hi".equals(f.getString("content", null)));
            ChatClient s = connect(stranger);
            ChatClient b = connect(bigRoomMate);
            assertEquals(List.of(bigRoomMate), online(b), "no contacts yet: only the user itself");
            join(b, big);
            for (int i = 0; i < 3; i++) {
                join(connect(Users.unique("filler")), big); // the big room: 5 members, over the limit of 3
            }
            List.of(t, p, s, b).forEach(PresenceContactsIT::drain);

            a.close();
            awaitPresence(t, alice, "offline");
            awaitPresence(p, alice, "offline");
            s.expectNo("presence", Duration.ofMillis(700));
            b.expectNo("presence", Duration.ofMillis(100));

            ChatClient back = connect(alice);
            awaitPresence(t, alice, "online");
            awaitPresence(p, alice, "online");
            s.expectNo("presence", Duration.ofMillis(700));
            b.expectNo("presence", Duration.ofMillis(100));
            assertEquals(List.of(alice, partner, teammate).stream().sorted().toList(), online(back));
            assertEquals(8, welcome(back).getInt("onlineCount"));
        } finally {
            open.forEach(ChatClient::close);
        }
    }
}
