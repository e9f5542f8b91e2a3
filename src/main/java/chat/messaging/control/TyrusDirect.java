package chat.messaging.control;

import chat.platform.control.ContainerInside;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Sends through Tyrus's own socket object, under the standard API. Every standard send
 * ({@code getBasicRemote().sendText}, async too) restarts the session's idle timer by scheduling a task
 * on Payara's managed executor; at tens of thousands of frames a second that task scheduling (and its
 * context capture) cost far more than the send, and its lock stalled the fan-out. Tyrus's
 * {@code TyrusWebSocket.sendRawFrame} writes frames encoded once for all recipients, and restarts no timer.
 * Where Tyrus is not there (another container) or its inside has changed, {@link #of} answers null and
 * the standard API is used.
 */
final class TyrusDirect {

    private static final ContainerInside<Handles> TYRUS = new ContainerInside<>(TyrusDirect::find,
            Logger.getLogger(TyrusDirect.class.getName()), "sending through the standard WebSocket API only");

    private final Object webSocket;
    private final MethodHandle sendRaw;

    private TyrusDirect(Object webSocket, MethodHandle sendRaw) {
        this.webSocket = webSocket;
        this.sendRaw = sendRaw;
    }

    /** Both handles, found together: the first connections of a start open concurrently. */
    private record Handles(MethodHandle webSocketOf, MethodHandle sendRaw) {
    }

    /** The direct path for this session, or null when only the standard API can be used. */
    static TyrusDirect of(Session session) {
        Object remote;
        try {
            remote = session.getBasicRemote();
        } catch (IllegalStateException closedAlready) {
            return null; // this connection's writes fail anyway; the next connection may take the direct path
        }
        return TYRUS.use(remote, found -> {
            Object webSocket = found.webSocketOf().invokeExact(remote);
            return webSocket == null ? null : new TyrusDirect(webSocket, found.sendRaw());
        });
    }

    private static Handles find(Class<?> remote) throws ReflectiveOperationException {
        Class<?> endpoint = Class.forName("org.glassfish.tyrus.core.TyrusRemoteEndpoint", false, remote.getClassLoader());
        Field field = endpoint.getDeclaredField("webSocket");
        field.setAccessible(true);
        Class<?> socket = field.getType();
        return new Handles(
                MethodHandles.lookup().unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class)),
                MethodHandles.publicLookup().findVirtual(socket, "sendRawFrame", MethodType.methodType(Future.class, ByteBuffer.class))
                        .asType(MethodType.methodType(Future.class, Object.class, ByteBuffer.class)));
    }

    /**
     * Writes encoded frames as they are; answers whether the write is done with the buffer. Tyrus queues the
     * buffer itself when the connection cannot take the write now: it must then stay unchanged.
     */
    boolean send(ByteBuffer frames) throws Throwable {
        Future<?> written = (Future<?>) sendRaw.invokeExact(webSocket, frames);
        return written.isDone();
    }
}
