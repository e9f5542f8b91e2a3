package chat.messaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.messaging.entity.Conversation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class MessageFramesTest {

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void aRoomFrameIsValidJsonWithEveryCharacterKept() {
        String content = "quote \" backslash \\ newline \n tab \t nul \u0000 sep \u2028 emoji 😀 中文";
        Conversation room = Conversation.room("dev");
        String frame = MessageFrames.head(room) + "1-0" + MessageFrames.tail(room, "alice", content, 42);
        JsonObject o = parse(frame);
        assertEquals("chat", o.getString("type"));
        assertEquals("1-0", o.getString("id"));
        assertEquals(content, o.getString("content"));
        assertEquals(42, o.getInt("ts"));
        assertEquals("c\"1", parse(MessageFrames.withClientId(frame, "c\"1")).getString("clientId"));
    }

    @Test
    void aDirectFrameNamesTheOtherPartyAsTarget() {
        Conversation dm = Conversation.direct("zoe", "adam");
        assertEquals("d:adam:zoe", dm.key());
        JsonObject o = parse(MessageFrames.head(dm) + "2-1" + MessageFrames.tail(dm, "zoe", "hi", 1));
        assertEquals("private", o.getString("type"));
        assertEquals("adam", o.getString("target"));
        assertEquals("@zoe", dm.unreadKey("adam"));
        assertEquals(dm, Conversation.ofKey(dm.key()));
    }
}
