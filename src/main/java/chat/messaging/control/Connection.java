package chat.messaging.control;

import chat.auth.entity.ChatPrincipal;
import jakarta.websocket.Session;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open WebSocket of a user: who it speaks for (from the token), where it came from, the rooms the
 * user is in (as this instance last heard), its outgoing backlog, and the stores of its messages that
 * Redis has not answered yet.
 */
public final class Connection {

    /** Enough to keep a busy sender's messages flowing; a connection with more waits, so it cannot queue without bound. */
    static final int MAX_STORES_IN_FLIGHT = 32;

    private final Session session;
    private final ChatPrincipal principal;
    private final String user;
    private final String remote;
    private final long since = System.currentTimeMillis();
    private final Outbound outbound;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile RateLimit rateLimit;
    private final AtomicInteger storesInFlight = new AtomicInteger();
    /** The newest store started; stores are answered in the order they were sent (one pipeline), so it ends last. */
    private volatile CompletableFuture<Void> newestStore = CompletableFuture.completedFuture(null);

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

    /** Keeps count of a store this connection's frame started, until Redis answered it. */
    public void storing(CompletionStage<Void> store) {
        CompletableFuture<Void> future = store.toCompletableFuture();
        storesInFlight.incrementAndGet();
        newestStore = future;
        future.whenComplete((ok, failure) -> storesInFlight.decrementAndGet());
    }

    /**
     * Before a frame that is handled at once (history, read, join...): waits until every store this connection
     * started was answered, so frames of one connection are handled in the order they were sent.
     */
    public void awaitStores() {
        if (storesInFlight.get() > 0) {
            awaitQuietly(newestStore);
        }
    }

    /** Before another store: a connection with {@link #MAX_STORES_IN_FLIGHT} unanswered waits for them. */
    public void awaitRoomForStore() {
        if (storesInFlight.get() >= MAX_STORES_IN_FLIGHT) {
            awaitQuietly(newestStore);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> store) {
        try {
            store.join();
        } catch (CompletionException | CancellationException e) {
            // its failure was answered to the client already; waiting was all this needed
        }
    }
}
