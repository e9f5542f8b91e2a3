package chat.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Salted, slow password hashes (Jakarta Security's PBKDF2, HMAC-SHA-512, 32-byte salt per password).
 * The iteration count is stored inside each hash, so raising it later keeps old passwords valid.
 */
@ApplicationScoped
public class Passwords {

    /** Verified when a user does not exist, so a login takes as long either way. */
    private String decoy;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "chat.auth.pbkdf2-iterations", defaultValue = "210000")
    int iterations;

    @PostConstruct
    void init() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = pbkdf2.generate("decoy-password".toCharArray());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /** Checks a password against a stored hash, or against a decoy when there is none, in constant work. */
    public boolean matches(String password, String storedHash) {
        boolean known = storedHash != null;
        boolean ok = pbkdf2.verify(password.toCharArray(), known ? storedHash : decoy);
        return known && ok;
    }

    public static boolean isAcceptable(String password) {
        return password != null && password.codePointCount(0, password.length()) >= 8 && password.length() <= 1024;
    }
}
