package chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.platform.control.ContainerInside;
import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.RawWebSocket;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Every frame of the contract against the real server and Redis. */
class MessagingIT {

    private static final AtomicInteger ROOMS = new AtomicInteger();
    private final PayaraInstance server = TestCluster.shared();

    private ChatClient connect(String user) {
        ChatClient client = ChatClient.connect(server, Users.mint(user));
        client.awaitType("welcome");
        return client;
    }

    private static String room() {
        return "room-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + ROOMS.incrementAndGet();
    }

    private static String chat(String room, String content, String clientId) {
        return Json.createObjectBuilder().add("type", "chat").add("room", room).add("content", content)
                .add("clientId", clientId).build().toString();
    }

    private static String dm(String target, String content, String clientId) {
        return Json.createObjectBuilder().add("type", "private").add("target", target).add("content", content)
                .add("clientId", clientId).build().toString();
    }

    private static Predicate<JsonObject> message(String type, String content) {
        return f -> type.equals(f.getString("type")) && content.equals(f.getString("content", null));
    }

    private static Predicate<JsonObject> error(String code) {
        return f -> "error".equals(f.getString("type")) && code.equals(f.getString("code"));
    }

    private static void join(ChatClient client, String room) {
        client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        client.await(f -> "joined".equals(f.getString("type")) && room.equals(f.getString("room")));
    }

    @Test
    void roomMessagesReachMembersWithIdsAndTheSenderCopyCarriesItsClientId() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String carol = Users.unique("carol");
        String room = room();
        try (ChatClient a = connect(alice); ChatClient b = connect(bob); ChatClient c = connect(carol)) {
            join(a, room);
            join(b, room);
            a.send(chat(room, "hello room", "c-1"));
            JsonObject own = a.await(message("chat", "hello room"));
            JsonObject other = b.await(message("chat", "hello room"));
            assertEquals("c-1", own.getString("clientId"));
            assertFalse(other.containsKey("clientId"), "only the sender's copy carries the clientId");
            assertEquals(own.getString("id"), other.getString("id"));
            assertTrue(own.getString("id").matches("\\d+-\\d+"));
            assertEquals(alice, other.getString("user"));
            assertEquals(room, other.getString("room"));
            assertTrue(Math.abs(other.getJsonNumber("ts").longValue() - System.currentTimeMillis()) < 60_000);
            c.expectNo("chat", Duration.ofMillis(500));
        }
    }

    /**
     * Writes smaller than the connection's 512-byte output buffer are copied into it, larger ones (a long message, a
     * batch of frames) go to the socket as they are (SmallWriteBuffer): both must arrive whole and in order. The paths
     * that reach inside Payara (ContainerInside: that buffer, Tyrus's raw frame send, its idle-timer executor) fall back
     * to the standard API with one log line elsewhere; on the container we ship for, none may have fallen back.
     */
    @Test
    void shortAndLongFramesArriveWholeInOrderOnTheDirectPaths() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = room();
        List<String> texts = List.of("short", "m".repeat(600), "é".repeat(4000), "after the long ones");
        try (ChatClient a = connect(alice); ChatClient b = connect(bob)) {
            join(a, room);
            join(b, room);
            for (int i = 0; i < texts.size(); i++) {
                a.send(chat(room, texts.get(i), "w-" + i));
            }
            // await skips what does not match, so a frame out of order or cut short leaves a later await waiting
            for (String text : texts) {
                JsonObject got = b.await(message("chat", text));
                assertEquals(room, got.getString("room"));
            }
        }
        String log = server.logText();
        assertFalse(log.contains("keep the container's output buffer size"),
                "the output buffer of WebSocket responses was not made small: see " + server.log());
        assertFalse(log.contains("sending through the standard WebSocket API only"),
                "frames went through the standard API, not TyrusDirect: see " + server.log());
        assertFalse(log.contains("Tyrus schedules an idle-timer task per received frame"),
                "the sessions kept the container's executor for their idle timer: see " + server.log());
        assertFalse(log.contains(ContainerInside.FELL_BACK), "a path into Payara fell back: see " + server.log());
    }

    @Test
    void roomDefaultsToGeneralAndAnImpersonationAttemptShowsTheRealSender() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        try (ChatClient a = connect(alice); ChatClient b = connect(bob)) {
            a.send("{\"type\":\"chat\",\"content\":\"I am bob\",\"user\":\"" + bob + "\"}");
            JsonObject got = b.await(message("chat", "I am bob"));
            assertEquals(alice, got.getString("user"));
            assertEquals("general", got.getString("room"));
        }
    }

    @Test
    void unicodeTextIsKeptExactly() {
        String alice = Users.unique("alice");
        String room = room();
        String text = "你好，世界 👋🏽 émoji \"quotes\" \\ back\nslash <b>tag</b> \u2028";
        try (ChatClient a = connect(alice)) {
            join(a, room);
            a.send(chat(room, text, "u-1"));
            assertEquals(text, a.await(f -> "chat".equals(f.getString("type"))).getString("content"));
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\"}");
            JsonObject history = a.awaitType("history");
            assertEquals(text, history.getJsonArray("messages").getJsonObject(0).getString("content"));
        }
    }

    @Test
    void directMessagesReachEveryConnectionOfBothAndNobodyElse() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String eve = Users.unique("eve");
        try (ChatClient a1 = connect(alice); ChatClient a2 = connect(alice);
             ChatClient b1 = connect(bob); ChatClient b2 = connect(bob); ChatClient e = connect(eve)) {
            a1.send(dm(bob, "psst", "d-1"));
            for (ChatClient c : List.of(a1, a2, b1, b2)) {
                JsonObject got = c.await(message("private", "psst"));
                assertEquals(alice, got.getString("user"));
                assertEquals(bob, got.getString("target"));
            }
            e.expectNo("private", Duration.ofMillis(500));
        }
    }

    @Test
    void burstsFromManyConnectionsAtOnceAreStoredAndAcknowledgedInTheOrderSent() {
        // appends of many connections share Redis pipelines; each connection's frames must keep their order
        int pairs = 4;
        int perUser = 10;
        List<ChatClient> clients = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < pairs * 2; i++) {
                names.add(Users.unique("burst"));
                clients.add(connect(names.get(i)));
            }
            for (int n = 0; n < perUser; n++) {
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).send(dm(names.get(i ^ 1), "burst " + i + " " + n, "u" + i + "-" + n));
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                ChatClient c = clients.get(i);
                String last = "u" + i + "-" + (perUser - 1);
                c.await(f -> last.equals(f.getString("clientId", null)));
                List<String> acked = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (JsonObject f : new ArrayList<>(c.seen())) {
                    if ("private".equals(f.getString("type"))) {
                        ids.add(f.getString("id"));
                        if (f.containsKey("clientId")) {
                            acked.add(f.getString("clientId"));
                        }
                    }
                }
                List<String> sent = new ArrayList<>();
                for (int n = 0; n < perUser; n++) {
                    sent.add("u" + i + "-" + n);
                }
                assertEquals(sent, acked, "acknowledged in the order sent");
                for (int k = 1; k < ids.size(); k++) {
                    assertTrue(compareIds(ids.get(k - 1), ids.get(k)) < 0, "ids increase as delivered: " + ids);
                }
            }
            clients.get(0).send("{\"type\":\"history\",\"with\":\"" + names.get(1) + "\",\"limit\":50}");
            assertEquals(2 * perUser, clients.get(0).awaitType("history").getJsonArray("messages").size(),
                    "every acknowledged message is stored");
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    private static int compareIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }

    @Test
    void directMessageToAnOfflineUserIsStoredAndCountedUnread() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        connect(bob).close();
        try (ChatClient a = connect(alice)) {
            a.send(dm(bob, "while you were away", "o-1"));
            a.await(message("private", "while you were away"));
            a.send(dm(bob, "second", "o-2"));
            a.await(message("private", "second"));
        }
        try (ChatClient b = ChatClient.connect(server, Users.mint(bob))) {
            JsonObject welcome = b.awaitType("welcome");
            assertEquals(2, welcome.getJsonObject("unread").getInt("@" + alice));
            assertTrue(welcome.getJsonArray("directs").toString().contains("\"" + alice + "\""), "listed as a direct conversation");
            b.send("{\"type\":\"history\",\"with\":\"" + alice + "\"}");
            JsonObject history = b.awaitType("history");
            assertEquals(alice, history.getString("with"));
            assertEquals(List.of("while you were away", "second"), contents(history));
            String last = history.getJsonArray("messages").getJsonObject(1).getString("id");
            b.send("{\"type\":\"read\",\"with\":\"" + alice + "\",\"id\":\"" + last + "\"}");
            b.send("{\"type\":\"ping\"}");
            b.awaitType("pong");
        }
        try (ChatClient b = ChatClient.connect(server, Users.mint(bob))) {
            assertFalse(b.awaitType("welcome").getJsonObject("unread").containsKey("@" + alice), "read on another device");
        }
        try (ChatClient a = ChatClient.connect(server, Users.mint(alice))) {
            assertFalse(a.awaitType("welcome").getJsonObject("unread").containsKey("@" + bob), "own messages are never unread");
        }
    }

    @Test
    void directMessageToAnUnknownUserIsRefused() {
        try (ChatClient a = connect(Users.unique("alice"))) {
            a.send(dm(Users.unique("ghost"), "anyone?", "g-1"));
            JsonObject err = a.await(error("USER_NOT_FOUND"));
            assertEquals("g-1", err.getString("clientId"));
        }
    }

    @Test
    void framesRightBehindAMessageAreHandledAfterRedisAnsweredIt() {
        // frames of a connection are handled in order: what comes behind a message sees it stored (or refused);
        // a change that stops holding the worker until Redis answers must keep this (tried: it fails without)
        try (ChatClient a = connect(Users.unique("alice"))) {
            a.send(dm(Users.unique("ghost"), "anyone?", "q-1"));
            a.send("{\"type\":\"ping\"}");
            JsonObject first = a.await(f -> "error".equals(f.getString("type")) || "pong".equals(f.getString("type")));
            assertEquals("error", first.getString("type"), "the refused message is answered before the ping behind it");
            assertEquals("q-1", first.getString("clientId"));
            a.awaitType("pong");
            String room = room();
            join(a, room);
            a.send(chat(room, "right behind", "q-2"));
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\"}");
            assertEquals(List.of("right behind"), contents(a.awaitType("history")), "history sees the message sent before it");
        }
    }

    @Test
    void historyPagesBackwardsAndCatchesUpForwards() {
        String alice = Users.unique("alice");
        String room = room();
        try (ChatClient a = connect(alice)) {
            join(a, room);
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                a.send(chat(room, "m" + i, "h-" + i));
                ids.add(a.await(message("chat", "m" + i)).getString("id"));
            }
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":3}");
            JsonObject newest = a.awaitType("history");
            assertEquals(List.of("m5", "m6", "m7"), contents(newest));
            assertTrue(newest.getBoolean("hasMore"));

            a.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":3,\"before\":\"" + ids.get(4) + "\"}");
            assertEquals(List.of("m2", "m3", "m4"), contents(a.awaitType("history")));
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":3,\"before\":\"" + ids.get(1) + "\"}");
            JsonObject oldest = a.awaitType("history");
            assertEquals(List.of("m1"), contents(oldest));
            assertFalse(oldest.getBoolean("hasMore"));

            a.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":4,\"after\":\"" + ids.get(1) + "\"}");
            JsonObject catchUp = a.awaitType("history");
            assertEquals(List.of("m3", "m4", "m5", "m6"), contents(catchUp));
            assertTrue(catchUp.getBoolean("hasMore"));
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"after\":\"" + ids.get(4) + "\"}");
            JsonObject rest = a.awaitType("history");
            assertEquals(List.of("m6", "m7"), contents(rest));
            assertFalse(rest.getBoolean("hasMore"));

            // the same pages over REST
            String token = Users.mint(alice);
            JsonObject page = Users.json(Users.get(server, "/api/rooms/" + room + "/messages?limit=2&before=" + ids.get(2), token).body());
            assertEquals(List.of("m1", "m2"), contents(page));
            assertEquals(room, page.getString("room"));
            page = Users.json(Users.get(server, "/api/rooms/" + room + "/messages?after=" + ids.get(5), token).body());
            assertEquals(List.of("m7"), contents(page));
            assertEquals(403, Users.get(server, "/api/rooms/" + room + "/messages", Users.mint(Users.unique("outsider"))).statusCode());
            assertEquals(400, Users.get(server, "/api/rooms/" + room + "/messages?before=xyz", token).statusCode());
        }
    }

    @Test
    void aReconnectingClientCatchesUpExactlyWhatItMissed() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = room();
        String lastSeen;
        try (ChatClient b = connect(bob); ChatClient a = connect(alice)) {
            join(a, room);
            join(b, room);
            a.send(chat(room, "before", "r-0"));
            lastSeen = b.await(message("chat", "before")).getString("id");
        }
        try (ChatClient a = connect(alice)) {
            for (int i = 1; i <= 3; i++) {
                a.send(chat(room, "missed " + i, "r-" + i));
                a.await(message("chat", "missed " + i));
            }
        }
        try (ChatClient b = connect(bob)) {
            b.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"after\":\"" + lastSeen + "\"}");
            assertEquals(List.of("missed 1", "missed 2", "missed 3"), contents(b.awaitType("history")));
        }
    }

    @Test
    void aResentClientIdIsNeitherStoredNorDeliveredTwice() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = room();
        try (ChatClient a = connect(alice); ChatClient b = connect(bob)) {
            join(a, room);
            join(b, room);
            a.send(chat(room, "once", "same-id"));
            String id = a.await(message("chat", "once")).getString("id");
            b.await(message("chat", "once"));
            a.send(chat(room, "once, edited in the outbox", "same-id"));
            JsonObject copy = a.await(f -> "chat".equals(f.getString("type")));
            assertEquals(id, copy.getString("id"));
            assertEquals("once", copy.getString("content"), "the first stored copy");
            assertEquals("same-id", copy.getString("clientId"));
            b.expectNo("chat", Duration.ofMillis(700));
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\"}");
            assertEquals(List.of("once"), contents(a.awaitType("history")));
        }
    }

    /**
     * The server keeps a sender's clientIds in 10-minute buckets of Redis's clock and looks in the current and
     * the previous one. The test moves the record of a stored message one bucket back (as if ten minutes had
     * passed): a resend is still answered with the first copy. Moved two buckets back, it is forgotten.
     */
    @Test
    void aClientIdIsFoundInThePreviousTenMinutesAndForgottenAfterThat() {
        String alice = Users.unique("alice");
        String room = room();
        String buckets = TestCluster.keyPrefix() + "clientids:" + alice + ":";
        try (ChatClient a = connect(alice); Jedis redis = LocalRedis.shared().connect()) {
            join(a, room);
            a.send(chat(room, "before the break", "late-1"));
            String id = a.await(message("chat", "before the break")).getString("id");
            long bucket = Long.parseLong(redis.time().get(0)) / 600;
            long ttl = redis.ttl(buckets + bucket);
            assertTrue(ttl > 1200 && ttl <= 1260, "a bucket lives until the next one has passed: " + ttl);

            redis.rename(buckets + bucket, buckets + (bucket - 1));
            a.send(chat(room, "ten minutes later", "late-1"));
            JsonObject copy = a.await(f -> "late-1".equals(f.getString("clientId", null)));
            assertEquals(id, copy.getString("id"), "the first copy answers the resend");
            assertEquals("before the break", copy.getString("content"));

            redis.rename(buckets + (bucket - 1), buckets + (bucket - 2));
            a.send(chat(room, "twenty minutes later", "late-1"));
            JsonObject stored = a.await(f -> "late-1".equals(f.getString("clientId", null)));
            assertEquals("twenty minutes later", stored.getString("content"), "stored as a new message");
            assertTrue(stored.getString("id").compareTo(id) > 0, stored + " after " + id);
        }
    }

    @Test
    void membershipIsAnsweredOnEveryConnectionAndKeptAcrossReconnects() {
        String alice = Users.unique("alice");
        String room = room();
        try (ChatClient a1 = connect(alice); ChatClient a2 = connect(alice)) {
            a1.send(chat(room, "not yet", "n-1"));
            assertEquals("n-1", a1.await(error("NOT_MEMBER")).getString("clientId"));
            a1.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            a1.await(f -> "joined".equals(f.getString("type")) && room.equals(f.getString("room")));
            a2.await(f -> "joined".equals(f.getString("type")) && room.equals(f.getString("room")));
            a1.send("{\"type\":\"leave\",\"room\":\"general\"}");
            a1.await(error("BAD_REQUEST"));
            a1.send("{\"type\":\"join\",\"room\":\"Bad Room!\"}");
            a1.await(error("BAD_REQUEST"));
        }
        try (ChatClient a = ChatClient.connect(server, Users.mint(alice))) {
            JsonObject welcome = a.awaitType("welcome");
            assertEquals(List.of("general", room), welcome.getJsonArray("rooms").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
            a.send("{\"type\":\"leave\",\"room\":\"" + room + "\"}");
            a.await(f -> "left".equals(f.getString("type")) && room.equals(f.getString("room")));
            a.send(chat(room, "gone", "n-2"));
            a.await(error("NOT_MEMBER"));
        }
    }

    @Test
    void typingIsRelayedAndNotStored() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = room();
        try (ChatClient a = connect(alice); ChatClient b = connect(bob)) {
            join(a, room);
            join(b, room);
            a.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
            JsonObject t = b.awaitType("typing");
            assertEquals(alice, t.getString("user"));
            assertEquals(room, t.getString("room"));
            a.send("{\"type\":\"typing\",\"target\":\"" + bob + "\"}");
            JsonObject direct = b.await(f -> "typing".equals(f.getString("type")) && f.containsKey("target"));
            assertEquals(bob, direct.getString("target"));
            a.expectNo("typing", Duration.ofMillis(300));
            a.send("{\"type\":\"history\",\"room\":\"" + room + "\"}");
            assertEquals(List.of(), contents(a.awaitType("history")));
        }
    }

    @Test
    void unreadCountsStartWhereAUserJoinedAndFollowReadMarkers() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = room();
        try (ChatClient a = connect(alice)) {
            join(a, room);
            a.send(chat(room, "old news", "x-1"));
            a.await(message("chat", "old news"));
        }
        String lastId;
        try (ChatClient b = connect(bob); ChatClient a = connect(alice)) {
            join(b, room);
            a.send(chat(room, "fresh 1", "x-2"));
            a.await(message("chat", "fresh 1"));
            a.send(chat(room, "fresh 2", "x-3"));
            lastId = a.await(message("chat", "fresh 2")).getString("id");
        }
        try (ChatClient b = ChatClient.connect(server, Users.mint(bob))) {
            JsonObject unread = b.awaitType("welcome").getJsonObject("unread");
            assertEquals(2, unread.getInt(room), "only what came after joining: " + unread);
            b.send("{\"type\":\"read\",\"room\":\"" + room + "\",\"id\":\"" + lastId + "\"}");
            b.send("{\"type\":\"ping\"}");
            b.awaitType("pong");
        }
        try (ChatClient b = ChatClient.connect(server, Users.mint(bob))) {
            assertFalse(b.awaitType("welcome").getJsonObject("unread").containsKey(room));
        }
    }

    @Test
    void presenceAnnouncesFirstAndLastConnection() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        try (ChatClient a = connect(alice)) {
            ChatClient b = connect(bob);
            a.await(f -> "presence".equals(f.getString("type")) && bob.equals(f.getString("user"))
                    && "online".equals(f.getString("status")));
            ChatClient b2 = connect(bob);
            b.close();
            a.expectNo("presence", Duration.ofMillis(500));
            b2.close();
            a.await(f -> "presence".equals(f.getString("type")) && bob.equals(f.getString("user"))
                    && "offline".equals(f.getString("status")));
            assertTrue(Users.json(Users.get(server, "/api/presence", Users.mint(alice)).body())
                    .getJsonArray("online").toString().contains("\"" + alice + "\""));
        }
    }

    @Test
    void aConnectionDroppedWithoutACloseFrameIsCleanedUp() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        try (ChatClient a = connect(alice)) {
            ChatClient b = connect(bob);
            a.await(f -> "presence".equals(f.getString("type")) && bob.equals(f.getString("user")));
            b.dropWithoutClose();
            a.await(f -> "presence".equals(f.getString("type")) && bob.equals(f.getString("user"))
                    && "offline".equals(f.getString("status")));
        }
    }

    @Test
    void badFramesGetBadRequestAndTheConnectionStaysUsable() {
        try (ChatClient a = connect(Users.unique("fuzzer"))) {
            List<String> bad = List.of("not json", "[1,2]", "42", "{\"type\":\"dance\"}", "{\"content\":\"no type\"}",
                    "{\"type\":\"chat\"}", "{\"type\":\"chat\",\"content\":{\"a\":1}}", "{\"type\":\"chat\",\"content\":\"x\",\"room\":7}",
                    "{\"type\":\"history\",\"room\":\"general\",\"before\":\"DROP\"}",
                    "{\"type\":\"history\",\"room\":\"general\",\"with\":\"bob\"}",
                    "{\"type\":\"chat\",\"content\":\"x\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                    "{\"type\":\"chat\",\"content\":\"x\",\"clientId\":\"" + "c".repeat(65) + "\"}");
            for (String frame : bad) {
                a.send(frame);
                JsonObject err = a.awaitType("error");
                assertEquals("BAD_REQUEST", err.getString("code"), frame);
                assertFalse(err.getString("message").contains("java"), "no Java internals: " + err);
            }
            a.sendBinary(new byte[] {1, 2, 3});
            assertEquals("BAD_REQUEST", a.awaitType("error").getString("code"));
            a.send("{\"type\":\"register\",\"user\":\"someone-else\"}");
            a.send("{\"type\":\"ping\"}");
            a.awaitType("pong");
            assertFalse(a.isClosed());
        }
        assertFalse(server.logText().contains("JsonbException"), "no stack trace per bad frame in the log");
    }

    @Test
    void contentLimitCountsCodePoints() {
        try (ChatClient a = connect(Users.unique("long"))) {
            a.send(chat("general", "😀".repeat(4000), "ok-1"));
            assertEquals(4000, a.await(f -> "chat".equals(f.getString("type"))).getString("content").codePointCount(0, 8000));
            a.send(chat("general", "x".repeat(4001), "big-1"));
            JsonObject err = a.await(error("TOO_LARGE"));
            assertEquals("big-1", err.getString("clientId"));
        }
    }

    @Test
    void aFlooderIsRateLimitedWhileOthersKeepChatting() {
        try (ChatClient flooder = connect(Users.unique("flood")); ChatClient other = connect(Users.unique("calm"))) {
            for (int i = 0; i < 25; i++) {
                flooder.send(chat("general", "spam " + i, "s-" + i));
            }
            JsonObject err = flooder.await(error("RATE_LIMITED"));
            assertTrue(err.getString("clientId").startsWith("s-2"), "the 21st frame on: " + err);
            other.send(chat("general", "still here", "calm-1"));
            other.await(message("chat", "still here"));
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesWith1009() {
        try (ChatClient a = connect(Users.unique("huge"))) {
            a.send(chat("general", "x".repeat(70_000), "h-1"));
            assertEquals(1009, a.awaitClose());
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith4002AndOthersAreNotHeldUp() {
        String room = room();
        String stalledName = Users.unique("stalled");
        try (ChatClient stalled = connect(stalledName); ChatClient reader = connect(Users.unique("reader"))) {
            join(stalled, room);
            join(reader, room);
            stalled.pauseReading();
            String big = "y".repeat(3900);
            int sent = 0;
            for (int sender = 0; sender < 6; sender++) {
                try (ChatClient s = connect(Users.unique("loud"))) {
                    join(s, room);
                    for (int i = 0; i < 18; i++) {
                        s.send(chat(room, big + sent, "b-" + sent));
                        reader.await(message("chat", big + sent));
                        sent++;
                    }
                }
            }
            assertTrue(stalled.isClosed() || sent > 0);
            // reading again, it finds what was buffered for it, then the close
            stalled.resumeReading();
            int code = stalled.awaitClose(Duration.ofSeconds(20));
            assertTrue(code == 4002 || code == 1006, "closed as too slow: " + code);
            assertTrue(server.logText().contains("too slow: " + stalledName), "logged");
        }
    }

    /**
     * A reader with a 4 KiB receive buffer stops reading while about 190 KB of messages, sent in bursts, go to its
     * room (the test server closes a reader 256 KiB behind): the writes back up in the container's queue, several
     * frames per write. The server puts each write together in one buffer per writing thread and reuses it, so
     * what the container queued must be its own copy: every frame arrives whole and in order when the reader reads
     * again.
     */
    @Test
    void aClientThatReadsSlowlyGetsEveryFrameWholeAndInOrder() throws IOException {
        String room = room();
        String big = "z".repeat(3900);
        try (RawWebSocket slow = RawWebSocket.connectWithReceiveBuffer(server.port(), 4096)) {
            assertTrue(slow.upgrade("/chat?token=" + Users.mint(Users.unique("slow"))).startsWith("HTTP/1.1 101"));
            String joinFrame = "{\"type\":\"join\",\"room\":\"" + room + "\"}";
            slow.sendFrame(0x1, joinFrame.getBytes(StandardCharsets.UTF_8));
            while (true) { // the welcome and the join's answer, then nothing is read while the load is sent
                JsonObject frame = Users.json(slow.readText());
                if ("joined".equals(frame.getString("type")) && room.equals(frame.getString("room"))) {
                    break;
                }
            }
            int sent = 0;
            for (int sender = 0; sender < 3; sender++) { // 16 each, under the per-user rate limit, in a burst:
                try (ChatClient s = connect(Users.unique("loud"))) { // several frames go out in one write
                    join(s, room);
                    for (int i = 0; i < 16; i++, sent++) {
                        s.send(chat(room, big + sent, "w-" + sent));
                    }
                    s.await(message("chat", big + (sent - 1)));
                }
            }
            for (int expected = 0; expected < sent; ) {
                String text = slow.readText();
                assertTrue(text != null, "closed after " + expected + " of " + sent + " messages");
                JsonObject frame = Users.json(text); // fails on a torn frame
                if ("chat".equals(frame.getString("type")) && room.equals(frame.getString("room", null))) {
                    String content = frame.getString("content");
                    assertTrue(content.startsWith(big), "message " + expected + " whole");
                    assertEquals(String.valueOf(expected), content.substring(big.length()), "the messages' order");
                    expected++;
                }
            }
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (ChatClient a = connect(Users.unique("pinger"))) {
            a.send("{\"type\":\"ping\"}");
            assertEquals(JsonValue.ValueType.OBJECT, a.awaitType("pong").getValueType());
        }
    }

    private static List<String> contents(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("content")).toList();
    }
}
