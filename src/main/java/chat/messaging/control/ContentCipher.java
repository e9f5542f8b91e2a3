package chat.messaging.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How message text is kept in Redis: AES-256-GCM under the active key of the {@link Keyring} when one is
 * configured, plain text otherwise. Each message gets a fresh random 12-byte nonce; the stored text is
 * base64(nonce ‖ ciphertext ‖ tag), and the id of the key that sealed it is stored beside it ({@code k},
 * "" for plain text), so older messages stay readable after a new key becomes active.
 */
@ApplicationScoped
public class ContentCipher {

    private static final Logger LOG = Logger.getLogger(ContentCipher.class.getName());
    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final String PLAIN_TEXT = "";
    /** What a message that cannot be decrypted reads as; the log says why, once per key id and reason. */
    static final String UNREADABLE = "[this message cannot be decrypted]";

    @Inject
    @ConfigProperty(name = "chat.crypto.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "chat.crypto.keys")
    Optional<String> keys;

    @Inject
    @ConfigProperty(name = "chat.crypto.key-id")
    Optional<String> keyId;

    private final SecureRandom random = new SecureRandom();
    private final Set<String> reportedUnreadable = ConcurrentHashMap.newKeySet();
    private Keyring keyring;

    public ContentCipher() {
    }

    ContentCipher(Keyring keyring) {
        this.keyring = keyring;
    }

    /** Text as stored, and the id of the key that sealed it ("" for plain text). */
    public record Sealed(String text, String keyId) {
    }

    @PostConstruct
    void configure() {
        keyring = Keyring.parse(key, keys, keyId);
    }

    /** Reads the keys at start, so a malformed key stops the deployment instead of the first message. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (keyring.encrypts()) {
            LOG.info(() -> "message text is encrypted at rest (AES-256-GCM), active key id '" + keyring.activeId()
                    + "', " + keyring.keys().size() + " key(s) known");
        } else {
            LOG.info("message text is stored in Redis as plain text: set chat.crypto.key to encrypt it at rest");
        }
    }

    public Sealed seal(String content) {
        if (!keyring.encrypts()) {
            return new Sealed(content, PLAIN_TEXT);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyring.active(), nonce);
            byte[] sealed = cipher.doFinal(content.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return new Sealed(Base64.getEncoder().encodeToString(out.array()), keyring.activeId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The text of a stored message. One that cannot be opened (its key was removed from the configuration,
     * or the stored bytes were altered) reads as a notice, so a page of history still loads.
     */
    public String open(String stored, String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return stored;
        }
        Optional<SecretKey> secret = keyring.find(keyId);
        if (secret.isEmpty()) {
            return unreadable(keyId, "its key is not configured");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            if (bytes.length < NONCE_BYTES) {
                return unreadable(keyId, "it is truncated");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, secret.get(), Arrays.copyOf(bytes, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return unreadable(keyId, "it does not decrypt with its key");
        }
    }

    private static Cipher cipher(int mode, SecretKey secret, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(ALGORITHM);
        cipher.init(mode, secret, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private String unreadable(String keyId, String why) {
        if (reportedUnreadable.add(keyId + why)) {
            LOG.warning(() -> "a stored message sealed with key id '" + keyId + "' is unreadable: " + why
                    + " (reported once per key id)");
        }
        return UNREADABLE;
    }
}
