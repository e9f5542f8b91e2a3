package chat.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Admins are the names listed in {@code chat.admins}, or holders of a token whose groups contain "admin". */
@ApplicationScoped
public class Admins {

    public static final String GROUP = "admin";

    @Inject
    @ConfigProperty(name = "chat.admins")
    Optional<String> listed;

    public boolean isListed(String name) {
        return names().contains(name);
    }

    public boolean isAdmin(String name, List<String> groups) {
        return isListed(name) || groups != null && groups.contains(GROUP);
    }

    public List<String> names() {
        return listed.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList())
                .orElse(List.of());
    }
}
