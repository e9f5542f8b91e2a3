package chat.messaging.boundary;

import chat.messaging.control.ChatSessions;
import chat.messaging.control.FrameCodec;
import chat.messaging.control.FrameHandler;
import chat.platform.control.ChatMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What every {@link ChatEndpoint} works with, injected once for all of them (see {@link ChatEndpointConfigurator}). */
@ApplicationScoped
public class EndpointServices {

    @Inject
    ChatSessions sessions;

    @Inject
    FrameHandler handler;

    @Inject
    FrameCodec codec;

    @Inject
    ChatMetrics metrics;

    @Inject
    @ConfigProperty(name = "chat.max-frame", defaultValue = "65536")
    int maxFrame;

    public ChatSessions sessions() {
        return sessions;
    }

    public FrameHandler handler() {
        return handler;
    }

    public FrameCodec codec() {
        return codec;
    }

    public ChatMetrics metrics() {
        return metrics;
    }

    public int maxFrame() {
        return maxFrame;
    }
}
