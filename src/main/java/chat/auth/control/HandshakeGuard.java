package chat.auth.control;

import chat.auth.entity.Admission;
import chat.auth.entity.ChatPrincipal;
import chat.platform.control.StoreUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Decides whether a WebSocket handshake may become a session: address limits, origin, token, ban, in that order. */
@ApplicationScoped
public class HandshakeGuard {

    private static final Logger LOG = Logger.getLogger(HandshakeGuard.class.getName());

    @Inject
    Tokens tokens;

    @Inject
    Accounts accounts;

    @Inject
    OriginPolicy origins;

    @Inject
    HandshakeThrottle throttle;

    public Admission check(String token, String origin, String host, boolean secure, String forwardedProto,
            String forwardedHost, String remote) {
        if (!throttle.admit(remote)) {
            LOG.info(() -> "handshake refused from " + remote + ": too many connections from this address");
            return Admission.refuse(429, "RATE_LIMITED", "too many connections from this address");
        }
        if (!origins.permits(origin, host, secure, forwardedProto, forwardedHost)) {
            LOG.info(() -> "handshake refused from " + remote + ": cross-site origin " + origin);
            return Admission.refuse(403, "FORBIDDEN_ORIGIN", "cross-site origin");
        }
        ChatPrincipal principal;
        try {
            principal = tokens.verify(token);
        } catch (InvalidToken e) {
            LOG.info(() -> "handshake refused from " + remote + ": " + e.getMessage());
            return Admission.refuse(401, "UNAUTHORIZED", e.getMessage());
        }
        try {
            if (!accounts.ensureUnlessBanned(principal.name())) {
                LOG.info(() -> "handshake refused for banned user " + principal.name() + " from " + remote);
                return Admission.refuse(403, "BANNED", "banned");
            }
        } catch (StoreUnavailable e) {
            return Admission.refuse(503, "UNAVAILABLE", "the store is unavailable");
        }
        return Admission.admit(principal);
    }
}
