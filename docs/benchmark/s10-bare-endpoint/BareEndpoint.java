package bare;

// docs/benchmark/s10-bare-endpoint/run.sh builds this into a WAR of its own; it is not part of the chat.

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** The least a WebSocket endpoint can be on Payara Micro: says welcome, keeps nothing of its own. */
@ServerEndpoint("/chat")
public class BareEndpoint {
    @OnOpen
    public void open(Session session) throws Exception {
        session.setMaxIdleTimeout(0);
        session.getBasicRemote().sendText("{\"type\":\"welcome\"}");
    }

    @OnMessage
    public void text(String text, Session session) {
    }
}
