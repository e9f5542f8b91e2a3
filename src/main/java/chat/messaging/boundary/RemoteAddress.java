package chat.messaging.boundary;

import jakarta.websocket.Session;

/** The peer address of a WebSocket session: Tyrus knows it, the standard API does not expose it. */
final class RemoteAddress {

    private RemoteAddress() {
    }

    static String of(Session session) {
        try {
            Object address = session.getClass().getMethod("getRemoteAddr").invoke(session);
            return address == null ? "" : address.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }
}
