package chat.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-site WebSocket hijacking guard: a browser's handshake must come from the server's own origin or
 * one listed in {@code chat.allowed-origins}. A request without Origin is not from a browser and passes.
 */
@ApplicationScoped
public class OriginPolicy {

    @Inject
    @ConfigProperty(name = "chat.allowed-origins")
    Optional<String> allowed;

    @Inject
    @ConfigProperty(name = "chat.trust-proxy", defaultValue = "false")
    boolean trustProxy;

    /**
     * @param origin the Origin header, or null
     * @param host the Host header
     * @param secure whether the request itself came over TLS
     * @param forwardedProto X-Forwarded-Proto, or null
     * @param forwardedHost X-Forwarded-Host, or null
     */
    public boolean permits(String origin, String host, boolean secure, String forwardedProto, String forwardedHost) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        if (allowed.stream().flatMap(list -> Arrays.stream(list.split(","))).map(OriginPolicy::normalize)
                .anyMatch(normalized::equals)) {
            return true;
        }
        String scheme = secure ? "https" : "http";
        String ownHost = host;
        if (trustProxy) {
            scheme = forwardedProto != null ? forwardedProto.split(",")[0].trim() : scheme;
            ownHost = forwardedHost != null ? forwardedHost.split(",")[0].trim() : ownHost;
        }
        return ownHost != null && normalized.equals(normalize(scheme + "://" + ownHost));
    }

    /** scheme://host:port in lower case with the default port made explicit, or null when not a URL. */
    static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
