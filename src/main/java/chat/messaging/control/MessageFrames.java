package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.messaging.entity.Message;
import java.util.List;

/**
 * The text of {@code chat}, {@code private} and {@code history} frames. A stored message's frame is
 * split around its id: the id is only known inside Redis, which joins head + id + tail when it publishes.
 */
public final class MessageFrames {

    private MessageFrames() {
    }

    /** The part before the id. */
    public static String head(Conversation conversation) {
        return conversation.isRoom() ? "{\"type\":\"chat\",\"id\":\"" : "{\"type\":\"private\",\"id\":\"";
    }

    /** The part after the id. */
    public static String tail(Conversation conversation, String user, String content, long ts) {
        StringBuilder out = new StringBuilder(content.length() + 96).append("\",");
        if (conversation.isRoom()) {
            out.append("\"room\":");
            JsonText.appendQuoted(out, conversation.room());
            out.append(",\"user\":");
            JsonText.appendQuoted(out, user);
        } else {
            out.append("\"user\":");
            JsonText.appendQuoted(out, user);
            out.append(",\"target\":");
            JsonText.appendQuoted(out, conversation.peerOf(user));
        }
        out.append(",\"content\":");
        JsonText.appendQuoted(out, content);
        return out.append(",\"ts\":").append(ts).append('}').toString();
    }

    /** The frame as the sender's own connections see it: with the sender's clientId. */
    public static String withClientId(String frame, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return frame;
        }
        StringBuilder out = new StringBuilder(frame.length() + clientId.length() + 16)
                .append(frame, 0, frame.length() - 1).append(",\"clientId\":");
        return JsonText.appendQuoted(out, clientId).append('}').toString();
    }

    /** A stored message as {@code viewer} sees it (the clientId only on the viewer's own messages). */
    public static String of(Message m, String viewer) {
        String frame = head(m.conversation()) + m.id() + tail(m.conversation(), m.user(), m.content(), m.ts());
        return m.user().equals(viewer) ? withClientId(frame, m.clientId()) : frame;
    }

    /** {@code {"type":"history","room"|"with":…,"messages":[…],"hasMore":…}} for {@code viewer}. */
    public static String history(Conversation conversation, String viewer, List<Message> messages, boolean hasMore) {
        StringBuilder out = new StringBuilder(256 + messages.size() * 160).append("{\"type\":\"history\",");
        if (conversation.isRoom()) {
            out.append("\"room\":");
            JsonText.appendQuoted(out, conversation.room());
        } else {
            out.append("\"with\":");
            JsonText.appendQuoted(out, conversation.peerOf(viewer));
        }
        out.append(",\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(of(messages.get(i), viewer));
        }
        return out.append("],\"hasMore\":").append(hasMore).append('}').toString();
    }
}
