package chat.auth.control;

import chat.platform.control.StoreUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Gives the accounts named in {@code chat.admins} the password {@code chat.admin-password}, when one is set. */
@ApplicationScoped
public class AdminPasswords {

    private static final Logger LOG = Logger.getLogger(AdminPasswords.class.getName());

    @Inject
    @ConfigProperty(name = "chat.admin-password")
    Optional<String> password;

    @Inject
    Admins admins;

    @Inject
    Accounts accounts;

    @Inject
    Passwords passwords;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (password.filter(Passwords::isAcceptable).isEmpty() || admins.names().isEmpty()) {
            return;
        }
        try {
            for (String name : admins.names()) {
                accounts.setPassword(name, passwords.hash(password.get()));
            }
            LOG.info(() -> "admin accounts set from configuration: " + admins.names());
        } catch (StoreUnavailable e) {
            LOG.warning("admin accounts not set: Redis is unavailable at start");
        }
    }
}
