package chat.auth.boundary;

import chat.auth.control.InvalidToken;
import chat.auth.control.Tokens;
import chat.auth.entity.ChatPrincipal;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Puts the principal of the handshake's token into the session's user properties; the endpoint trusts
 * nothing else. {@link HandshakeFilter} has already refused bad tokens, bans and foreign origins; if a
 * handshake reaches here without a valid token anyway, no principal is stored and the endpoint closes
 * the session with 1008 before any frame.
 * It leaves the endpoint's instantiation alone: the endpoint's own configurator extends this one for that.
 * One instance serves every handshake: it keeps no state about any of them, only the token verifier, looked up
 * once ({@code CDI.current()} walks the caller's stack to find its module: 3 % of the server's CPU while
 * connections opened, when it ran per handshake).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private volatile Tokens tokens;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        List<String> token = request.getParameterMap().get("token");
        config.getUserProperties().remove(ChatPrincipal.SESSION_KEY);
        if (token == null || token.size() != 1) {
            return;
        }
        try {
            ChatPrincipal principal = tokens().verify(token.get(0));
            config.getUserProperties().put(ChatPrincipal.SESSION_KEY, principal);
        } catch (InvalidToken e) {
            // left without a principal: the endpoint closes with 1008
        }
    }

    private Tokens tokens() {
        Tokens found = tokens;
        if (found == null) {
            // two first handshakes at once both look it up: the same bean, so either may win
            found = CDI.current().select(Tokens.class).get();
            tokens = found;
        }
        return found;
    }
}
