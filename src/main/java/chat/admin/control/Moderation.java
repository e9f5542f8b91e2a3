package chat.admin.control;

import chat.auth.control.Bans;
import chat.messaging.control.BusEvents;
import chat.messaging.control.FrameCodec;
import chat.messaging.entity.ServerFrame;
import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What admins do. Every action goes over the bus, so it reaches users on every instance, and is logged
 * with the admin who did it.
 */
@ApplicationScoped
public class Moderation {

    private static final Logger LOG = Logger.getLogger(Moderation.class.getName());
    static final String KICKED = "4000";

    @Inject
    Redis redis;

    @Inject
    Bans bans;

    @Inject
    FrameCodec codec;

    public String announce(String admin, String content) {
        String frame = codec.write(new ServerFrame.Announcement(content));
        redis.publish(BusEvents.event(BusEvents.ANNOUNCEMENT, frame));
        LOG.info(() -> "admin " + admin + " sent an announcement (" + content.codePointCount(0, content.length()) + " characters)");
        return frame;
    }

    public void kick(String admin, String user) {
        closeSessions(user, "kicked by an admin");
        LOG.info(() -> "admin " + admin + " kicked " + user);
    }

    public void ban(String admin, String user) {
        bans.ban(user);
        closeSessions(user, "banned");
        LOG.info(() -> "admin " + admin + " banned " + user);
    }

    public void unban(String admin, String user) {
        bans.unban(user);
        LOG.info(() -> "admin " + admin + " lifted the ban of " + user);
    }

    private void closeSessions(String user, String reason) {
        redis.publish(BusEvents.event(BusEvents.CLOSE, "", user, KICKED, reason));
    }

    /** The open sessions of every live instance, as JSON objects {"user","instance","since","remote"}. */
    public List<String> sessions() {
        return redis.call(jedis -> {
            List<String> all = new ArrayList<>();
            for (String node : jedis.zrange(redis.key("nodes"), 0, -1)) {
                all.addAll(jedis.hvals(redis.key("node:" + node + ":sessions")));
            }
            return all;
        });
    }
}
