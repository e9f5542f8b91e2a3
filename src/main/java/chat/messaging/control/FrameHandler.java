package chat.messaging.control;

import chat.auth.entity.Username;
import chat.messaging.entity.ClientFrame;
import chat.messaging.entity.Conversation;
import chat.messaging.entity.ErrorCode;
import chat.messaging.entity.FrameRejected;
import chat.messaging.entity.Message;
import chat.messaging.entity.MessageId;
import chat.messaging.entity.ServerFrame;
import chat.platform.control.ChatMetrics;
import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Acts on one client frame of one connection. Identity is the connection's principal, never a field of
 * the frame. Whatever a frame does wrong ends in a {@link FrameRejected} that the endpoint answers with
 * an {@code error} frame; the connection stays open.
 */
@ApplicationScoped
public class FrameHandler {

    static final int MAX_CLIENT_ID = 64;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    @Inject
    MessageStore store;

    @Inject
    Memberships memberships;

    @Inject
    ReadMarkers readMarkers;

    @Inject
    FrameCodec codec;

    @Inject
    Redis redis;

    @Inject
    ConnectedUsers connected;

    @Inject
    ChatMetrics metrics;

    @Inject
    @ConfigProperty(name = "chat.max-content", defaultValue = "4000")
    int maxContent;

    public void handle(Connection c, ClientFrame frame) {
        if (frame instanceof ClientFrame.Chat chat) {
            say(c, chat);
        } else if (frame instanceof ClientFrame.Private dm) {
            sayPrivately(c, dm);
        } else if (frame instanceof ClientFrame.History history) {
            history(c, history);
        } else if (frame instanceof ClientFrame.Join join) {
            String room = room(join.room(), false);
            memberships.join(c.user(), room);
            // this instance knows at once; the bus event tells the others (and sends "joined")
            connected.joined(c.user(), room);
        } else if (frame instanceof ClientFrame.Leave leave) {
            String room = room(leave.room(), false);
            if (Conversation.GENERAL.equals(room)) {
                throw new FrameRejected(ErrorCode.BAD_REQUEST, "everyone stays in general");
            }
            memberships.leave(c.user(), room);
            connected.left(c.user(), room);
        } else if (frame instanceof ClientFrame.Typing typing) {
            typing(c, typing);
        } else if (frame instanceof ClientFrame.Read read) {
            read(c, read);
        } else if (frame instanceof ClientFrame.Ping) {
            c.send(codec.write(new ServerFrame.Pong()));
        }
        // register: accepted for compatibility and ignored, identity comes from the token
    }

    private void say(Connection c, ClientFrame.Chat chat) {
        takeRateToken(c);
        String room = room(chat.room(), true);
        checkContent(chat.content(), chat.clientId());
        if (!c.isMember(room)) {
            throw new FrameRejected(ErrorCode.NOT_MEMBER, "join the room first: " + room);
        }
        deliverOwnCopyIfDuplicate(c, store.append(Conversation.room(room), c.user(), chat.content(), chat.clientId()),
                chat.content(), chat.clientId());
    }

    private void sayPrivately(Connection c, ClientFrame.Private dm) {
        takeRateToken(c);
        if (dm.target() == null) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "target is required");
        }
        if (!Username.isValid(dm.target())) {
            throw new FrameRejected(ErrorCode.USER_NOT_FOUND, "no such user");
        }
        checkContent(dm.content(), dm.clientId());
        Conversation conversation = Conversation.direct(c.user(), dm.target());
        deliverOwnCopyIfDuplicate(c, store.append(conversation, c.user(), dm.content(), dm.clientId()), dm.content(),
                dm.clientId());
    }

    /**
     * A resend of an accepted clientId: the sender gets the first stored copy again, nobody else anything. When
     * history no longer holds that copy (trimmed since), the resend's content stands in under the first id and
     * time: the client still learns that its message was stored, instead of waiting for an answer forever.
     */
    private void deliverOwnCopyIfDuplicate(Connection c, MessageStore.Appended appended, String content, String clientId) {
        if (!appended.duplicate()) {
            metrics.accepted();
            return;
        }
        Conversation conversation = appended.conversation();
        Message first = store.find(conversation, appended.id()).orElseGet(() -> new Message(appended.id(), conversation,
                c.user(), conversation.isRoom() ? null : conversation.peerOf(c.user()), content,
                MessageId.millis(appended.id()), clientId));
        c.send(MessageFrames.of(first, c.user()));
    }

    private void history(Connection c, ClientFrame.History h) {
        Conversation conversation = conversation(c, h.room(), h.with());
        if (h.before() != null && !MessageId.isValid(h.before()) || h.after() != null && !MessageId.isValid(h.after())) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "before and after are message ids");
        }
        int limit = h.limit() == null ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, h.limit()));
        MessageStore.Page page = store.page(conversation, h.before(), h.after(), limit);
        c.send(MessageFrames.history(conversation, c.user(), page.messages(), page.hasMore()));
    }

    private void typing(Connection c, ClientFrame.Typing t) {
        takeRateToken(c);
        ServerFrame.Typing relayed;
        String scope;
        if (t.room() != null && t.target() == null) {
            String room = room(t.room(), false);
            if (!c.isMember(room)) {
                throw new FrameRejected(ErrorCode.NOT_MEMBER, "not in room " + room);
            }
            relayed = new ServerFrame.Typing(c.user(), room, null);
            scope = "r:" + room;
        } else if (t.target() != null && t.room() == null) {
            if (!Username.isValid(t.target())) {
                throw new FrameRejected(ErrorCode.USER_NOT_FOUND, "no such user");
            }
            relayed = new ServerFrame.Typing(c.user(), null, t.target());
            scope = "u:" + t.target();
        } else {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "typing takes a room or a target");
        }
        redis.publish(BusEvents.event(BusEvents.TYPING, codec.write(relayed), scope, c.user()));
    }

    private void read(Connection c, ClientFrame.Read r) {
        Conversation conversation = conversation(c, r.room(), r.with());
        if (!MessageId.isValid(r.id())) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "id is a message id");
        }
        readMarkers.markRead(c.user(), conversation, r.id());
    }

    /** The conversation a history or read frame names: a room the user is in, or a direct one. */
    private Conversation conversation(Connection c, String room, String with) {
        if (room != null && with == null) {
            String valid = room(room, false);
            if (!c.isMember(valid)) {
                throw new FrameRejected(ErrorCode.NOT_MEMBER, "not in room " + valid);
            }
            return Conversation.room(valid);
        }
        if (with != null && room == null) {
            if (!Username.isValid(with)) {
                throw new FrameRejected(ErrorCode.USER_NOT_FOUND, "no such user");
            }
            return Conversation.direct(c.user(), with);
        }
        throw new FrameRejected(ErrorCode.BAD_REQUEST, "name a room or a user (with), not both");
    }

    private static String room(String room, boolean defaultsToGeneral) {
        if (room == null && defaultsToGeneral) {
            return Conversation.GENERAL;
        }
        if (!Conversation.isValidRoom(room)) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "room names are 1 to 32 of a-z 0-9 - _");
        }
        return room;
    }

    private void checkContent(String content, String clientId) {
        if (content == null || content.isBlank()) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "content is required");
        }
        if (content.codePointCount(0, content.length()) > maxContent) {
            throw new FrameRejected(ErrorCode.TOO_LARGE, "content is over " + maxContent + " characters");
        }
        if (clientId != null && (clientId.length() > MAX_CLIENT_ID || clientId.chars().anyMatch(ch -> ch < 0x20))) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "clientId: at most " + MAX_CLIENT_ID + " printable characters");
        }
    }

    private static void takeRateToken(Connection c) {
        if (!c.rateLimit().tryTake()) {
            throw new FrameRejected(ErrorCode.RATE_LIMITED, "too many frames, slow down");
        }
    }
}
