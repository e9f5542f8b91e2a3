package chat.messaging.control;

import chat.auth.entity.ChatPrincipal;
import jakarta.websocket.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open WebSocket of a user: who it speaks for (from the token), where it came from, the rooms the
 * user is in (as this instance last heard), and its outgoing backlog.
 */
public final class Connection {

    private final Session session;
    private final ChatPrincipal principal;
    private final String user;
    private final String remote;
    private final long since = System.currentTimeMillis();
    private final Outbound outbound;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile RateLimit rateLimit;

    public Connection(Session session, ChatPrincipal principal, String remote, long maxBacklog, SocketWriters.Lane lane,
            Runnable onTooSlow) {
        this.session = session;
        this.principal = principal;
        this.user = principal.name();
        this.remote = remote;
        this.outbound = new Outbound(session, principal.name(), maxBacklog, lane, onTooSlow);
    }

    public String user() {
        return user;
    }

    public ChatPrincipal principal() {
        return principal;
    }

    public String id() {
        return session.getId();
    }

    public String remote() {
        return remote;
    }

    public long since() {
        return since;
    }

    public Outbound outbound() {
        return outbound;
    }

    public void send(String frame) {
        outbound.send(OutgoingFrame.of(frame));
    }

    /** Sends a frame encoded once for many recipients. */
    public void send(OutgoingFrame frame) {
        outbound.send(frame);
    }

    public Set<String> rooms() {
        return rooms;
    }

    public boolean isMember(String room) {
        return chat.messaging.entity.Conversation.GENERAL.equals(room) || rooms.contains(room);
    }

    RateLimit rateLimit() {
        return rateLimit;
    }

    void rateLimit(RateLimit limit) {
        this.rateLimit = limit;
    }
}
