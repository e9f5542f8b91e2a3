package chat.client;

import chat.testing.PayaraInstance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second chat participant speaking the wire protocol from Java (java.net.http's WebSocket): it posts
 * the messages the browser must show, and records every frame it receives so a test can count them.
 */
final class ChatBot implements AutoCloseable {

    private final String user;
    private final WebSocket socket;
    private final List<JsonObject> frames;

    private ChatBot(String user, WebSocket socket, List<JsonObject> frames) {
        this.user = user;
        this.socket = socket;
        this.frames = frames;
    }

    static ChatBot connect(PayaraInstance server, String user, String token) {
        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(Accounts.json(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(server.webSocketUri("/chat?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), listener)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        ChatBot bot = new ChatBot(user, ws, frames);
        bot.await(f -> is(f, "welcome"), Duration.ofSeconds(20));
        return bot;
    }

    /** A bot for a user who needs no password: the token is minted with the test server's secret. */
    static ChatBot minted(PayaraInstance server, String user) {
        return connect(server, user, Accounts.mint(user));
    }

    String user() {
        return user;
    }

    void send(JsonObject frame) {
        socket.sendText(frame.toString(), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void join(String room) {
        send(Json.createObjectBuilder().add("type", "join").add("room", room).build());
        await(f -> is(f, "joined") && room.equals(f.getString("room", "")), Duration.ofSeconds(10));
    }

    /** Says something in a room and waits for the server's copy: stored, with its id. */
    JsonObject say(String room, String content) {
        String clientId = "bot-" + UUID.randomUUID();
        send(Json.createObjectBuilder().add("type", "chat").add("room", room).add("content", content)
                .add("clientId", clientId).build());
        return await(f -> is(f, "chat") && clientId.equals(f.getString("clientId", "")), Duration.ofSeconds(10));
    }

    JsonObject await(Predicate<JsonObject> wanted, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        do {
            for (JsonObject frame : frames) {
                if (wanted.test(frame)) {
                    return frame;
                }
            }
            sleep(20);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(user + " did not receive the expected frame within " + limit + "; got " + frames);
    }

    long count(Predicate<JsonObject> which) {
        return frames.stream().filter(which).count();
    }

    static boolean is(JsonObject frame, String type) {
        return type.equals(frame.getString("type", ""));
    }

    static Predicate<JsonObject> message(String room, String content) {
        return f -> is(f, "chat") && room.equals(f.getString("room", "")) && content.equals(f.getString("content", ""));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            // already closed
        } finally {
            socket.abort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
