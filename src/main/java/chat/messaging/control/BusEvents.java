package chat.messaging.control;

/**
 * The events that travel between instances on the Redis bus. Each is one text: a header line of
 * tab-separated fields (kind first; names never contain tabs), a newline, then the frame that the
 * recipients get, composed once. Kinds: M message, P presence, T typing, J joined, L left,
 * A announcement, K close a user's connections.
 */
public record BusEvents(char kind, String[] fields, String frame) {

    public static final char MESSAGE = 'M';
    public static final char PRESENCE = 'P';
    public static final char TYPING = 'T';
    public static final char JOINED = 'J';
    public static final char LEFT = 'L';
    public static final char ANNOUNCEMENT = 'A';
    public static final char CLOSE = 'K';

    public static String messageHeader(String conversationKey, String sender, String clientId, long ts) {
        return header(MESSAGE, conversationKey, sender, clientId, String.valueOf(ts));
    }

    public static String event(char kind, String frame, String... fields) {
        return header(kind, fields) + '\n' + frame;
    }

    static String header(char kind, String... fields) {
        StringBuilder out = new StringBuilder().append(kind);
        for (String f : fields) {
            out.append('\t').append(f);
        }
        return out.toString();
    }

    public static BusEvents parse(String payload) {
        int newline = payload.indexOf('\n');
        String header = newline < 0 ? payload : payload.substring(0, newline);
        String frame = newline < 0 ? "" : payload.substring(newline + 1);
        String[] parts = header.split("\t", -1);
        String[] fields = new String[parts.length - 1];
        System.arraycopy(parts, 1, fields, 0, fields.length);
        return new BusEvents(parts[0].charAt(0), fields, frame);
    }

    public String field(int i) {
        return i < fields.length ? fields[i] : "";
    }
}
