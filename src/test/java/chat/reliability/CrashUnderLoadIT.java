package chat.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crash under load. Two instances share one Redis (a key prefix of this test's own); ten users on each chat in
 * {@code general} at a steady pace from threads of their own while they receive. Instance A is killed (SIGKILL)
 * mid-load. Its users see their sockets die and do what a real client does: a new connection (new token) to B,
 * a catch-up with {@code history after=<last id seen>} paged until {@code hasMore} is false, and a resend, with the
 * same clientId, of everything that had no acknowledgement when the connection died. Afterwards every user's view
 * (live plus catch-up) must be exactly the room's history, with no id delivered twice and live ids in order, and
 * every message a user sent must be in history exactly once.
 */
class CrashUnderLoadIT {

    private static final Logger LOG = Logger.getLogger(CrashUnderLoadIT.class.getName());
    private static final String PREFIX = TestCluster.keyPrefix() + "rel:";
    private static final String ROOM = "general";
    private static final int USERS_PER_INSTANCE = 10;
    /** Each user sends once a second: 20 messages/s in all. */
    private static final long SEND_INTERVAL_MS = 1000;
    private static final long LOAD_BEFORE_CRASH_MS = 8_000;
    private static final long LOAD_AFTER_CRASH_MS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = Users.HTTP;

    private static LocalRedis redis;
    private static PayaraInstance a;
    private static PayaraInstance b;

    @BeforeAll
    static void startTwoInstances() {
        redis = LocalRedis.shared();
        Map<String, String> env = new HashMap<>(TestCluster.env(redis));
        env.put("CHAT_REDIS_KEY_PREFIX", PREFIX);
        env.put("CHAT_PRESENCE_NODE_TIMEOUT_SECONDS", "3");
        // the load must not be rate limited: this test is about the crash
        env.put("CHAT_RATE", "1000");
        env.put("CHAT_RATE_WINDOW_SECONDS", "1");
        // one after the other: two parallel boots on a busy 2-core machine each take twice as long
        a = PayaraInstance.start("rel-a", env);
        b = PayaraInstance.start("rel-b", env);
    }

    @AfterAll
    static void stopAll() {
        if (a != null) {
            a.kill();
        }
        if (b != null) {
            b.stop();
        }
        redis.deleteKeys(PREFIX);
    }

    @Test
    void noAcceptedMessageIsLostOrDuplicatedWhenAnInstanceIsKilledUnderLoad() throws Exception {
        String baseline = newestId();
        List<Talker> talkers = new ArrayList<>();
        for (int i = 0; i < 2 * USERS_PER_INSTANCE; i++) {
            talkers.add(new Talker(Users.unique("crash"), i < USERS_PER_INSTANCE ? a : b, baseline));
        }
        CountDownLatch ready = new CountDownLatch(talkers.size());
        CountDownLatch go = new CountDownLatch(1);
        long[] loadStart = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (Talker t : talkers) {
            Thread thread = new Thread(() -> t.run(ready, go, loadStart), "talker-" + t.user);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        assertTrue(ready.await(60, TimeUnit.SECONDS), "every user connected");
        loadStart[0] = System.currentTimeMillis();
        go.countDown();

        Thread.sleep(LOAD_BEFORE_CRASH_MS);
        long killedAt = System.nanoTime();
        a.kill();
        LOG.info("killed instance A " + (System.currentTimeMillis() - loadStart[0]) + " ms into the load");

        for (Thread thread : threads) {
            thread.join(LOAD_AFTER_CRASH_MS + 3 * WAIT.toMillis() + 5_000);
            assertTrue(!thread.isAlive(), thread.getName() + " finished");
        }
        for (Talker t : talkers) {
            assertEquals(null, t.failure, t.user + " ran through");
        }

        // everything acknowledged: wait (bounded) until every view holds the whole history, then compare
        List<JsonObject> history = history(talkers.get(0).user, baseline);
        Set<String> historyIds = ids(history);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !talkers.stream().allMatch(t -> t.seenAll(historyIds))) {
            Thread.sleep(100);
            history = history(talkers.get(0).user, baseline);
            historyIds.addAll(ids(history));
        }
        history = history(talkers.get(0).user, baseline);
        historyIds.clear();
        historyIds.addAll(ids(history));
        try {
            checkEveryView(talkers, historyIds, baseline, killedAt);
        } finally {
            for (Talker t : talkers) {
                t.closeQuietly();
            }
        }
    }

    private static void checkEveryView(List<Talker> talkers, Set<String> historyIds, String baseline, long killedAt) {

        int sent = 0;
        int resent = 0;
        int resendAnswers = 0;
        int alreadyStored = 0;
        int overlaps = 0;
        long maxRecoveryMs = 0;
        for (Talker t : talkers) {
            synchronized (t) {
                assertEquals(new TreeSet<>(historyIds), new TreeSet<>(t.seen),
                        t.user + ": live plus catch-up ids equal the room's history (missing: " + difference(historyIds, t.seen)
                                + ", extra: " + difference(t.seen, historyIds) + ")");
                assertEquals(List.of(), t.liveDuplicates, t.user + ": no id delivered live twice");
                for (Link link : t.links) {
                    for (int i = 1; i < link.live.size(); i++) {
                        assertTrue(compare(link.live.get(i - 1), link.live.get(i)) < 0,
                                t.user + ": live ids strictly increasing on " + link.server + ": " + link.live);
                    }
                }
                assertEquals(List.of(), t.errors, t.user + ": no error frames");
                assertEquals(Map.of(), t.pending, t.user + ": every message acknowledged");
                if (t.home == a) {
                    assertEquals(2, t.links.size(), t.user + ": one reconnect, to B");
                    assertEquals(1006, t.links.get(0).closeCode.getNow(-1), t.user + ": A's socket died without a close frame");
                } else {
                    assertEquals(1, t.links.size(), t.user + ": B's users kept their connection");
                    assertTrue(!t.links.get(0).closeCode.isDone(), t.user + ": B's connection stayed open");
                }
            }
            // clientIds show only on the sender's own messages: read the history as that sender
            Map<String, List<String>> ownIdsByClientId = new HashMap<>();
            for (JsonObject m : history(t.user, baseline)) {
                if (t.user.equals(m.getString("user")) && m.containsKey("clientId")) {
                    ownIdsByClientId.computeIfAbsent(m.getString("clientId"), k -> new ArrayList<>()).add(m.getString("id"));
                }
            }
            assertEquals(new TreeSet<>(t.sent), new TreeSet<>(ownIdsByClientId.keySet()),
                    t.user + ": history holds the clientIds it sent and no others");
            for (String clientId : t.sent) {
                assertEquals(1, ownIdsByClientId.get(clientId).size(), t.user + ": " + clientId + " stored exactly once");
                assertEquals(ownIdsByClientId.get(clientId).get(0), t.acked.get(clientId),
                        t.user + ": " + clientId + " acknowledged with its stored id");
            }
            for (Map.Entry<String, String> answer : t.resendAnswers.entrySet()) {
                assertEquals(ownIdsByClientId.get(answer.getKey()).get(0), answer.getValue(),
                        t.user + ": a resend of " + answer.getKey() + " is answered with the first stored copy");
            }
            sent += t.sent.size();
            resent += t.resent.size();
            resendAnswers += t.resendAnswers.size();
            alreadyStored += t.resendsAlreadyStored;
            overlaps += t.overlaps;
            maxRecoveryMs = Math.max(maxRecoveryMs, t.recoveryMs);
        }
        LOG.info(String.format("crash under load: %d messages in history, %d sent, %d resent after the crash "
                + "(%d answered, %d of them already stored before the crash), %d ids both in a catch-up and live after it, slowest reconnect+catch-up %d ms, whole run %d ms after the kill",
                historyIds.size(), sent, resent, resendAnswers, alreadyStored, overlaps, maxRecoveryMs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt)));
        assertEquals(sent, historyIds.size(), "history holds exactly the messages sent");
    }

    // ---- one simulated user: a sending thread, frames handled on the WebSocket's own thread

    private static final class Link {
        final String server;
        final List<String> live = new ArrayList<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        final CompletableFuture<Void> welcome = new CompletableFuture<>();
        WebSocket socket;
        String newest;

        Link(String server) {
            this.server = server;
        }
    }

    private static final class Talker {
        final String user;
        final PayaraInstance home;
        final String baseline;
        final List<Link> links = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Set<String> seenLive = new HashSet<>();
        final List<String> liveDuplicates = new ArrayList<>();
        final Map<String, String> pending = new LinkedHashMap<>();
        final Map<String, String> acked = new HashMap<>();
        final Set<String> sent = new HashSet<>();
        final Set<String> resent = new HashSet<>();
        final Map<String, String> resendAnswers = new HashMap<>();
        final List<JsonObject> errors = new ArrayList<>();
        final LinkedBlockingQueue<JsonObject> historyPages = new LinkedBlockingQueue<>();
        volatile Throwable failure;
        int resendsAlreadyStored;
        int overlaps;
        long recoveryMs;

        Talker(String user, PayaraInstance home, String baseline) {
            this.user = user;
            this.home = home;
            this.baseline = baseline;
        }

        void run(CountDownLatch ready, CountDownLatch go, long[] loadStart) {
            try {
                Link link = connect(home);
                ready.countDown();
                go.await();
                long phase = ThreadLocalRandom.current().nextLong(SEND_INTERVAL_MS);
                long end = loadStart[0] + LOAD_BEFORE_CRASH_MS + LOAD_AFTER_CRASH_MS;
                for (int n = 0; n < 1000; n++) {
                    long next = loadStart[0] + phase + n * SEND_INTERVAL_MS;
                    if (next >= end) {
                        break;
                    }
                    link = awaitOrRecover(link, next);
                    String clientId = user + "-" + n;
                    synchronized (this) {
                        sent.add(clientId);
                        pending.put(clientId, "message " + n + " of " + user);
                    }
                    send(link, chat(clientId, "message " + n + " of " + user));
                }
                // the load is over: wait (bounded) for the acknowledgements still due
                long deadline = System.currentTimeMillis() + WAIT.toMillis();
                while (System.currentTimeMillis() < deadline) {
                    synchronized (this) {
                        if (pending.isEmpty()) {
                            break;
                        }
                    }
                    link = awaitOrRecover(link, System.currentTimeMillis() + 100);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Sleeps until the given time, or recovers at once when the connection dies meanwhile. */
        private Link awaitOrRecover(Link link, long until) throws Exception {
            long wait = Math.max(0, until - System.currentTimeMillis());
            try {
                link.closeCode.get(wait, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return link;
            }
            Link recovered = recover(link);
            long rest = Math.max(0, until - System.currentTimeMillis());
            Thread.sleep(rest);
            return recovered;
        }

        /** What a real client does when its socket dies: reconnect elsewhere, catch up, resend the unacknowledged. */
        private Link recover(Link dead) throws Exception {
            long started = System.nanoTime();
            Map<String, String> unacknowledged;
            String after;
            synchronized (this) {
                unacknowledged = new LinkedHashMap<>(pending);
                after = dead.newest != null ? dead.newest : baseline;
            }
            Link link = null;
            for (int attempt = 0; attempt < 20 && link == null; attempt++) {
                try {
                    link = connect(b);
                } catch (RuntimeException e) {
                    Thread.sleep(250);
                }
            }
            if (link == null) {
                throw new AssertionError(user + " could not reconnect to B");
            }
            for (int page = 0; page < 100; page++) {
                send(link, Json.createObjectBuilder().add("type", "history").add("room", ROOM).add("after", after)
                        .add("limit", 200).build().toString());
                JsonObject answer = historyPages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (answer == null) {
                    throw new AssertionError(user + ": no answer to history after " + after);
                }
                List<JsonObject> messages = answer.getJsonArray("messages").getValuesAs(JsonObject.class);
                synchronized (this) {
                    for (JsonObject m : messages) {
                        seen.add(m.getString("id"));
                        if (user.equals(m.getString("user")) && m.containsKey("clientId")) {
                            acknowledge(m.getString("clientId"), m.getString("id"));
                        }
                    }
                }
                if (!answer.getBoolean("hasMore") || messages.isEmpty()) {
                    break;
                }
                after = messages.get(messages.size() - 1).getString("id");
            }
            // everything that had no acknowledgement when the socket died, also what the catch-up showed stored:
            // the server must answer those with their first copy and store nothing twice
            for (Map.Entry<String, String> e : unacknowledged.entrySet()) {
                synchronized (this) {
                    resent.add(e.getKey());
                }
                send(link, chat(e.getKey(), e.getValue()));
            }
            recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return link;
        }

        private Link connect(PayaraInstance server) {
            Link link = new Link(server == a ? "A" : "B");
            link.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(server.webSocketUri("/chat?token=" + Users.mint(user)), new Receiver(link)).join();
            link.welcome.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
            synchronized (this) {
                links.add(link);
            }
            return link;
        }

        private void send(Link link, String json) {
            try {
                link.socket.sendText(json, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the socket died under the send: the message stays pending and is resent after the reconnect
            }
        }

        private synchronized void onFrame(Link link, JsonObject f) {
            switch (f.getString("type", "")) {
                case "welcome" -> link.welcome.complete(null);
                case "history" -> historyPages.add(f);
                case "error" -> errors.add(f);
                case "chat" -> {
                    String id = f.getString("id");
                    String clientId = user.equals(f.getString("user")) ? f.getString("clientId", null) : null;
                    if (clientId != null && resent.contains(clientId)) {
                        // the answer to a resend: the first stored copy, whose id may be older than what came live
                        // a copy may also come live: the other instance's bus can relay the dead one's publication late
                        if (resendAnswers.put(clientId, id) == null && seen.contains(id)) {
                            resendsAlreadyStored++;
                        }
                    } else {
                        link.live.add(id);
                        if (!seenLive.add(id)) {
                            liveDuplicates.add(id);
                        } else if (seen.contains(id)) {
                            // shown by the catch-up, then live on the new connection: the client keeps one copy by id
                            overlaps++;
                        }
                        link.newest = id;
                    }
                    seen.add(id);
                    if (clientId != null) {
                        acknowledge(clientId, id);
                    }
                }
                default -> {
                    // presence, typing: not this test's concern
                }
            }
        }

        private void acknowledge(String clientId, String id) {
            pending.remove(clientId);
            String before = acked.putIfAbsent(clientId, id);
            if (before != null && !before.equals(id)) {
                errors.add(Json.createObjectBuilder().add("type", "two ids for one clientId").add("clientId", clientId)
                        .add("first", before).add("second", id).build());
            }
        }

        synchronized boolean seenAll(Set<String> ids) {
            return seen.containsAll(ids);
        }

        void closeQuietly() {
            for (Link link : links) {
                link.socket.abort();
            }
        }

        private final class Receiver implements WebSocket.Listener {
            private final Link link;
            private final StringBuilder partial = new StringBuilder();

            Receiver(Link link) {
                this.link = link;
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    onFrame(link, Json.createReader(new StringReader(partial.toString())).readObject());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                link.closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                link.closeCode.complete(1006);
            }
        }
    }

    // ---- helpers

    private static String chat(String clientId, String content) {
        return Json.createObjectBuilder().add("type", "chat").add("room", ROOM).add("content", content)
                .add("clientId", clientId).build().toString();
    }

    /** The newest id in the room before the test, or "0-0" for an empty room. */
    private static String newestId() {
        JsonObject page = get(Users.unique("probe"), "/api/rooms/" + ROOM + "/messages?limit=1");
        List<JsonObject> messages = page.getJsonArray("messages").getValuesAs(JsonObject.class);
        return messages.isEmpty() ? "0-0" : messages.get(0).getString("id");
    }

    /** The room's history after an id, as the given user sees it (REST, paged until hasMore is false). */
    private static List<JsonObject> history(String viewer, String after) {
        List<JsonObject> all = new ArrayList<>();
        String cursor = after;
        for (int page = 0; page < 1000; page++) {
            JsonObject answer = get(viewer, "/api/rooms/" + ROOM + "/messages?limit=200&after="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            List<JsonObject> messages = answer.getJsonArray("messages").getValuesAs(JsonObject.class);
            all.addAll(messages);
            if (!answer.getBoolean("hasMore") || messages.isEmpty()) {
                break;
            }
            cursor = messages.get(messages.size() - 1).getString("id");
        }
        return all;
    }

    private static JsonObject get(String viewer, String path) {
        HttpResponse<String> r = Users.get(b, path, Users.mint(viewer));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static Set<String> ids(List<JsonObject> messages) {
        Set<String> ids = new HashSet<>();
        for (JsonValue m : messages) {
            ids.add(m.asJsonObject().getString("id"));
        }
        return ids;
    }

    private static Set<String> difference(Set<String> x, Set<String> y) {
        Set<String> d = new TreeSet<>(x);
        d.removeAll(y);
        return d;
    }

    /** Ids compare by their first number, then their second. */
    private static int compare(String x, String y) {
        String[] p = x.split("-");
        String[] q = y.split("-");
        int c = Long.compare(Long.parseLong(p[0]), Long.parseLong(q[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(p[1]), Long.parseLong(q[1]));
    }
}
