package chat.auth.boundary;

import chat.auth.control.Accounts;
import chat.auth.control.Admins;
import chat.auth.control.Passwords;
import chat.auth.entity.Credentials;
import chat.auth.entity.Registered;
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


/** Registration: POST /api/users. */
@Path("users")
@Tag(name = "identity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    private static final Logger LOG = Logger.getLogger(UsersResource.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    Passwords passwords;

    @Inject
    Admins admins;

    @POST
    @Operation(summary = "Register an account", description = "Username: 1 to 32 of A-Z a-z 0-9 _ . -; password: at least 8 characters.")
    @APIResponse(responseCode = "201", description = "Created: {\"username\"}")
    @APIResponse(responseCode = "400", description = "Invalid name or password")
    @APIResponse(responseCode = "403", description = "The name is reserved for an admin (chat.admins)")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Response register(Credentials credentials) {
        if (credentials == null || !Username.isValid(credentials.username())) {
            return ApiError.response(400, "BAD_REQUEST", "username: 1 to 32 of A-Z a-z 0-9 _ . -");
        }
        if (!Passwords.isAcceptable(credentials.password())) {
            return ApiError.response(400, "BAD_REQUEST", "password: at least 8 characters");
        }
        String name = credentials.username();
        if (admins.isListed(name)) {
            return ApiError.response(403, "FORBIDDEN", "this name is reserved");
        }
        if (!accounts.create(name, passwords.hash(credentials.password()))) {
            return ApiError.response(409, "USERNAME_TAKEN", "this name is taken");
        }
        LOG.info(() -> "user registered: " + name);
        return Response.status(201).entity(new Registered(name)).build();
    }
}
