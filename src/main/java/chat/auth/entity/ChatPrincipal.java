package chat.auth.entity;

import java.security.Principal;

/** Who a connection or request speaks for: taken from a verified token, never from what a client says. */
public record ChatPrincipal(String name, boolean admin) implements Principal {

    /** Key under which the handshake stores the principal in the WebSocket session's user properties. */
    public static final String SESSION_KEY = "chat.principal";

    @Override
    public String getName() {
        return name;
    }
}
