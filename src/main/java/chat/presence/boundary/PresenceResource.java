package chat.presence.boundary;

import chat.auth.boundary.BearerAuth;
import chat.presence.control.Presence;
import chat.presence.entity.OnlineUsers;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Everyone online, cluster-wide, by name; paged with {@code after} and {@code limit} for large clusters. */
@Path("presence")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    static final int MAX_PAGE = 10_000;

    @Inject
    Presence presence;

    @GET
    public OnlineUsers online(@QueryParam("after") String after, @QueryParam("limit") @DefaultValue("10000") int limit) {
        return new OnlineUsers(presence.online(after, Math.max(1, Math.min(MAX_PAGE, limit))));
    }
}
