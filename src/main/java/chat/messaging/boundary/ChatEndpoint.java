package chat.messaging.boundary;

import chat.auth.entity.ChatPrincipal;
import chat.messaging.control.ChatSessions;
import chat.messaging.control.Connection;
import chat.messaging.control.FrameCodec;
import chat.messaging.control.FrameHandler;
import chat.messaging.entity.ErrorCode;
import chat.messaging.entity.FrameRejected;
import chat.messaging.entity.ServerFrame;
import chat.platform.control.ChatMetrics;
import chat.platform.control.StoreUnavailable;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint: one instance per connection, made by {@link ChatEndpointConfigurator}.
 * It only translates between the socket and the control layer: frames in, errors out.
 */
@ServerEndpoint(value = "/chat", configurator = ChatEndpointConfigurator.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    private static final CloseReason POLICY = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "unauthorized");

    private final ChatSessions sessions;
    private final FrameHandler handler;
    private final FrameCodec codec;
    private final ChatMetrics metrics;
    private final int maxFrame;

    private Connection connection;

    ChatEndpoint(EndpointServices services) {
        this.sessions = services.sessions();
        this.handler = services.handler();
        this.codec = services.codec();
        this.metrics = services.metrics();
        this.maxFrame = services.maxFrame();
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        Object principal = session.getUserProperties().get(ChatPrincipal.SESSION_KEY);
        if (!(principal instanceof ChatPrincipal p)) {
            closeQuietly(session, POLICY);
            return;
        }
        // larger text frames are closed by the container with 1009
        session.setMaxTextMessageBufferSize(maxFrame);
        session.setMaxBinaryMessageBufferSize(maxFrame);
        // no container idle timeout: with one, Tyrus schedules a task on the managed executor for every frame
        // sent or received (a context capture that scanned the class path: most of the CPU of a fan-out);
        // dead and stalled connections are found by our own pings instead (Heartbeats). The (now empty) task
        // it still schedules per frame received runs inline: TyrusIdleTimer
        session.setMaxIdleTimeout(0);
        connection = sessions.open(session, p, RemoteAddress.of(session));
    }

    @OnMessage
    public void text(String text, Session session) {
        if (connection == null) {
            return;
        }
        try {
            handler.handle(connection, codec.parse(text));
        } catch (FrameRejected e) {
            reject(e.code(), e.getMessage(), codec.clientIdOf(text));
        } catch (StoreUnavailable e) {
            reject(ErrorCode.UNAVAILABLE, "the store is unavailable, send again later", codec.clientIdOf(text));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "frame of " + connection.user() + " failed", e);
            reject(ErrorCode.BAD_REQUEST, "the frame could not be handled", codec.clientIdOf(text));
        }
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) {
        if (connection != null) {
            reject(ErrorCode.BAD_REQUEST, "frames are JSON text, not binary", null);
        }
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        if (connection != null) {
            connection.outbound().confirm(pong.getApplicationData());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (connection != null) {
            sessions.close(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        // a broken pipe or a peer gone away is normal life for a chat server: no stack trace per connection
        LOG.log(Level.FINE, "WebSocket error", error);
    }

    private void reject(ErrorCode code, String message, String clientId) {
        metrics.rejected(code.name());
        connection.send(codec.write(new ServerFrame.Error(code, message, clientId)));
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (Exception e) {
            // gone already
        }
    }
}
