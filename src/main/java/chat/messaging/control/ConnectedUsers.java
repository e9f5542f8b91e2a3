package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.platform.control.ChatMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry of this instance's open connections: by user (several devices each) and by room, so a
 * delivery touches only the connections it is for. The rest of the cluster is reached through the bus.
 */
@ApplicationScoped
public class ConnectedUsers {

    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RateLimit> rateLimits = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "chat.rate", defaultValue = "20")
    int rate;

    @Inject
    @ConfigProperty(name = "chat.rate-window-seconds", defaultValue = "10")
    int rateWindowSeconds;

    @Inject
    ChatMetrics metrics;

    @PostConstruct
    void registerGauges() {
        metrics.gauge("chat_connections", "Open WebSocket connections on this instance", all::size);
        metrics.gauge("chat_users_connected", "Users with at least one connection on this instance", byUser::size);
    }

    /** Adds a connection with the rooms its user is in. */
    public void add(Connection c, Collection<String> rooms) {
        byUser.compute(c.user(), (user, set) -> {
            Set<Connection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
            connections.add(c);
            return connections;
        });
        c.rateLimit(rateLimits.computeIfAbsent(c.user(),
                u -> new RateLimit(rate, TimeUnit.SECONDS.toNanos(rateWindowSeconds))));
        rooms.forEach(room -> addToRoom(c, room));
        all.add(c);
    }

    /** Removes a connection; false when it was not (or no longer) registered. */
    public boolean remove(Connection c) {
        if (!all.remove(c)) {
            return false;
        }
        c.rooms().forEach(room -> removeFromRoom(c, room));
        byUser.computeIfPresent(c.user(), (user, set) -> {
            set.remove(c);
            if (set.isEmpty()) {
                rateLimits.remove(user);
                return null;
            }
            return set;
        });
        return true;
    }

    /** The user joined a room (heard from the bus): every local connection of theirs now gets its messages. */
    public void joined(String user, String room) {
        forUser(user).forEach(c -> addToRoom(c, room));
    }

    public void left(String user, String room) {
        forUser(user).forEach(c -> removeFromRoom(c, room));
    }

    private void addToRoom(Connection c, String room) {
        if (Conversation.GENERAL.equals(room)) {
            return;
        }
        c.rooms().add(room);
        byRoom.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(c);
    }

    private void removeFromRoom(Connection c, String room) {
        c.rooms().remove(room);
        byRoom.computeIfPresent(room, (r, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
    }

    public Collection<Connection> forUser(String user) {
        Set<Connection> set = byUser.get(user);
        return set == null ? List.of() : set;
    }

    /** The local connections that get a room's messages: everyone for general. */
    public Collection<Connection> inRoom(String room) {
        if (Conversation.GENERAL.equals(room)) {
            return all;
        }
        Set<Connection> set = byRoom.get(room);
        return set == null ? List.of() : set;
    }

    public Collection<Connection> all() {
        return all;
    }

    public Set<String> users() {
        return byUser.keySet();
    }

    public int size() {
        return all.size();
    }
}
