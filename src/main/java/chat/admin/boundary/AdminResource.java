package chat.admin.boundary;

import chat.admin.control.Moderation;
import chat.admin.entity.AnnouncementRequest;
import chat.auth.boundary.AdminOnly;
import chat.auth.boundary.BearerAuth;
import chat.auth.entity.Username;
import chat.platform.entity.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The admin API: sessions, announcements, kicks and bans. Admins only ({@link AdminOnly}); others get 403. */
@Path("admin")
@BearerAuth
@AdminOnly
@Tag(name = "admin", description = "Admins only: 401 without a token, 403 for non-admins")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Moderation moderation;

    @Inject
    @ConfigProperty(name = "chat.max-content", defaultValue = "4000")
    int maxContent;

    @Context
    SecurityContext caller;

    @GET
    @Path("sessions")
    @Operation(summary = "Open connections on every instance", description = "{\"sessions\":[{\"user\",\"instance\",\"since\",\"remote\"}]}")
    public Response sessions() {
        return Response.ok("{\"sessions\":[" + String.join(",", moderation.sessions()) + "]}").build();
    }

    @POST
    @Path("announcements")
    @Operation(summary = "Send an announcement frame to everyone connected")
    @APIResponse(responseCode = "202", description = "Sent; the body is the announcement frame")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response announce(AnnouncementRequest request) {
        if (request == null || request.content() == null || request.content().isBlank()) {
            return ApiError.response(400, "BAD_REQUEST", "content is required");
        }
        if (request.content().codePointCount(0, request.content().length()) > maxContent) {
            return ApiError.response(400, "TOO_LARGE", "content is over " + maxContent + " characters");
        }
        return Response.accepted(moderation.announce(admin(), request.content())).build();
    }

    @DELETE
    @Path("users/{user}/sessions")
    @Operation(summary = "Close every connection of a user (close code 4000), on every instance")
    public Response kick(@PathParam("user") String user) {
        if (!Username.isValid(user)) {
            return unknownUser();
        }
        moderation.kick(admin(), user);
        return Response.noContent().build();
    }

    @POST
    @Path("users/{user}/ban")
    @Operation(summary = "Ban a user: login and handshake refused, open connections closed (4000)")
    public Response ban(@PathParam("user") String user) {
        if (!Username.isValid(user)) {
            return unknownUser();
        }
        moderation.ban(admin(), user);
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{user}/ban")
    @Operation(summary = "Lift a ban")
    public Response unban(@PathParam("user") String user) {
        if (!Username.isValid(user)) {
            return unknownUser();
        }
        moderation.unban(admin(), user);
        return Response.noContent().build();
    }

    private static Response unknownUser() {
        return ApiError.response(404, "USER_NOT_FOUND", "no such user");
    }

    private String admin() {
        return caller.getUserPrincipal().getName();
    }
}
