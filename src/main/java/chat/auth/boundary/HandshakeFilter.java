package chat.auth.boundary;

import chat.auth.control.HandshakeGuard;
import chat.auth.entity.Admission;
import chat.platform.control.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a WebSocket handshake with a plain HTTP 401/403 before the upgrade, so a client without a valid
 * token, a banned user or a cross-site page never gets a session (throwing from the configurator would
 * answer 500). The query string, which holds the token, is never logged.
 */
@WebFilter(urlPatterns = "/chat", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    @Inject
    HandshakeGuard guard;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String client = clientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
        Admission admission = guard.check(request.getParameter("token"), request.getHeader("Origin"),
                request.getHeader("Host"), request.isSecure(), request.getHeader("X-Forwarded-Proto"),
                request.getHeader("X-Forwarded-Host"), client);
        if (!admission.admitted()) {
            response.setStatus(admission.status());
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"error\":\"" + admission.error() + "\",\"message\":\""
                    + admission.reason() + "\"}");
            return;
        }
        // the WebSocket session takes its remote address from the request it upgrades: behind a trusted
        // proxy that is the client's, not the proxy's
        chain.doFilter(client.equals(request.getRemoteAddr()) ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }
        }, response);
    }
}
