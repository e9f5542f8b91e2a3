package chat.messaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.messaging.entity.ClientFrame;
import chat.messaging.entity.ErrorCode;
import chat.messaging.entity.FrameRejected;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void framesBecomeTheirRecords() {
        ClientFrame.Chat chat = assertInstanceOf(ClientFrame.Chat.class,
                codec.parse("{\"type\":\"chat\",\"content\":\"hi\",\"room\":\"dev\",\"clientId\":\"c1\",\"extra\":1}"));
        assertEquals(new ClientFrame.Chat("dev", "hi", "c1"), chat);
        assertInstanceOf(ClientFrame.Private.class, codec.parse("{\"type\":\"private\",\"target\":\"bob\",\"content\":\"x\"}"));
        assertEquals(Integer.valueOf(5), ((ClientFrame.History) codec.parse("{\"type\":\"history\",\"room\":\"a\",\"limit\":5}")).limit());
        assertEquals(new ClientFrame.Private("bob", "x", null), codec.parse("{\"type\":\"private\",\"target\":\"bob\",\"content\":\"x\"}"));
        assertEquals(new ClientFrame.History(null, "bob", "1-0", "0-1", null),
                codec.parse("{\"type\":\"history\",\"with\":\"bob\",\"before\":\"1-0\",\"after\":\"0-1\"}"));
        assertEquals(new ClientFrame.Join("dev"), codec.parse("{\"type\":\"join\",\"room\":\"dev\"}"));
        assertEquals(new ClientFrame.Leave("dev"), codec.parse("{\"type\":\"leave\",\"room\":\"dev\"}"));
        assertEquals(new ClientFrame.Typing(null, "bob"), codec.parse("{\"type\":\"typing\",\"target\":\"bob\"}"));
        assertEquals(new ClientFrame.Read("general", null, "5-0"), codec.parse("{\"type\":\"read\",\"room\":\"general\",\"id\":\"5-0\"}"));
        assertEquals(new ClientFrame.Ping(), codec.parse(" {\"type\":\"ping\"}"));
        assertEquals(new ClientFrame.Register(), codec.parse("{\"type\":\"register\",\"user\":\"mallory\"}"));
        assertEquals(new ClientFrame.Chat(null, "hi", null), codec.parse("{\"type\":\"chat\",\"content\":\"hi\",\"room\":null}"));
    }

    @Test
    void badFramesAreRejectedAsBadRequest() {
        for (String bad : new String[] {"", "nope", "[]", "{\"type\":\"what\"}", "{\"type\":\"chat\",\"room\":7}",
                "{\"type\":\"history\",\"limit\":1.5}",
                "{\"type\":\"history\",\"limit\":12345678901}", "{\"type\":\"history\",\"limit\":" + "9".repeat(1200) + "}",
                "{\"type\":\"history\",\"limit\":1" + "0".repeat(1200) + "e-1200}", "{\"type\":null}", "{\"type\":1}", "{\"content\":\"x\"}",
                "{\"type\":\"chat\"} trailing", "{\"type\":\"chat\",", "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}"}) {
            FrameRejected e = assertThrows(FrameRejected.class, () -> codec.parse(bad), bad);
            assertEquals(ErrorCode.BAD_REQUEST, e.code());
        }
    }

    @Test
    void onlyFramesWithManyBracketsNeedTheDepthScan() {
        assertFalse(FrameCodec.opensMoreThan("{\"type\":\"chat\",\"content\":\"[x]\"}", 2));
        assertTrue(FrameCodec.opensMoreThan("{\"a\":[{\"b\":[]}]}", 3));
        assertFalse(FrameCodec.opensMoreThan("{\"a\":[{\"b\":[]}]}", 4));
    }

    @Test
    void depthIgnoresBracketsInsideStrings() {
        assertEquals(1, FrameCodec.depth("{\"content\":\"[[[[{{{{\\\"]]\"}"));
        assertEquals(3, FrameCodec.depth("{\"a\":[{\"b\":1}]}"));
    }

    @Test
    void clientIdIsFoundEvenInFramesThatFailLater() {
        assertEquals("c9", codec.clientIdOf("{\"type\":\"nope\",\"clientId\":\"c9\"}"));
        assertEquals(null, codec.clientIdOf("not json"));
    }
}
