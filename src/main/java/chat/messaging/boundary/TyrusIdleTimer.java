package chat.messaging.boundary;

import chat.platform.control.ContainerInside;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * Tyrus 2.1 restarts a session's idle timer when it creates the session, when the idle timeout is set, and for
 * every frame it receives ({@code TyrusSession.restartIdleTimeoutExecutor}), even with no idle timeout: each
 * time it schedules a task on the WebSocket container's {@code ScheduledExecutorService}, which in Payara is the
 * managed one. Its context capture runs a ServiceLoader lookup through the web application's class loader, a
 * scan of every jar of the WAR: per frame received, and twice per connect (13 % of the server's JFR execution
 * samples while connections were opening). Our sessions have no idle timeout ({@code setMaxIdleTimeout(0)}),
 * so that task has nothing to do. At start, this gives the container an executor that runs tasks due now at
 * once, without a context capture, and hands anything else to the container's executor unchanged; every
 * session takes it from the container. Where Tyrus's inside differs (another container or version), nothing is changed
 * and the log says so once.
 */
@WebListener
public class TyrusIdleTimer implements ServletContextListener {

    private static final ContainerInside<Field> EXECUTOR = new ContainerInside<>(TyrusIdleTimer::findExecutorField,
            Logger.getLogger(TyrusIdleTimer.class.getName()),
            "Tyrus schedules an idle-timer task per received frame on the container's executor");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer webSockets)) {
            return; // no WebSocket container in this web container: nothing schedules anything
        }
        // new sessions start without one too, so the timer task of a session's creation is due at once
        webSockets.setDefaultMaxSessionIdleTimeout(0);
        EXECUTOR.use(container, field -> {
            Object current = field.get(container);
            if (current instanceof ScheduledExecutorService managed && !(current instanceof ImmediateWhenDue)) {
                field.set(container, new ImmediateWhenDue(managed));
            }
            return null; // null: Tyrus found no managed executor and runs its own threads, which capture nothing
        });
    }

    private static Field findExecutorField(Class<?> type) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.glassfish.tyrus.core.BaseContainer")) {
                Field field = c.getDeclaredField("managedScheduledExecutorService");
                if (!ScheduledExecutorService.class.equals(field.getType())) {
                    throw new NoSuchFieldException("BaseContainer.managedScheduledExecutorService is a "
                            + field.getType());
                }
                field.setAccessible(true);
                return field;
            }
        }
        throw new NoSuchFieldException("the WebSocket container is a " + type.getName()
                + ", not a Tyrus BaseContainer");
    }
}
