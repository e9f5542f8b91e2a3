package chat.fullserver;

import chat.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The smoke chat that payara/full-server.sh runs against the WAR deployed on a full Payara Server:
 * health, the page, the domain's MicroProfile Config reaching the application, then two users who
 * register, log in and exchange a message over WebSocket. Stops at the first failure with a reason
 * (exit code 1), so the script can say what broke.
 *
 * <pre>
 * SmokeChat check       BASE_URL REDIS_URL KEY_PREFIX [--no-chat]   the smoke chat (--no-chat: health and config only)
 * SmokeChat delete-keys REDIS_URL KEY_PREFIX            removes this run's keys, nothing else
 * </pre>
 */
public final class SmokeChat {

    /** Only keys under a prefix of this shape are ever deleted: a developer's own chat data is never touched. */
    static final String PREFIX_START = "chat-fullserver-";

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "smoke-password-1";

    private final HttpClient http = PlainHttp.client(Duration.ofSeconds(5));
    private final URI base;

    private SmokeChat(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        try {
            if ((args.length == 4 || args.length == 5 && args[4].equals("--no-chat")) && args[0].equals("check")) {
                SmokeChat smoke = new SmokeChat(URI.create(args[1]));
                smoke.healthAndPage();
                configReachedTheApplication(URI.create(args[2]), args[3]);
                if (args.length == 4) {
                    smoke.adminFromConfiguration();
                    smoke.twoUsersChat();
                }
            } else if (args.length == 3 && args[0].equals("delete-keys")) {
                int deleted = deleteKeys(URI.create(args[1]), args[2]);
                System.out.println("deleted " + deleted + " Redis keys under " + args[2]);
            } else {
                throw new SmokeFailure("usage: SmokeChat check BASE_URL REDIS_URL KEY_PREFIX [--no-chat] | delete-keys REDIS_URL KEY_PREFIX");
            }
        } catch (SmokeFailure e) {
            System.err.println("SMOKE FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    void healthAndPage() throws Exception {
        HttpResponse<String> health = get("/health");
        expect(health.statusCode() == 200, "GET /health answered " + health.statusCode() + ": " + health.body());
        JsonObject status = json(health.body());
        expect("UP".equals(status.getString("status", "")), "/health is not UP: " + health.body());
        expect(health.body().contains("\"redis\""), "/health has no redis check: " + health.body());
        ok("GET /health is UP with the redis check: " + health.body());

        HttpResponse<String> page = get("/");
        expect(page.statusCode() == 200 && page.body().contains("<html"), "GET / answered " + page.statusCode());
        ok("GET / serves the client page");
    }

    /**
     * The application subscribes to its cluster channel under the configured key prefix on the configured
     * Redis: a subscriber there proves that chat.redis.url and chat.redis.key-prefix came from the domain.
     */
    static void configReachedTheApplication(URI redisUrl, String prefix) throws Exception {
        try (Jedis jedis = new Jedis(redisUrl)) {
            for (long end = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < end; Thread.sleep(200)) {
                List<String> channels = jedis.pubsubChannels(prefix + "*");
                if (!channels.isEmpty()) {
                    ok("the application listens on " + channels + " at " + redisUrl
                            + ": chat.redis.url and chat.redis.key-prefix came from the domain's config");
                    return;
                }
            }
        }
        throw new SmokeFailure("no subscriber on a channel under " + prefix + " at " + redisUrl
                + ": the domain's chat.redis.* properties did not reach the application");
    }

    /**
     * The account named in chat.admins logs in with chat.admin-password and gets an admin token:
     * both came from the domain. Names come from the environment, keeping the password out of `ps`.
     */
    void adminFromConfiguration() throws Exception {
        String admin = System.getenv("FULLSERVER_ADMIN");
        String password = System.getenv("FULLSERVER_ADMIN_PASSWORD");
        if (admin == null || password == null) {
            return;
        }
        String credentials = Json.createObjectBuilder().add("username", admin).add("password", password).build().toString();
        HttpResponse<String> login = post("/api/tokens", credentials);
        expect(login.statusCode() == 200, "the admin " + admin + " from chat.admins cannot log in with chat.admin-password: "
                + login.statusCode() + " " + login.body());
        String[] jwt = json(login.body()).getString("token").split("\\.");
        JsonObject claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        expect(claims.containsKey("groups") && claims.getJsonArray("groups").getValuesAs(JsonString.class).stream()
                .anyMatch(g -> g.getString().equals("admin")), "the admin's token has no admin group: " + claims);
        ok(admin + " (chat.admins) logs in with chat.admin-password and gets an admin token");
    }

    void twoUsersChat() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String alice = "smoke-a-" + suffix;
        String bob = "smoke-b-" + suffix;
        String aliceToken = registerAndLogIn(alice);
        String bobToken = registerAndLogIn(bob);
        ok("registered and logged in " + alice + " and " + bob + " over REST");

        Frames aliceFrames = new Frames();
        Frames bobFrames = new Frames();
        WebSocket aliceSocket = connect(aliceToken, aliceFrames);
        WebSocket bobSocket = connect(bobToken, bobFrames);
        try {
            aliceFrames.await(f -> "welcome".equals(f.getString("type", "")), "welcome for " + alice);
            bobFrames.await(f -> "welcome".equals(f.getString("type", "")), "welcome for " + bob);
            ok("both WebSockets open with a welcome frame");

            String content = "hello from the full server " + suffix;
            aliceSocket.sendText(Json.createObjectBuilder().add("type", "chat").add("room", "general")
                    .add("content", content).add("clientId", "s1").build().toString(), true).join();
            JsonObject received = bobFrames.await(f -> "chat".equals(f.getString("type", ""))
                    && content.equals(f.getString("content", "")), "the chat message at " + bob);
            expect(alice.equals(received.getString("user", "")), "the message names the wrong sender: " + received);
            ok(bob + " received " + received);
            JsonObject ack = aliceFrames.await(f -> "chat".equals(f.getString("type", ""))
                    && "s1".equals(f.getString("clientId", "")), "the sender's own copy (acknowledgement)");
            ok(alice + " got the acknowledgement with id " + ack.getString("id", "?"));
        } finally {
            aliceSocket.sendClose(WebSocket.NORMAL_CLOSURE, "smoke done");
            bobSocket.sendClose(WebSocket.NORMAL_CLOSURE, "smoke done");
        }
    }

    private String registerAndLogIn(String username) throws Exception {
        String credentials = Json.createObjectBuilder().add("username", username).add("password", PASSWORD).build().toString();
        HttpResponse<String> created = post("/api/users", credentials);
        expect(created.statusCode() == 201, "POST /api/users for " + username + " answered " + created.statusCode()
                + ": " + created.body());
        HttpResponse<String> login = post("/api/tokens", credentials);
        expect(login.statusCode() == 200, "POST /api/tokens for " + username + " answered " + login.statusCode()
                + ": " + login.body());
        return json(login.body()).getString("token");
    }

    private WebSocket connect(String token, Frames frames) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/chat?token=" + token);
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, frames)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int deleteKeys(URI redisUrl, String prefix) {
        if (!prefix.startsWith(PREFIX_START) || prefix.length() <= PREFIX_START.length()) {
            throw new SmokeFailure("refusing to delete keys under '" + prefix + "': not a prefix of the full-server script");
        }
        int deleted = 0;
        try (Jedis jedis = new Jedis(redisUrl)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams match = new ScanParams().match(prefix + "*").count(1000);
            do {
                ScanResult<String> page = jedis.scan(cursor, match);
                List<String> keys = new ArrayList<>(page.getResult());
                if (!keys.isEmpty()) {
                    deleted += (int) jedis.del(keys.toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!"0".equals(cursor));
        }
        return deleted;
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new SmokeFailure(failure);
        }
    }

    private static void ok(String what) {
        System.out.println("ok: " + what);
    }

    /** Collects the text frames of one connection, one JSON object each. */
    private static final class Frames implements WebSocket.Listener {

        private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(json(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
            List<JsonObject> seen = new ArrayList<>();
            for (long end = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < end; ) {
                JsonObject frame = frames.poll(200, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    if (wanted.test(frame)) {
                        return frame;
                    }
                    seen.add(frame);
                }
            }
            throw new SmokeFailure("no " + what + " within " + WAIT.toSeconds() + " s; frames seen: " + seen);
        }
    }

    private static final class SmokeFailure extends RuntimeException {
        SmokeFailure(String message) {
            super(message);
        }
    }
}
