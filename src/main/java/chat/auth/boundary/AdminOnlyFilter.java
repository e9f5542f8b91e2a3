package chat.auth.boundary;

import chat.auth.control.Admins;
import chat.platform.entity.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** 403 for an authenticated caller who is not an admin; runs after {@link BearerFilter}. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getSecurityContext().isUserInRole(Admins.GROUP)) {
            request.abortWith(ApiError.response(403, "FORBIDDEN", "admins only"));
        }
    }
}
