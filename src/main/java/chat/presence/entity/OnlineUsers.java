package chat.presence.entity;

import java.util.List;

/** GET /api/presence: who is online anywhere in the cluster. */
public record OnlineUsers(List<String> online) {
}
