package chat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API: only admins, and every action reaches the users it is about. */
class AdminIT {

    private final PayaraInstance server = TestCluster.shared();
    private final String adminToken = Users.login(server, TestCluster.ADMIN, TestCluster.ADMIN_PASSWORD).getString("token");

    private HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        return Users.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private ChatClient connect(String user) {
        ChatClient client = ChatClient.connect(server, Users.mint(user));
        client.awaitType("welcome");
        return client;
    }

    @Test
    void nonAdminsGet403AndAnonymousCallers401() {
        String user = Users.mint(Users.unique("plain"));
        String victim = Users.unique("victim");
        for (String[] call : List.of(new String[] {"GET", "/api/admin/sessions"},
                new String[] {"POST", "/api/admin/announcements"},
                new String[] {"DELETE", "/api/admin/users/" + victim + "/sessions"},
                new String[] {"POST", "/api/admin/users/" + victim + "/ban"},
                new String[] {"DELETE", "/api/admin/users/" + victim + "/ban"})) {
            String body = "POST".equals(call[0]) ? "{\"content\":\"x\"}" : null;
            assertEquals(403, call(call[0], call[1], user, body).statusCode(), call[1]);
            assertEquals(401, call(call[0], call[1], "garbage", body).statusCode(), call[1]);
        }
    }

    @Test
    void sessionsListEveryOpenConnectionWithInstanceSinceAndRemote() {
        String alice = Users.unique("alice");
        try (ChatClient a1 = connect(alice); ChatClient a2 = connect(alice)) {
            HttpResponse<String> r = call("GET", "/api/admin/sessions", adminToken, null);
            assertEquals(200, r.statusCode());
            List<JsonObject> mine = Users.json(r.body()).getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                    .filter(s -> alice.equals(s.getString("user"))).toList();
            assertEquals(2, mine.size(), r.body());
            for (JsonObject s : mine) {
                assertTrue(s.getString("instance").length() > 0);
                assertTrue(s.getString("remote").contains("127.0.0.1"), s.toString());
                assertTrue(Math.abs(s.getJsonNumber("since").longValue() - System.currentTimeMillis()) < 60_000);
            }
        }
    }

    @Test
    void announcementsReachEveryone() {
        try (ChatClient a = connect(Users.unique("listener")); ChatClient b = connect(Users.unique("listener"))) {
            assertEquals(202, call("POST", "/api/admin/announcements", adminToken, "{\"content\":\"maintenance at 6\"}").statusCode());
            for (ChatClient c : List.of(a, b)) {
                JsonObject announcement = c.awaitType("announcement");
                assertEquals("maintenance at 6", announcement.getString("content"));
                assertTrue(announcement.containsKey("ts"));
            }
            assertEquals(400, call("POST", "/api/admin/announcements", adminToken, "{\"content\":\"\"}").statusCode());
        }
        assertTrue(server.logText().contains("admin " + TestCluster.ADMIN + " sent an announcement"));
    }

    @Test
    void aKickClosesEveryConnectionOfTheUserWith4000() {
        String bob = Users.unique("bob");
        try (ChatClient b1 = connect(bob); ChatClient b2 = connect(bob); ChatClient other = connect(Users.unique("other"))) {
            assertEquals(204, call("DELETE", "/api/admin/users/" + bob + "/sessions", adminToken, null).statusCode());
            assertEquals(4000, b1.awaitClose());
            assertEquals(4000, b2.awaitClose());
            other.send("{\"type\":\"ping\"}");
            other.awaitType("pong");
        }
        assertTrue(server.logText().contains("admin " + TestCluster.ADMIN + " kicked " + bob));
    }

    @Test
    void aBanClosesSessionsAndRefusesLoginAndHandshakeUntilLifted() {
        String mallory = Users.unique("mallory");
        String token = Users.register(server, mallory, "password-1");
        // an admin by the token's groups claim, not by chat.admins
        String groupAdmin = Users.mint(Users.unique("ops"), TestCluster.SECRET, Instant.now().plusSeconds(600), List.of("admin"));
        try (ChatClient m1 = connect(mallory); ChatClient m2 = connect(mallory)) {
            assertEquals(204, call("POST", "/api/admin/users/" + mallory + "/ban", groupAdmin, null).statusCode());
            assertEquals(4000, m1.awaitClose());
            assertEquals(4000, m2.awaitClose());
        }
        assertEquals(403, Users.post(server, "/api/tokens", Users.credentials(mallory, "password-1")).statusCode());
        assertEquals(403, ChatClient.handshakeStatus(server.webSocketUri("/chat?token=" + token), null));
        assertEquals(204, call("DELETE", "/api/admin/users/" + mallory + "/ban", adminToken, null).statusCode());
        assertEquals(200, Users.post(server, "/api/tokens", Users.credentials(mallory, "password-1")).statusCode());
        try (ChatClient back = connect(mallory)) {
            back.send("{\"type\":\"ping\"}");
            back.awaitType("pong");
        }
    }
}
