package chat.auth.boundary;

import chat.auth.control.Admins;
import chat.auth.control.Bans;
import chat.auth.control.InvalidToken;
import chat.auth.control.Tokens;
import chat.auth.entity.ChatPrincipal;
import chat.platform.entity.ApiError;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Authenticates REST calls from the bearer token: 401 without a valid one, 403 for a banned user.
 * Resources read the caller from {@link SecurityContext}; role "admin" marks admins.
 */
@Provider
@BearerAuth
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {

    private static final String PREFIX = "Bearer ";

    @Inject
    Tokens tokens;

    @Inject
    Bans bans;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            request.abortWith(ApiError.response(401, "UNAUTHORIZED", "a bearer token is required"));
            return;
        }
        ChatPrincipal principal;
        try {
            principal = tokens.verify(header.substring(PREFIX.length()).trim());
        } catch (InvalidToken e) {
            request.abortWith(ApiError.response(401, "UNAUTHORIZED", e.getMessage()));
            return;
        }
        if (bans.isBanned(principal.name())) {
            request.abortWith(ApiError.response(403, "BANNED", "this account is banned"));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Admins.GROUP.equals(role) && principal.admin();
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
