package chat.messaging.boundary;

import chat.auth.boundary.BearerAuth;
import chat.auth.entity.Username;
import chat.messaging.control.Memberships;
import chat.messaging.control.MessageFrames;
import chat.messaging.control.MessageStore;
import chat.messaging.entity.Conversation;
import chat.messaging.entity.MessageId;
import chat.platform.entity.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** History over REST, the same pages as the WebSocket {@code history} frame. */
@Path("")
@BearerAuth
@Tag(name = "history")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    @Inject
    MessageStore store;

    @Inject
    Memberships memberships;

    @GET
    @Path("rooms/{room}/messages")
    @Operation(summary = "A page of a room's history, oldest first",
            description = "before=ID: the newest page older than ID; after=ID: the oldest page newer than ID; limit 1..200 (50).")
    @APIResponse(responseCode = "200", description = "{\"room\",\"messages\":[...],\"hasMore\"}")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the room")
    public Response room(@PathParam("room") String room, @QueryParam("before") String before,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit, @Context SecurityContext caller) {
        if (!Conversation.isValidRoom(room)) {
            return ApiError.response(400, "BAD_REQUEST", "room names are 1 to 32 of a-z 0-9 - _");
        }
        String user = caller.getUserPrincipal().getName();
        if (!memberships.isMember(user, room)) {
            return ApiError.response(403, "NOT_MEMBER", "join the room first");
        }
        return page(Conversation.room(room), user, before, after, limit);
    }

    @GET
    @Path("conversations/{user}/messages")
    @Operation(summary = "A page of the direct conversation between the caller and {user}, oldest first")
    @APIResponse(responseCode = "200", description = "{\"with\",\"messages\":[...],\"hasMore\"}")
    public Response direct(@PathParam("user") String peer, @QueryParam("before") String before,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit, @Context SecurityContext caller) {
        if (!Username.isValid(peer)) {
            return ApiError.response(404, "USER_NOT_FOUND", "no such user");
        }
        String user = caller.getUserPrincipal().getName();
        return page(Conversation.direct(user, peer), user, before, after, limit);
    }

    private Response page(Conversation conversation, String viewer, String before, String after, Integer limit) {
        if (before != null && !MessageId.isValid(before) || after != null && !MessageId.isValid(after)) {
            return ApiError.response(400, "BAD_REQUEST", "before and after are message ids");
        }
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        MessageStore.Page page = store.page(conversation, before, after, size);
        return Response.ok(MessageFrames.history(conversation, viewer, page.messages(), page.hasMore())).build();
    }
}
