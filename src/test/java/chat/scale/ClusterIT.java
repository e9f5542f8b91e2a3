package chat.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Two real Payara Micro instances on one Redis behave as one chat. Both run under a key prefix of their
 * own (so the suite's shared instance and its users stay out of it), with presence timing shortened
 * (node timeout 3 s, heartbeat every second) and message text encrypted at rest.
 * The tests run in order: the last ones stop, replace and kill the second instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());
    private static final String PREFIX = TestCluster.keyPrefix() + "scale:";
    private static final int NODE_TIMEOUT_SECONDS = 3;
    private static final String FIRST_KEY = newKey();
    private static final String SECOND_KEY = newKey();

    private static LocalRedis redis;
    private static PayaraInstance a;
    private static PayaraInstance b;

    @BeforeAll
    static void startTwoInstances() {
        redis = LocalRedis.shared();
        Map<String, String> env = env("first:" + FIRST_KEY, null);
        // one after the other: on a busy 2-core machine two parallel boots each take over twice as long
        a = PayaraInstance.start("scale-a", env);
        b = PayaraInstance.start("scale-b", env);
    }

    @AfterAll
    static void stopAll() {
        for (PayaraInstance i : new PayaraInstance[] {a, b}) {
            if (i != null) {
                i.stop();
            }
        }
        redis.deleteKeys(PREFIX);
    }

    private static Map<String, String> env(String keys, String activeKey) {
        Map<String, String> env = new HashMap<>(TestCluster.env(redis));
        env.put("CHAT_REDIS_KEY_PREFIX", PREFIX);
        env.put("CHAT_PRESENCE_NODE_TIMEOUT_SECONDS", String.valueOf(NODE_TIMEOUT_SECONDS));
        env.put("CHAT_TRUST_PROXY", "true");
        // pings far apart: a paused instance must not close its connections as silent when it wakes up
        env.put("CHAT_WS_PING_SECONDS", "15");
        env.put("CHAT_CRYPTO_KEYS", keys);
        if (activeKey != null) {
            env.put("CHAT_CRYPTO_KEY_ID", activeKey);
        }
        return env;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    // ---- helpers

    private static ChatClient connect(PayaraInstance server, String user) {
        ChatClient client = ChatClient.connect(server, Users.mint(user));
        client.awaitType("welcome");
        return client;
    }

    private static String room() {
        return "scale-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static String chat(String room, String content, String clientId) {
        return Json.createObjectBuilder().add("type", "chat").add("room", room).add("content", content)
                .add("clientId", clientId).build().toString();
    }

    private static String dm(String target, String content) {
        return Json.createObjectBuilder().add("type", "private").add("target", target).add("content", content)
                .build().toString();
    }

    private static Predicate<JsonObject> frame(String type, String field, String value) {
        return f -> type.equals(f.getString("type", null)) && value.equals(f.getString(field, null));
    }

    private static Predicate<JsonObject> presence(String user, String status) {
        return f -> "presence".equals(f.getString("type", null)) && user.equals(f.getString("user"))
                && status.equals(f.getString("status"));
    }

    /** Waits for "offline" of each user, in whatever order they come. */
    private static void awaitOffline(ChatClient client, String... users) {
        Set<String> waiting = new HashSet<>(List.of(users));
        while (!waiting.isEmpty()) {
            JsonObject f = client.await(x -> "presence".equals(x.getString("type", null))
                    && "offline".equals(x.getString("status")) && waiting.contains(x.getString("user")));
            waiting.remove(f.getString("user"));
        }
    }

    private static void join(ChatClient client, String room) {
        client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        client.await(frame("joined", "room", room));
    }

    /** Frames of one connection are handled in order: a pong means everything sent before it was. */
    private static void sync(ChatClient client) {
        client.send("{\"type\":\"ping\"}");
        client.awaitType("pong");
    }

    private static List<String> online(PayaraInstance server, String token) {
        HttpResponse<String> r = Users.get(server, "/api/presence", token);
        assertEquals(200, r.statusCode(), r.body());
        return Users.json(r.body()).getJsonArray("online").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
    }

    private static int senderIndex(JsonObject message) {
        String content = message.getString("content");
        return Integer.parseInt(content.substring(1, content.indexOf('-')));
    }

    static int compareIds(String x, String y) {
        String[] p = x.split("-");
        String[] q = y.split("-");
        int c = Long.compare(Long.parseLong(p[0]), Long.parseLong(q[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(p[1]), Long.parseLong(q[1]));
    }

    // ---- the chat across instances

    @Test
    @Order(1)
    void roomMessagesTypingMembershipAndReadMarkersCrossInstances() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = room();
        String other = room();
        try (ChatClient aliceOnA = connect(a, alice); ChatClient bobOnB = connect(b, bob);
             ChatClient bobOnA = connect(a, bob)) {
            join(aliceOnA, room);
            join(bobOnB, room);
            bobOnA.await(frame("joined", "room", room));

            aliceOnA.send(chat(room, "hello from A", "c1"));
            JsonObject own = aliceOnA.await(frame("chat", "content", "hello from A"));
            JsonObject onB = bobOnB.await(frame("chat", "content", "hello from A"));
            assertEquals(own.getString("id"), onB.getString("id"));
            assertEquals(alice, onB.getString("user"));
            assertEquals("c1", own.getString("clientId"));
            assertFalse(onB.containsKey("clientId"));

            bobOnB.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
            JsonObject typing = aliceOnA.awaitType("typing");
            assertEquals(bob, typing.getString("user"));
            assertEquals(room, typing.getString("room"));

            // a join on B reaches bob's connection on A, which then gets that room's messages
            join(bobOnB, other);
            bobOnA.await(frame("joined", "room", other));
            join(aliceOnA, other);
            aliceOnA.send(chat(other, "in the other room", "c2"));
            bobOnA.await(frame("chat", "content", "in the other room"));

            // a read marker set through B counts on A
            try (ChatClient bobAgainOnA = ChatClient.connect(a, Users.mint(bob))) {
                assertEquals(1, bobAgainOnA.awaitType("welcome").getJsonObject("unread").getInt(room));
            }
            bobOnB.send("{\"type\":\"read\",\"room\":\"" + room + "\",\"id\":\"" + onB.getString("id") + "\"}");
            sync(bobOnB);
            try (ChatClient bobAgainOnA = ChatClient.connect(a, Users.mint(bob))) {
                assertFalse(bobAgainOnA.awaitType("welcome").getJsonObject("unread").containsKey(room));
            }
        }
    }

    @Test
    @Order(2)
    void directMessagesReachEveryDeviceOfBothUsersOnBothInstancesAndNobodyElse() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String eve = Users.unique("eve");
        try (ChatClient aliceOnA = connect(a, alice); ChatClient aliceOnB = connect(b, alice);
             ChatClient bobOnB = connect(b, bob); ChatClient bobOnA = connect(a, bob);
             ChatClient eveOnB = connect(b, eve)) {
            aliceOnA.send(dm(bob, "psst"));
            for (ChatClient c : List.of(aliceOnA, aliceOnB, bobOnB, bobOnA)) {
                JsonObject got = c.await(frame("private", "content", "psst"));
                assertEquals(alice, got.getString("user"));
                assertEquals(bob, got.getString("target"));
            }
            bobOnB.send("{\"type\":\"typing\",\"target\":\"" + alice + "\"}");
            assertEquals(bob, aliceOnA.awaitType("typing").getString("user"));
            eveOnB.expectNo("private", Duration.ofMillis(500));
        }
    }

    @Test
    @Order(3)
    void presenceIsClusterWide() {
        String watcher = Users.unique("watcher");
        String carol = Users.unique("carol");
        try (ChatClient watcherOnA = connect(a, watcher)) {
            ChatClient carolOnB = ChatClient.connect(b, Users.mint(carol));
            JsonObject welcome = carolOnB.awaitType("welcome");
            assertTrue(welcome.getJsonArray("online").toString().contains("\"" + watcher + "\""),
                    "the welcome on B lists a user connected to A: " + welcome);
            watcherOnA.await(presence(carol, "online"));
            assertTrue(online(a, Users.mint(watcher)).contains(carol), "GET /api/presence on A lists a user on B");

            // closing one of two connections (on different instances) is no "offline": a marker sent after
            // the close must reach the watcher first
            ChatClient carolOnA = connect(a, carol);
            carolOnB.close();
            pause(Duration.ofMillis(500));
            carolOnA.send(chat("general", "still here", "p1"));
            JsonObject next = watcherOnA.await(presence(carol, "offline").or(frame("chat", "content", "still here")));
            assertEquals("chat", next.getString("type"), "carol still has a connection on A");
            carolOnA.close();
            watcherOnA.await(presence(carol, "offline"));
            assertFalse(online(b, Users.mint(watcher)).contains(carol));
        }
    }

    @Test
    @Order(4)
    void concurrentSendersOnBothInstancesAreSeenInStrictlyIncreasingIdOrderByEveryReceiver() throws Exception {
        String room = room();
        int sendersPerInstance = 3;
        int messagesEach = 15;
        List<ChatClient> senders = new ArrayList<>();
        List<ChatClient> everyone = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * sendersPerInstance; i++) {
                ChatClient c = connect(i % 2 == 0 ? a : b, Users.unique("sender"));
                join(c, room);
                senders.add(c);
            }
            everyone.addAll(senders);
            for (int i = 0; i < 4; i++) {
                ChatClient c = connect(i % 2 == 0 ? a : b, Users.unique("reader"));
                join(c, room);
                everyone.add(c);
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(senders.size());
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                ChatClient sender = senders.get(s);
                int n = s;
                sending.add(threads.submit(() -> {
                    go.await();
                    for (int m = 0; m < messagesEach; m++) {
                        sender.send(chat(room, "s" + n + "-m" + m, "s" + n + "-" + m));
                        // spread over ~75 ms, so both instances are storing at the same time: sent in one burst,
                        // one instance once stored all of its messages before the other began (a CI run)
                        Thread.sleep(5);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sending) {
                f.get();
            }
            threads.shutdown();

            int total = senders.size() * messagesEach;
            List<String> reference = null;
            for (ChatClient c : everyone) {
                List<JsonObject> received = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    received.add(c.await(frame("chat", "room", room)));
                }
                List<String> ids = received.stream().map(f -> f.getString("id")).toList();
                for (int i = 1; i < ids.size(); i++) {
                    assertTrue(compareIds(ids.get(i - 1), ids.get(i)) < 0,
                            "ids must strictly increase for every receiver: " + ids.get(i - 1) + " then " + ids.get(i));
                }
                if (reference == null) {
                    reference = ids;
                    // senders 0, 2, 4 are on A, 1, 3, 5 on B: the two instances' messages really interleaved
                    long switches = 0;
                    for (int i = 1; i < received.size(); i++) {
                        if (senderIndex(received.get(i)) % 2 != senderIndex(received.get(i - 1)) % 2) {
                            switches++;
                        }
                    }
                    assertTrue(switches >= 2, "messages of the two instances did not interleave: " + ids);
                }
                assertEquals(reference, ids, "every receiver sees the same messages in the same order");
            }
        } finally {
            everyone.forEach(ChatClient::close);
        }
    }

    @Test
    @Order(5)
    void announcementsKicksAndTheSessionListSpanTheCluster() {
        String admin = Users.mint(Users.unique("ops"), TestCluster.SECRET, Instant.now().plusSeconds(600),
                List.of("admin"));
        String ivan = Users.unique("ivan");
        String judy = Users.unique("judy");
        try (ChatClient ivanOnA = connect(a, ivan); ChatClient ivanOnB = connect(b, ivan);
             ChatClient judyOnB = connect(b, judy)) {
            HttpResponse<String> sessions = Users.get(a, "/api/admin/sessions", admin);
            assertEquals(200, sessions.statusCode());
            List<String> ivansInstances = Users.json(sessions.body()).getJsonArray("sessions").getValuesAs(JsonObject.class)
                    .stream().filter(x -> ivan.equals(x.getString("user"))).map(x -> x.getString("instance")).toList();
            assertEquals(2, ivansInstances.size(), sessions.body());
            assertNotEquals(ivansInstances.get(0), ivansInstances.get(1), "one session on each instance");

            HttpResponse<String> sent = admin(a, "POST", "/api/admin/announcements", admin, "{\"content\":\"maintenance at 6\"}");
            assertEquals(202, sent.statusCode(), sent.body());
            for (ChatClient c : List.of(ivanOnA, ivanOnB, judyOnB)) {
                assertEquals("maintenance at 6", c.awaitType("announcement").getString("content"));
            }

            // asked of B, the kick closes ivan's connection on A too
            assertEquals(204, admin(b, "DELETE", "/api/admin/users/" + ivan + "/sessions", admin, null).statusCode());
            assertEquals(4000, ivanOnA.awaitClose());
            assertEquals(4000, ivanOnB.awaitClose());
            sync(judyOnB);
        }
    }

    private static HttpResponse<String> admin(PayaraInstance server, String method, String path, String token, String json) {
        return Users.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    // ---- through nginx

    @Test
    @Order(10)
    void twoClientsThroughNginxLandOnDifferentInstancesAndChat() {
        String reason = Nginx.unavailableReason();
        if (reason != null) {
            LOG.severe("SKIPPING the nginx test: " + reason);
        }
        assumeTrue(reason == null, reason);
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        Nginx nginx = Nginx.inFrontOf(List.of(a, b));
        try (nginx;
             ChatClient aliceThroughProxy = ChatClient.connect(nginx.webSocketUri("/chat?token=" + Users.mint(alice)), nginx.origin());
             ChatClient bobThroughProxy = ChatClient.connect(nginx.webSocketUri("/chat?token=" + Users.mint(bob)), nginx.origin())) {
            aliceThroughProxy.awaitType("welcome");
            bobThroughProxy.awaitType("welcome");
            PayaraInstance aliceServer = servingInstanceOf(alice);
            PayaraInstance bobServer = servingInstanceOf(bob);
            assertNotEquals(aliceServer, bobServer, "no stickiness, one connection on each instance");

            aliceThroughProxy.send(chat("general", "hi through nginx", "n1"));
            bobThroughProxy.await(frame("chat", "content", "hi through nginx"));
            bobThroughProxy.send(dm(alice, "and back"));
            aliceThroughProxy.await(frame("private", "content", "and back"));

            HttpResponse<String> presence = Users.send(HttpRequest.newBuilder(nginx.uri("/api/presence"))
                    .header("Authorization", "Bearer " + Users.mint(alice)).GET().build());
            assertEquals(200, presence.statusCode());
            assertTrue(presence.body().contains(alice) && presence.body().contains(bob), presence.body());
            assertEquals(403, ChatClient.handshakeStatus(nginx.webSocketUri("/chat?token=" + Users.mint(alice)),
                    "https://evil.example"), "a cross-site origin is still refused behind the proxy");
        }
        // nginx logs a WebSocket when it closes: by now both handshakes are in its log
        String log = readString(nginx.accessLog());
        assertTrue(log.contains("upstream=127.0.0.1:" + a.port()) && log.contains("upstream=127.0.0.1:" + b.port()), log);
        assertFalse(log.contains("token="), "nginx must not log the token in the handshake's query string");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PayaraInstance servingInstanceOf(String user) {
        String line = "connected: " + user + " ";
        long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
        while (!a.logText().contains(line) && !b.logText().contains(line) && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(100));
        }
        boolean onA = a.logText().contains(line);
        boolean onB = b.logText().contains(line);
        assertTrue(onA ^ onB, user + " is connected to exactly one instance");
        return onA ? a : b;
    }

    /** Waits until the instance's log shows this text (log lines follow the frames they describe). */
    private static boolean logShows(PayaraInstance server, String text) {
        long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
        while (!server.logText().contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(Duration.ofMillis(100));
        }
        return true;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(11)
    void theClientAddressIsTheLastForwardedForEntry() {
        String alice = Users.unique("alice");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("X-Forwarded-For", "198.51.100.7, 203.0.113.9")
                .buildAsync(a.webSocketUri("/chat?token=" + Users.mint(alice)), new WebSocket.Listener() {
                }).join();
        try {
            assertTrue(logShows(a, "connected: " + alice + " from 203.0.113.9"),
                    "the address the trusted proxy appended, not the first (client-chosen) entry");
        } finally {
            socket.abort();
        }
    }

    // ---- encryption at rest

    @Test
    @Order(20)
    void redisHoldsNoMessageTextWhenAKeyIsSet() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String roomText = "room-secret-" + UUID.randomUUID();
        String dmText = "dm-secret-" + UUID.randomUUID();
        String room = room();
        try (ChatClient aliceOnA = connect(a, alice); ChatClient bobOnB = connect(b, bob)) {
            join(aliceOnA, room);
            aliceOnA.send(chat(room, roomText, "e1"));
            aliceOnA.await(frame("chat", "content", roomText));
            aliceOnA.send(dm(bob, dmText));
            bobOnB.await(frame("private", "content", dmText));
            // what A sealed, B opens
            bobOnB.send("{\"type\":\"history\",\"with\":\"" + alice + "\"}");
            assertTrue(bobOnB.awaitType("history").toString().contains(dmText));
        }
        String everything = dumpRedis();
        assertFalse(everything.contains(roomText), "room message text in Redis");
        assertFalse(everything.contains(dmText), "direct message text in Redis");
        assertFalse(everything.contains("secret-"), "no fragment of the text either");
        List<StreamEntry> stored = entries("log:r:" + room);
        assertEquals(1, stored.size());
        assertEquals("first", stored.get(0).getFields().get("k"));
    }

    private static List<StreamEntry> entries(String key) {
        try (Jedis jedis = redis.connect()) {
            return jedis.xrange(PREFIX + key, (StreamEntryID) null, (StreamEntryID) null);
        }
    }

    /** Every key and value under the test prefix, as text. */
    private static String dumpRedis() {
        StringBuilder out = new StringBuilder();
        try (Jedis jedis = redis.connect()) {
            for (String key : jedis.keys(PREFIX + "*")) {
                out.append(key).append('\n');
                switch (jedis.type(key)) {
                    case "string" -> out.append(jedis.get(key));
                    case "hash" -> out.append(jedis.hgetAll(key));
                    case "set" -> out.append(jedis.smembers(key));
                    case "zset" -> out.append(jedis.zrange(key, 0, -1));
                    case "list" -> out.append(jedis.lrange(key, 0, -1));
                    case "stream" -> jedis.xrange(key, (StreamEntryID) null, (StreamEntryID) null)
                            .forEach(e -> out.append(e.getFields()));
                    default -> out.append("?");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    // ---- pausing, stopping, rotating, crashing

    @Test
    @Order(25)
    void anInstancePausedPastTheTimeoutIsTakenForDeadThenAnnouncesItsUsersAgainCountingEachOnce() {
        String watcher = Users.unique("watcher");
        String hana = Users.unique("hana");
        try (ChatClient watcherOnA = connect(a, watcher)) {
            ChatClient hanaOnB = connect(b, hana);
            watcherOnA.await(presence(hana, "online"));
            // a stop-the-world pause, or B cut off from Redis: its heartbeat stops while its sockets stay open
            signal(b, "STOP");
            try {
                watcherOnA.await(presence(hana, "offline"));
            } finally {
                signal(b, "CONT");
            }
            watcherOnA.await(presence(hana, "online"));
            assertTrue(logShows(b, "announcing its connections again"));
            assertTrue(online(a, Users.mint(watcher)).contains(hana));
            // counted once: a single close takes her offline again
            hanaOnB.close();
            watcherOnA.await(presence(hana, "offline"));
        }
    }

    /** Sends a signal to the Payara Micro JVM of an instance (started by this test JVM). */
    private static void signal(PayaraInstance server, String signal) {
        long pid = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(List::of)
                        .filter(args -> args.contains("--port") && args.contains(String.valueOf(server.port())))
                        .isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no process for " + server.name())).pid();
        try {
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- stopping, rotating, crashing

    @Test
    @Order(30)
    void sigtermClosesEverySessionWith1001AndTheOtherInstanceSeesItsUsersLeave() {
        String watcher = Users.unique("watcher");
        String dora = Users.unique("dora");
        String emil = Users.unique("emil");
        try (ChatClient watcherOnA = connect(a, watcher); ChatClient doraOnB = connect(b, dora);
             ChatClient emilOnB = connect(b, emil)) {
            b.stop();
            assertEquals(1001, doraOnB.awaitClose());
            assertEquals(1001, emilOnB.awaitClose());
            awaitOffline(watcherOnA, dora, emil);
        }
    }

    @Test
    @Order(31)
    void historyStaysReadableAfterRotatingToASecondKey() {
        String alice = Users.unique("alice");
        String room = room();
        try (ChatClient aliceOnA = connect(a, alice)) {
            join(aliceOnA, room);
            aliceOnA.send(chat(room, "sealed with the first key", "r1"));
            aliceOnA.await(frame("chat", "content", "sealed with the first key"));
        }
        b.stop();
        // the second instance comes back with a new key added and made active; the first key stays known
        b = PayaraInstance.start("scale-b-rotated", env("first:" + FIRST_KEY + ",second:" + SECOND_KEY, "second"));
        assertTrue(b.logText().contains("active key id 'second', 2 key(s) known"), "the start says which key seals");
        try (ChatClient aliceOnB = connect(b, alice)) {
            aliceOnB.send(chat(room, "sealed with the second key", "r2"));
            aliceOnB.await(frame("chat", "content", "sealed with the second key"));
            aliceOnB.send("{\"type\":\"history\",\"room\":\"" + room + "\"}");
            JsonObject history = aliceOnB.awaitType("history");
            List<String> contents = history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("content")).toList();
            assertEquals(List.of("sealed with the first key", "sealed with the second key"), contents);
        }
        List<String> keyIds = entries("log:r:" + room).stream().map(e -> e.getFields().get("k")).toList();
        assertEquals(List.of("first", "second"), keyIds);
        assertFalse(dumpRedis().contains("sealed with"), "no text in Redis under either key");
    }

    @Test
    @Order(32)
    void usersOfAKilledInstanceGoOfflineOnTheSurvivorWithinTheBound() {
        String watcher = Users.unique("watcher");
        String fred = Users.unique("fred");
        String gina = Users.unique("gina");
        try (ChatClient watcherOnA = connect(a, watcher); ChatClient fredOnB = connect(b, fred);
             ChatClient ginaOnB = connect(b, gina)) {
            watcherOnA.await(presence(gina, "online"));
            b.kill();
            long killed = System.nanoTime();
            awaitOffline(watcherOnA, fred, gina);
            double seconds = (System.nanoTime() - killed) / 1e9;
            // the victim's last heartbeat is at most one beat (timeout / 3) old when it dies; the survivor's next
            // beat after the timeout takes its users offline
            double bound = NODE_TIMEOUT_SECONDS + NODE_TIMEOUT_SECONDS / 3.0;
            LOG.info(String.format("crash to offline: %.2f s (bound %.1f s)", seconds, bound));
            System.out.printf("crash to offline: %.2f s (bound %.1f s)%n", seconds, bound);
            assertTrue(seconds <= bound + 1.0, "offline after " + seconds + " s, bound " + bound + " s");
            List<String> online = online(a, Users.mint(watcher));
            assertFalse(online.contains(fred) || online.contains(gina), online.toString());
        }
    }
}
