package chat.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.PayaraInstance;
import chat.testing.RawWebSocket;
import chat.testing.TestCluster;
import chat.testing.Users;
import org.junit.jupiter.api.Test;

/** Handshakes and frames no client library would send are refused cleanly, and the server carries on. */
class MalformedInputIT {

    private final PayaraInstance server = TestCluster.shared();

    @Test
    void malformedHandshakesAreRefusedWithAClientError() throws Exception {
        String token = Users.mint(Users.unique("raw"));
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            String status = raw.request("GET /chat?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: bogus\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(status.isEmpty() || status.matches("HTTP/1.1 4\\d\\d.*"), "bad Upgrade: " + status);
        }
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            String status = raw.request("GET /chat?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(status.isEmpty() || status.matches("HTTP/1.1 4\\d\\d.*"), "missing key: " + status);
        }
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            String status = raw.upgrade("/chat?token=" + token + "&pad=" + "x".repeat(100_000));
            assertTrue(status.isEmpty() || status.matches("HTTP/1.1 4\\d\\d.*"), "huge query string: " + status);
        }
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            assertTrue(raw.upgrade("/chat?token=" + token).startsWith("HTTP/1.1 101"), "a proper one still works");
        }
    }

    @Test
    void invalidUtf8InATextFrameClosesThatConnectionWith1007Only() throws Exception {
        try (ChatClient bystander = ChatClient.connect(server, Users.mint(Users.unique("bystander")));
             RawWebSocket raw = RawWebSocket.connect(server.port())) {
            bystander.awaitType("welcome");
            assertTrue(raw.upgrade("/chat?token=" + Users.mint(Users.unique("raw"))).startsWith("HTTP/1.1 101"));
            raw.sendFrame(0x1, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            int code = raw.awaitCloseCode();
            assertTrue(code == 1007 || code == 1002, "invalid payload data: " + code);
            bystander.send("{\"type\":\"ping\"}");
            bystander.awaitType("pong");
        }
        assertFalse(server.logText().contains("CharacterCodingException"), "no stack trace in the log");
    }

    @Test
    void aBinaryFrameOfGarbageIsABadRequestAndTheConnectionLives() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            assertTrue(raw.upgrade("/chat?token=" + Users.mint(Users.unique("raw"))).startsWith("HTTP/1.1 101"));
            raw.sendFrame(0x2, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
            raw.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8});
            assertEquals(1000, raw.awaitCloseCode(), "the connection was still open and closes normally");
        }
    }
}
