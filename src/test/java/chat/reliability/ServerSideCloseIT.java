package chat.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A reproduction of a container race, not part of the suite: run it with {@code -Dchat.container-races=true}
 * (for example after a Payara upgrade). Connections the server closes (kicks here) while other clients connect
 * and leave: now and then Grizzly recycles the upgrade's request while it is still in use, a bystander's
 * handshake fails (HTTP 200 instead of 101, or no answer) and the log shows NullPointerExceptions in Grizzly's
 * HTTP code (Payara issue 5432 is of this kind). Measured 30 Nov 2026 on Payara Micro 6.2025.10: 28 such lines
 * in 1,600 kicks. Closing from the container's thread, or sending the close frame ourselves and letting the
 * client's answer end the connection, did not remove it (docs/operations.md).
 */
@EnabledIfSystemProperty(named = "chat.container-races", matches = "true")
class ServerSideCloseIT {

    private static PayaraInstance server;
    private static String adminToken;

    @BeforeAll
    static void start() {
        Map<String, String> env = TestCluster.env(LocalRedis.shared());
        env.put("CHAT_HANDSHAKES_PER_MINUTE", "100000");
        env.put("CHAT_MAX_CONNECTIONS_PER_ADDRESS", "10000");
        server = PayaraInstance.start("server-close", env);
        adminToken = Users.login(server, TestCluster.ADMIN, TestCluster.ADMIN_PASSWORD).getString("token");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void kick(String user) {
        int status = Users.send(HttpRequest.newBuilder(server.uri("/api/admin/users/" + user + "/sessions"))
                .header("Authorization", "Bearer " + adminToken).DELETE().build()).statusCode();
        assertEquals(204, status);
    }

    @Test
    void kicksWhileOthersConnectLeaveEveryHandshakeWorking() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> churnFailures = new ConcurrentLinkedQueue<>();
        List<Thread> churn = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread connecting = new Thread(() -> {
                while (!stop.get()) {
                    try (ChatClient c = ChatClient.connect(server, Users.mint(Users.unique("churn")))) {
                        c.awaitType("welcome");
                    } catch (RuntimeException e) {
                        churnFailures.add(String.valueOf(e.getCause() == null ? e : e.getCause()));
                    }
                }
            });
            connecting.start();
            churn.add(connecting);
        }
        try {
            for (int round = 0; round < 50; round++) {
                String bob = Users.unique("kicked");
                List<ChatClient> sessions = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ChatClient c = ChatClient.connect(server, Users.mint(bob));
                    c.awaitType("welcome");
                    sessions.add(c);
                }
                kick(bob);
                for (ChatClient c : sessions) {
                    assertEquals(4000, c.awaitClose());
                    c.close();
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : churn) {
                t.join();
            }
        }
        assertEquals(List.of(), List.copyOf(churnFailures), "handshakes of bystanders failed");
        String log = server.logText();
        assertFalse(log.contains("NullPointerException") || log.contains("GRIZZLY0013"), "see " + server.log());
    }
}
