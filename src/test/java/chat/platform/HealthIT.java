package chat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.FreePorts;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthIT {

    private static final HttpClient HTTP = Users.HTTP;

    @Test
    void readyAndServingTheClientWhenRedisAnswers() throws Exception {
        PayaraInstance server = TestCluster.shared();
        HttpResponse<String> health = get(server, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"redis\""), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertEquals(200, get(server, "/health/ready").statusCode());
        HttpResponse<String> page = get(server, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), "index.html is served at /");
    }

    @Test
    void notReadyButAliveWhileRedisIsUnreachableAndReadyOnceItAnswers() throws Exception {
        LocalRedis redis = LocalRedis.startOwn();
        redis.stop();
        Map<String, String> env = TestCluster.env(redis);
        try (PayaraInstance server = PayaraInstance.start("no-redis", env)) {
            HttpResponse<String> health = get(server, "/health");
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"DOWN\""), health.body());
            assertEquals(503, get(server, "/health/ready").statusCode());
            assertEquals(200, get(server, "/health/live").statusCode());

            LocalRedis back = redis.restart();
            try {
                assertEquals(200, awaitStatus(server, "/health/ready", 200), "recovers without a restart");
            } finally {
                back.stop();
            }
        }
    }

    private static int awaitStatus(PayaraInstance server, String path, int wanted) throws Exception {
        int status = -1;
        for (int i = 0; i < 100 && status != wanted; i++) {
            status = get(server, path).statusCode();
            Thread.sleep(100);
        }
        return status;
    }

    static HttpResponse<String> get(PayaraInstance server, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
