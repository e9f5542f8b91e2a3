package chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances lose Redis for longer than the node timeout (3 s here) and get it back. Each one's last beat is
 * old by then; if the first to beat again reaped the other, the other's users would go offline and come back
 * a beat later (a flicker every client sees). Nobody may drop out of the online list.
 */
class PresenceOutageIT {

    @Test
    void afterARedisOutageLongerThanTheNodeTimeoutNobodyFlickersOffline() throws Exception {
        LocalRedis redis = LocalRedis.startOwn();
        Map<String, String> env = TestCluster.env(redis);
        env.put("CHAT_PRESENCE_NODE_TIMEOUT_SECONDS", "3");
        PayaraInstance a = PayaraInstance.start("flicker-a", env);
        PayaraInstance b = PayaraInstance.start("flicker-b", env);
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        try (ChatClient onA = ChatClient.connect(a, Users.mint(alice)); ChatClient onB = ChatClient.connect(b, Users.mint(bob))) {
            onA.awaitType("welcome");
            onB.awaitType("welcome");
            awaitOnline(a, alice, bob);

            redis.stop();
            Thread.sleep(6_000);
            redis = redis.restart();

            // sample the online list every 100 ms for three node timeouts after Redis is back
            List<String> missing = new ArrayList<>();
            long end = System.nanoTime() + 9_000_000_000L;
            int answers = 0;
            while (System.nanoTime() < end) {
                HttpResponse<String> r = Users.get(a, "/api/presence", Users.mint(alice));
                if (r.statusCode() == 200) {
                    answers++;
                    String online = Users.json(r.body()).getJsonArray("online").toString();
                    for (String user : List.of(alice, bob)) {
                        if (!online.contains("\"" + user + "\"")) {
                            missing.add(user);
                        }
                    }
                }
                Thread.sleep(100);
            }
            assertTrue(answers > 30, "the presence list answered " + answers + " times");
            assertEquals(List.of(), missing, "users dropped out of the online list after the outage");

            // and presence works again: a new user on b is announced on a
            String carol = Users.unique("carol");
            try (ChatClient c = ChatClient.connect(b, Users.mint(carol))) {
                c.awaitType("welcome");
                onA.await(f -> "presence".equals(f.getString("type")) && carol.equals(f.getString("user"))
                        && "online".equals(f.getString("status")));
            }
        } finally {
            a.stop();
            b.stop();
            redis.stop();
        }
    }

    private static void awaitOnline(PayaraInstance server, String... users) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String online = Users.json(Users.get(server, "/api/presence", Users.mint(users[0])).body()).getJsonArray("online").toString();
            if (List.of(users).stream().allMatch(u -> online.contains("\"" + u + "\""))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not online: " + List.of(users));
    }
}
