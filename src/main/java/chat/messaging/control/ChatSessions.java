package chat.messaging.control;

import chat.auth.control.HandshakeThrottle;
import chat.auth.entity.ChatPrincipal;
import chat.messaging.entity.ServerFrame;
import chat.messaging.entity.SessionInfo;
import chat.platform.control.ChatMetrics;
import chat.platform.control.ClusterNode;
import chat.platform.control.StoreUnavailable;
import chat.presence.control.Presence;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opening and closing connections: registry, presence and the welcome frame on open; the reverse on
 * close; and on shutdown every session is closed with 1001 so clients reconnect elsewhere and catch up.
 */
@ApplicationScoped
public class ChatSessions {

    private static final Logger LOG = Logger.getLogger(ChatSessions.class.getName());
    public static final CloseReason GOING_AWAY = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
    static final CloseReason TRY_LATER = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "store unavailable");

    @Inject
    ConnectedUsers connected;

    @Inject
    Memberships memberships;

    @Inject
    ReadMarkers readMarkers;

    @Inject
    Presence presence;

    @Inject
    FrameCodec codec;

    @Inject
    ClusterNode node;

    @Inject
    HandshakeThrottle throttle;

    @Inject
    ChatMetrics metrics;

    @Inject
    SocketWriters writers;

    @Inject
    @ConfigProperty(name = "chat.outbound.max-bytes", defaultValue = "1048576")
    long maxBacklog;

    /** Above this the container's own buffers (about 10 MB) could fill first and block the sending thread. */
    static final long BACKLOG_CEILING = 4L << 20;

    @PostConstruct
    void checkBacklogLimit() {
        if (maxBacklog > BACKLOG_CEILING) {
            LOG.warning(() -> "chat.outbound.max-bytes " + maxBacklog + " is above " + BACKLOG_CEILING + "; using that");
            maxBacklog = BACKLOG_CEILING;
        }
    }

    /** Registers a new connection and sends its welcome; null when the store is down (closed 1013). */
    public Connection open(Session session, ChatPrincipal principal, String remote) {
        Connection c = new Connection(session, principal, remote, maxBacklog, writers.nextLane(), metrics::slowConsumerClosed);
        String user = principal.name();
        try {
            Memberships.Conversations conversations = memberships.onConnect(user);
            List<String> rooms = conversations.rooms();
            List<String> peers = conversations.peers();
            // registered before presence and the welcome's data are read, so nothing published meanwhile is
            // missed; it is held back until the welcome has gone out
            connected.add(c, rooms);
            throttle.opened(remote);
            presence.connected(user, c.id(), sessionInfo(c));
            Map<String, Long> unread = readMarkers.unread(user, rooms, peers);
            Presence.OnlineView view = presence.viewFor(user);
            c.outbound().open(OutgoingFrame.of(codec.write(new ServerFrame.Welcome(user, view.online(), rooms, peers, unread, view.onlineCount()))));
            LOG.info(() -> "connected: " + user + " from " + remote + " (" + connected.forUser(user).size()
                    + " connection(s) here)");
            return c;
        } catch (StoreUnavailable e) {
            LOG.warning(() -> "connection of " + user + " refused: store unavailable");
            close(c);
            c.outbound().close(TRY_LATER);
            return null;
        }
    }

    public void close(Connection c) {
        if (!connected.remove(c)) {
            return;
        }
        throttle.closed(c.remote());
        try {
            presence.disconnected(c.user(), c.id());
        } catch (StoreUnavailable e) {
            // the instance's counts are corrected when the store is back and its users reconnect
        }
        LOG.info(() -> "disconnected: " + c.user());
    }

    /**
     * Counts every local connection into presence again (after this instance was reaped as crashed). A session
     * counts once however often it is announced; one that closed meanwhile is taken out again.
     */
    public void recount() {
        for (Connection c : List.copyOf(connected.all())) {
            presence.connected(c.user(), c.id(), sessionInfo(c));
            if (!connected.all().contains(c)) {
                presence.disconnected(c.user(), c.id());
            }
        }
    }

    /** Facts an admin sees about a session: {"user","instance","since","remote"}. */
    private String sessionInfo(Connection c) {
        return codec.json(new SessionInfo(c.user(), node.id(), c.since(), c.remote()));
    }

    void onShutdown(@Observes @BeforeDestroyed(jakarta.enterprise.context.ApplicationScoped.class) Object event) {
        int open = connected.size();
        for (Connection c : List.copyOf(connected.all())) {
            c.outbound().close(GOING_AWAY);
            close(c);
        }
        try {
            presence.leaveCluster();
        } catch (RuntimeException e) {
            // a stopped store has nothing to clean
        }
        LOG.info(() -> "shutting down: closed " + open + " connection(s) with 1001");
    }
}
