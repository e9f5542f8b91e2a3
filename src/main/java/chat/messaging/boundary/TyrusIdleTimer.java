package chat.messaging.boundary;

import chat.platform.control.ContainerInside;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * Tyrus 2.1 restarts a session's idle timer for every frame it receives, before the application sees the
 * frame ({@code TyrusEndpointWrapper.onMessage} → {@code TyrusSession.restartIdleTimeoutExecutor}): it
 * schedules a task on the session's {@code ScheduledExecutorService}, which in Payara is the managed one,
 * whose context capture runs a ServiceLoader lookup through the web application's class loader (a scan of
 * every jar of the WAR) per frame received. Our sessions have no idle timeout ({@code setMaxIdleTimeout(0)}),
 * so that task has nothing to do. This gives the session an executor that runs such zero-delay tasks at
 * once, without a context capture, and hands anything else to the container's executor unchanged.
 * Where Tyrus's inside differs (another container or version), nothing is changed and the log says so once.
 */
final class TyrusIdleTimer {

    private static final ContainerInside<Field> SERVICE = new ContainerInside<>(TyrusIdleTimer::findServiceField,
            Logger.getLogger(TyrusIdleTimer.class.getName()),
            "Tyrus schedules an idle-timer task per received frame on the container's executor");

    private TyrusIdleTimer() {
    }

    static void bypassContainerExecutor(Session session) {
        SERVICE.use(session, field -> {
            Object current = field.get(session);
            if (current instanceof ScheduledExecutorService container && !(current instanceof ImmediateWhenDue)) {
                field.set(session, new ImmediateWhenDue(container));
            }
            return null;
        });
    }

    private static Field findServiceField(Class<?> type) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.glassfish.tyrus.core.TyrusSession")) {
                Field field = c.getDeclaredField("service");
                if (!ScheduledExecutorService.class.equals(field.getType())) {
                    throw new NoSuchFieldException("TyrusSession.service is a " + field.getType());
                }
                field.setAccessible(true);
                return field;
            }
        }
        throw new NoSuchFieldException("the session is a " + type.getName() + ", not a TyrusSession");
    }
}
