package chat.messaging.entity;

import java.util.List;
import java.util.Map;

/**
 * Frames the server sends directly to one connection. Room and direct messages are not here: their text
 * is composed once per message by {@code MessageFrames} and shared by every recipient.
 */
public interface ServerFrame {

    /** {@code directs} (an extension of the contract) lists the user's direct conversations. */
    record Welcome(String type, String user, List<String> online, List<String> rooms, List<String> directs,
            Map<String, Long> unread, Integer onlineCount, long ts) implements ServerFrame {
        public Welcome(String user, List<String> online, List<String> rooms, List<String> directs,
                Map<String, Long> unread, Integer onlineCount) {
            this("welcome", user, online, rooms, directs, unread, onlineCount, System.currentTimeMillis());
        }
    }

    record Joined(String type, String room) implements ServerFrame {
        public static Joined joined(String room) {
            return new Joined("joined", room);
        }

        public static Joined left(String room) {
            return new Joined("left", room);
        }
    }

    record Pong(String type) implements ServerFrame {
        public Pong() {
            this("pong");
        }
    }

    record Presence(String type, String user, String status) implements ServerFrame {
        public Presence(String user, boolean online) {
            this("presence", user, online ? "online" : "offline");
        }
    }

    record Typing(String type, String user, String room, String target) implements ServerFrame {
        public Typing(String user, String room, String target) {
            this("typing", user, room, target);
        }
    }

    record Announcement(String type, String content, long ts) implements ServerFrame {
        public Announcement(String content) {
            this("announcement", content, System.currentTimeMillis());
        }
    }

    record Error(String type, String code, String message, String clientId) implements ServerFrame {
        public Error(ErrorCode code, String message, String clientId) {
            this("error", code.name(), message, clientId);
        }
    }
}
