package chat.auth.boundary;

import chat.auth.control.Accounts;
import chat.auth.control.Bans;
import chat.auth.control.Passwords;
import chat.auth.control.Tokens;
import chat.auth.entity.Credentials;
import chat.auth.entity.Username;
import chat.platform.entity.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * Login: POST /api/tokens. A wrong password and an unknown user get the same answer after the same work
 * (a decoy hash is verified), so neither the body nor the timing tells whether a name exists.
 */
@Path("tokens")
@Tag(name = "identity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    private static final Logger LOG = Logger.getLogger(TokensResource.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    Passwords passwords;

    @Inject
    Tokens tokens;

    @Inject
    Bans bans;

    @POST
    @Operation(summary = "Log in", description = "Returns a signed JWT for the WebSocket (?token=) and bearer REST calls.")
    @APIResponse(responseCode = "200", description = "{\"token\",\"username\",\"expiresAt\"} (epoch ms)")
    @APIResponse(responseCode = "401", description = "Wrong username or password (the same answer for unknown users)")
    @APIResponse(responseCode = "403", description = "The account is banned")
    public Response login(Credentials credentials) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            return ApiError.response(400, "BAD_REQUEST", "username and password are required");
        }
        String name = credentials.username();
        String stored = Username.isValid(name) ? accounts.passwordHash(name).orElse(null) : null;
        if (!passwords.matches(credentials.password(), stored)) {
            LOG.info(() -> "login failed for " + (Username.isValid(name) ? name : "an invalid name"));
            return ApiError.response(401, "UNAUTHORIZED", "wrong username or password");
        }
        if (bans.isBanned(name)) {
            LOG.info(() -> "login refused for banned user " + name);
            return ApiError.response(403, "BANNED", "this account is banned");
        }
        LOG.info(() -> "login: " + name);
        return Response.ok(tokens.issue(name)).build();
    }
}
