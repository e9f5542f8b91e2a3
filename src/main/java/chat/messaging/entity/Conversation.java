package chat.messaging.entity;

import java.util.regex.Pattern;

/**
 * A message log: a room, or the direct conversation of two users (keyed by the sorted pair, so both
 * see one history). {@code key} names it in Redis and on the bus: {@code r:<room>} or {@code d:<a>:<b>}.
 */
public record Conversation(String room, String first, String second) {

    public static final String GENERAL = "general";
    private static final Pattern ROOM = Pattern.compile("[a-z0-9_-]{1,32}");

    public static boolean isValidRoom(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    public static Conversation room(String room) {
        return new Conversation(room, null, null);
    }

    public static Conversation direct(String a, String b) {
        return a.compareTo(b) <= 0 ? new Conversation(null, a, b) : new Conversation(null, b, a);
    }

    /** Parses a key made by {@link #key()}. */
    public static Conversation ofKey(String key) {
        if (key.startsWith("r:")) {
            return room(key.substring(2));
        }
        int split = key.indexOf(':', 2);
        return new Conversation(null, key.substring(2, split), key.substring(split + 1));
    }

    public boolean isRoom() {
        return room != null;
    }

    public String key() {
        return isRoom() ? "r:" + room : "d:" + first + ":" + second;
    }

    /** The other party of a direct conversation, seen from {@code user}. */
    public String peerOf(String user) {
        return first.equals(user) ? second : first;
    }

    /** How the welcome frame's unread map names it for {@code user}: the room, or {@code @peer}. */
    public String unreadKey(String user) {
        return isRoom() ? room : "@" + peerOf(user);
    }
}
