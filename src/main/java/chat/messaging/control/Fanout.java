package chat.messaging.control;

import chat.messaging.entity.Conversation;
import chat.platform.control.BusMessage;
import chat.platform.control.ChatMetrics;
import chat.platform.control.PlatformClassLoader;
import chat.presence.control.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one delivery path: every event of the cluster (this instance's own included) arrives here from the
 * Redis subscription, in the order Redis published it, and is handed to the local connections it is for.
 * Frames arrive composed; each is shared by all its recipients, never serialized per recipient.
 */
@ApplicationScoped
public class Fanout {

    private static final Logger LOG = Logger.getLogger(Fanout.class.getName());

    @Inject
    ConnectedUsers connected;

    @Inject
    Presence presence;

    @Inject
    ChatMetrics metrics;

    void onBusMessage(@Observes BusMessage message) {
        if (message.resubscribed()) {
            return;
        }
        try {
            BusEvents event = BusEvents.parse(message.payload());
            PlatformClassLoader.run(() -> deliver(event));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "undeliverable bus event", e);
        }
    }

    private void deliver(BusEvents event) {
        switch (event.kind()) {
            case BusEvents.MESSAGE -> message(event);
            case BusEvents.PRESENCE -> presence(event);
            case BusEvents.TYPING -> typing(event);
            case BusEvents.JOINED -> {
                connected.joined(event.field(0), event.field(1));
                sendTo(connected.forUser(event.field(0)), event.frame());
            }
            case BusEvents.LEFT -> {
                connected.left(event.field(0), event.field(1));
                sendTo(connected.forUser(event.field(0)), event.frame());
            }
            case BusEvents.ANNOUNCEMENT -> sendTo(connected.all(), event.frame());
            case BusEvents.CLOSE -> {
                CloseReason reason = new CloseReason(() -> Integer.parseInt(event.field(1)), event.field(2));
                connected.forUser(event.field(0)).forEach(c -> c.outbound().close(reason));
            }
            default -> LOG.warning(() -> "unknown bus event kind " + event.kind());
        }
    }

    private void message(BusEvents event) {
        Conversation conversation = Conversation.ofKey(event.field(0));
        String sender = event.field(1);
        // the sender's own connections (a handful, often none here) get the copy with their clientId
        Collection<Connection> own = connected.forUser(sender);
        OutgoingFrame ownFrame = own.isEmpty() ? null
                : OutgoingFrame.of(MessageFrames.withClientId(event.frame(), event.field(2)));
        long frames = 0;
        if (conversation.isRoom()) {
            Collection<Connection> members = connected.inRoom(conversation.room());
            OutgoingFrame frame = members.isEmpty() ? null : OutgoingFrame.of(event.frame());
            for (Connection c : members) {
                // a set lookup by identity is cheaper than comparing every member's name
                c.send(ownFrame != null && own.contains(c) ? ownFrame : frame);
                frames++;
            }
        } else {
            frames += sendTo(own, ownFrame);
            if (!conversation.first().equals(conversation.second())) {
                frames += sendTo(connected.forUser(conversation.peerOf(sender)), event.frame());
            }
        }
        metrics.delivered(frames);
        metrics.fanoutLatency(Long.parseLong(event.field(3)));
    }

    private void presence(BusEvents event) {
        long online = Long.parseLong(event.field(1));
        if (online <= presence.fanoutMax()) {
            sendTo(connected.all(), event.frame());
            return;
        }
        OutgoingFrame frame = OutgoingFrame.of(event.frame());
        for (String contact : event.field(2).split(",")) {
            if (!contact.isEmpty()) {
                sendTo(connected.forUser(contact), frame);
            }
        }
    }

    private void typing(BusEvents event) {
        String scope = event.field(0);
        String sender = event.field(1);
        if (scope.startsWith("r:")) {
            OutgoingFrame frame = OutgoingFrame.of(event.frame());
            for (Connection c : connected.inRoom(scope.substring(2))) {
                if (!c.user().equals(sender)) {
                    c.send(frame);
                }
            }
        } else {
            sendTo(connected.forUser(scope.substring(2)), event.frame());
        }
    }

    /** Encodes the frame only when this instance has somebody to send it to. */
    private static int sendTo(Collection<Connection> connections, String text) {
        return connections.isEmpty() ? 0 : sendTo(connections, OutgoingFrame.of(text));
    }

    private static int sendTo(Collection<Connection> connections, OutgoingFrame frame) {
        for (Connection c : connections) {
            c.send(frame);
        }
        return connections.size();
    }
}
