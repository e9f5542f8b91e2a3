package chat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Operators' views: MicroProfile Metrics at /metrics and the OpenAPI document at /openapi. */
class MetricsAndOpenApiIT {

    private final PayaraInstance server = TestCluster.shared();

    private String get(String path) {
        HttpResponse<String> r = Users.send(HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/plain").GET().build());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    /** The value of the first sample of a metric, whatever the exporter's suffixes and tags. */
    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(_total|_count)?\\{[^}]*\\}\\s+([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), name + " in:\n" + metrics.lines().filter(l -> l.contains("chat_")).toList());
        return Double.parseDouble(m.group(2));
    }

    @Test
    void aShortChatShowsInTheMetrics() {
        double acceptedBefore = value(get("/metrics?scope=application"), "chat_messages_accepted");
        try (ChatClient a = ChatClient.connect(server, Users.mint(Users.unique("metered")));
             ChatClient b = ChatClient.connect(server, Users.mint(Users.unique("metered")))) {
            a.awaitType("welcome");
            b.awaitType("welcome");
            a.send("{\"type\":\"chat\",\"content\":\"counted\"}");
            b.await(f -> "counted".equals(f.getString("content", null)));
            a.send("{\"type\":\"chat\",\"content\":\"" + "x".repeat(4001) + "\"}");
            a.awaitType("error");
            String metrics = get("/metrics?scope=application");
            assertTrue(value(metrics, "chat_messages_accepted") >= acceptedBefore + 1);
            assertTrue(value(metrics, "chat_messages_delivered") >= 2);
            assertTrue(value(metrics, "chat_connections") >= 2);
            assertTrue(value(metrics, "chat_users_online") >= 2);
            assertTrue(value(metrics, "chat_fanout_latency_count") >= 1, "timer count");
            assertTrue(metrics.contains("code=\"TOO_LARGE\""), "rejections by reason");
            value(metrics, "chat_slow_consumers_closed");
            value(metrics, "chat_redis_errors");
        }
    }

    @Test
    void theRestApiIsDescribedAtOpenapi() {
        String openapi = get("/openapi");
        for (String path : new String[] {"/api/users", "/api/tokens", "/api/rooms/{room}/messages", "/api/presence",
                "/api/admin/sessions", "/api/admin/users/{user}/ban"}) {
            assertTrue(openapi.contains(path), path);
        }
        assertTrue(openapi.contains("Wrong username or password"), "with descriptions");
    }
}
