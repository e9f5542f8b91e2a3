package chat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.FreePorts;
import chat.testing.TestPaths;
import chat.testing.Users;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, black-box: {@code payara/run.sh} with HTTPS/WSS on, its own Redis on a free port,
 * the client page over HTTP, registration, login and a chat over WSS with the development certificate it
 * made, and Ctrl-C (SIGTERM) stopping Payara Micro and that Redis.
 */
class RunScriptIT {

    @Test
    void runShServesTheChatOverHttpAndWssAndStopsWhatItStarted() throws Exception {
        int http = FreePorts.next();
        int tls = FreePorts.next();
        int redis = FreePorts.next();
        Path data = Files.createDirectories(TestPaths.target().resolve("run-script-" + http));
        Path log = data.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "payara/run.sh").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("CHAT_SKIP_BUILD", "1");
        pb.environment().put("CHAT_PORT", String.valueOf(http));
        pb.environment().put("CHAT_TLS_PORT", String.valueOf(tls));
        pb.environment().put("CHAT_REDIS_PORT", String.valueOf(redis));
        pb.environment().put("CHAT_DATA_DIR", data.toString());
        pb.environment().put("CHAT_CDS", "0");
        pb.environment().put("CHAT_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");
        Process script = pb.start();
        try {
            awaitLine(log, "Chat is ready", Duration.ofSeconds(150), script);
            String output = Files.readString(log);
            assertTrue(output.contains("Redis: started its own on 127.0.0.1:" + redis), output);

            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().toLowerCase().contains("<html"), "the client page");

            HttpClient https = HttpClient.newBuilder().sslContext(trusting(data.resolve("tls/dev-keystore.p12"))).build();
            String base = "https://127.0.0.1:" + tls;
            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            String name = Users.unique("tls");
            String credentials = Users.credentials(name, "password-" + name);
            assertEquals(201, https.send(post(base + "/api/users", credentials), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> login = https.send(post(base + "/api/tokens", credentials), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode());
            String token = Users.json(login.body()).getString("token");
            try (ChatClient client = ChatClient.connect(URI.create("wss://127.0.0.1:" + tls + "/chat?token=" + token), null, https)) {
                assertEquals(name, client.awaitType("welcome").getString("user"));
                client.send("{\"type\":\"ping\"}");
                client.awaitType("pong");
            }
        } finally {
            script.destroy(); // SIGTERM, as Ctrl-C's trap handles it
            assertTrue(script.waitFor(60, TimeUnit.SECONDS), "run.sh did not stop");
        }
        assertTrue(closedSoon(http), "Payara Micro still listens on " + http);
        assertTrue(closedSoon(redis), "the Redis run.sh started still listens on " + redis);
    }

    private static HttpRequest post(String uri, String json) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Trusts exactly the certificate in run.sh's development keystore (self-signed, for 127.0.0.1). */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void awaitLine(Path log, String line, Duration limit, Process script) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!script.isAlive()) {
                throw new AssertionError("run.sh exited: " + Files.readString(log));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + line + "' within " + limit + ": " + Files.readString(log));
    }

    private static boolean closedSoon(int port) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(500);
            } catch (IOException refused) {
                return true;
            }
        }
        return false;
    }
}
