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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** Everyone online, cluster-wide, by name; paged with {@code after} and {@code limit} for large clusters. */
@Path("presence")
@BearerAuth
@Tag(name = "presence")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    static final int MAX_PAGE = 10_000;

    @Inject
    Presence presence;

    @GET
    @Operation(summary = "Who is online anywhere in the cluster", description = "Sorted by name; page with after=NAME and limit (at most 10,000).")
    @APIResponse(responseCode = "200", description = "{\"online\":[\"alice\",...]}")
    public OnlineUsers online(@QueryParam("after") String after, @QueryParam("limit") @DefaultValue("10000") int limit) {
        return new OnlineUsers(presence.online(after, Math.max(1, Math.min(MAX_PAGE, limit))));
    }
}
