package chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisBusyException;

/** A Redis of its own that the test stops and starts under a running server, and a server it restarts. */
class StoreOutageIT {

    private static LocalRedis redis;
    private static PayaraInstance server;

    @BeforeAll
    static void start() {
        redis = LocalRedis.startOwn();
        server = PayaraInstance.start("outage", TestCluster.env(redis));
    }

    @AfterAll
    static void stop() {
        server.stop();
        redis.stop();
    }

    private ChatClient connect(String user) {
        ChatClient client = ChatClient.connect(server, Users.mint(user));
        client.awaitType("welcome");
        return client;
    }

    private static String chat(String content, String clientId) {
        return "{\"type\":\"chat\",\"content\":\"" + content + "\",\"clientId\":\"" + clientId + "\"}";
    }

    @Test
    void whileRedisIsDownSendersGetUnavailableAndEverythingWorksAgainWhenItIsBack() throws Exception {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        try (ChatClient a = connect(alice); ChatClient b = connect(bob)) {
            a.send(chat("before the outage", "o-1"));
            b.await(f -> "before the outage".equals(f.getString("content", null)));

            redis.stop();
            a.send(chat("during the outage", "o-2"));
            JsonObject error = a.await(f -> "error".equals(f.getString("type")));
            assertEquals("UNAVAILABLE", error.getString("code"));
            assertEquals("o-2", error.getString("clientId"));
            assertEquals(503, server.status("/health/ready"));
            a.send("{\"type\":\"ping\"}");
            a.awaitType("pong");
            assertFalse(a.isClosed() || b.isClosed(), "no connection is dropped");

            redis = redis.restart();
            awaitReady();
            // the client's outbox resends what was refused; the subscription is back too
            a.send(chat("during the outage", "o-2"));
            b.await(f -> "during the outage".equals(f.getString("content", null)));
            a.send("{\"type\":\"history\",\"room\":\"general\"}");
            List<String> history = a.awaitType("history").getJsonArray("messages").getValuesAs(JsonObject.class)
                    .stream().map(m -> m.getString("content")).toList();
            assertEquals(List.of("before the outage", "during the outage"),
                    history.subList(history.size() - 2, history.size()), "acknowledged messages survived");
        }
    }

    @Test
    void aScriptCacheFlushedUnderTheServerIsLoadedAgainAndNoMessageIsLostOrReordered() throws Exception {
        String dave = Users.unique("dave");
        String erin = Users.unique("erin");
        try (ChatClient d = connect(dave); ChatClient e = connect(erin)) {
            d.send(chat("before the flush", "f-0"));
            e.await(f -> "before the flush".equals(f.getString("content", null)));
            try (var jedis = redis.connect()) {
                jedis.scriptFlush();
            }
            // the first run after the flush meets NOSCRIPT and is sent again with its source; the rest must follow it
            for (int i = 1; i <= 12; i++) {
                d.send(chat("after the flush " + i, "f-" + i));
            }
            List<String> received = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                received.add(e.await(f -> f.getString("content", "").startsWith("after the flush")).getString("content"));
            }
            assertEquals(IntStream.rangeClosed(1, 12).mapToObj(i -> "after the flush " + i).toList(),
                    received, "every message arrives once, in the order sent");
            assertFalse(server.logText().contains("NOSCRIPT"), "the flush is not an error anybody sees");
        }
    }

    @Test
    void aRedisBusyWithAScriptAnswersSendersUnavailableAndTheResendIsStoredWhenItIsFree() throws Exception {
        String frank = Users.unique("frank");
        try (ChatClient f = connect(frank)) {
            f.send(chat("before the busy script", "b-0"));
            f.await(m -> "before the busy script".equals(m.getString("content", null)));
            // a script that never ends: after lua-time-limit (5 s) Redis answers every other command with BUSY
            Thread busy = new Thread(() -> {
                try (var jedis = redis.connect()) {
                    jedis.eval("while true do end", 0);
                } catch (RuntimeException killedOrTimedOut) {
                    // ended by SCRIPT KILL below, or this client's own read timeout; the script runs on regardless
                }
            });
            busy.start();
            awaitBusy();
            try {
                f.send(chat("while redis is busy", "b-1"));
                JsonObject error = f.await(m -> "error".equals(m.getString("type")));
                assertEquals("UNAVAILABLE", error.getString("code"), "busy is an outage, not a bad frame");
                assertEquals("b-1", error.getString("clientId"));
            } finally {
                try (var jedis = redis.connect()) {
                    jedis.scriptKill();
                }
                busy.join(10_000);
            }
            awaitReady();
            f.send(chat("while redis is busy", "b-1"));
            f.await(m -> "while redis is busy".equals(m.getString("content", null)));
            assertFalse(f.isClosed(), "the connection stays open");
        }
    }

    private static void awaitBusy() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (var jedis = redis.connect()) {
                jedis.ping();
            } catch (JedisBusyException e) {
                return;
            } catch (RuntimeException stillWaiting) {
                // no answer within the client's timeout while the script is young
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Redis never reported BUSY");
    }

    @Test
    void historySurvivesARestartOfTheServer() throws Exception {
        String carol = Users.unique("carol");
        try (ChatClient c = connect(carol)) {
            c.send(chat("remember me", "k-1"));
            c.await(f -> "remember me".equals(f.getString("content", null)));
        }
        server.stop();
        server.restart();
        try (ChatClient c = connect(carol)) {
            c.send("{\"type\":\"history\",\"room\":\"general\"}");
            assertEquals(1, c.awaitType("history").getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .filter(m -> "remember me".equals(m.getString("content"))).count());
        }
    }

    private static void awaitReady() throws InterruptedException {
        for (int i = 0; i < 100 && server.status("/health/ready") != 200; i++) {
            Thread.sleep(100);
        }
        assertEquals(200, server.status("/health/ready"), "ready again (store and bus subscription) within 10 s");
    }
}
