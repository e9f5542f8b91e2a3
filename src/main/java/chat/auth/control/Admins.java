package chat.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Admins are the names listed in {@code chat.admins}, or holders of a token whose groups contain "admin". */
@ApplicationScoped
public class Admins {

    public static final String GROUP = "admin";

    @Inject
    @ConfigProperty(name = "chat.admins")
    Optional<List<String>> listed;

    public boolean isListed(String name) {
        return listed.map(names -> names.stream().map(String::trim).anyMatch(name::equals)).orElse(false);
    }

    public boolean isAdmin(String name, List<String> groups) {
        return isListed(name) || groups != null && groups.contains(GROUP);
    }

    public List<String> names() {
        return listed.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
