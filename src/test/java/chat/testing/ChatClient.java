package chat.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (JDK java.net.http) that records every frame it receives, for tests.
 * {@link #pauseReading()} stops it from reading, like a stalled browser tab.
 */
public final class ChatClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile boolean paused;
    private WebSocket socket;

    private ChatClient() {
    }

    public static ChatClient connect(PayaraInstance server, String token) {
        return connect(server.webSocketUri("/chat?token=" + token), null);
    }

    public static ChatClient connect(URI uri, String origin) {
        return connect(uri, origin, HttpClient.newHttpClient());
    }

    /** Through the given client: for wss, one that trusts the server's certificate. */
    public static ChatClient connect(URI uri, String origin, HttpClient http) {
        ChatClient client = new ChatClient();
        client.socket = client.open(http, uri, origin).join();
        return client;
    }

    /** The HTTP status that refused the handshake, or -1 when it succeeded (and the client is closed again). */
    public static int handshakeStatus(URI uri, String origin) {
        ChatClient client = new ChatClient();
        try {
            client.socket = client.open(uri, origin).join();
            return -1;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private CompletableFuture<WebSocket> open(URI uri, String origin) {
        return open(HttpClient.newHttpClient(), uri, origin);
    }

    private CompletableFuture<WebSocket> open(HttpClient http, URI uri, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(uri, new Listener());
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            if (!paused) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.complete(1006);
        }
    }

    public ChatClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    public ChatClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next frame that matches, skipping (and keeping in {@link #seen()}) the others. */
    public JsonObject await(Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                JsonObject next = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("no matching frame within " + TIMEOUT + "; seen: " + seen);
                }
                seen.add(next);
                if (wanted.test(next)) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonObject awaitType(String type) {
        return await(f -> type.equals(f.getString("type", null)));
    }

    /** Asserts that no frame of this type arrives within the given time. */
    public void expectNo(String type, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                JsonObject next = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                seen.add(next);
                if (type.equals(next.getString("type", null))) {
                    throw new AssertionError("unexpected " + type + " frame: " + next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<JsonObject> seen() {
        return seen;
    }

    public int awaitClose() {
        try {
            return closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection was not closed within " + TIMEOUT, e);
        }
    }

    public int awaitClose(Duration within) {
        try {
            return closeCode.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection was not closed within " + within, e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Stops reading (and so answering pings): the server sees a stalled client. */
    public void pauseReading() {
        paused = true;
    }

    /** Reads again: everything buffered meanwhile (and a close, if one came) arrives. */
    public void resumeReading() {
        paused = false;
        socket.request(1);
    }

    public void dropWithoutClose() {
        socket.abort();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed() && !paused) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
                closeCode.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the server is gone or slow: drop the connection
            }
        }
        socket.abort();
    }
}
