package chat.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a request came from, for logs and the admin's session list. Behind a proxy (nginx) the peer is the
 * proxy; with {@code chat.trust-proxy=true} the client is the last {@code X-Forwarded-For} entry, the one
 * the proxy appended itself (earlier entries are whatever the client sent). Without that setting the
 * header is ignored, since anybody can send it.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    @Inject
    @ConfigProperty(name = "chat.trust-proxy", defaultValue = "false")
    boolean trustProxy;

    public String of(String peer, String forwardedFor) {
        if (!trustProxy || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
        return IP.matcher(last).matches() ? last : peer;
    }
}
