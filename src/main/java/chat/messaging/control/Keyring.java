package chat.messaging.control;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that encrypt message text at rest, by id, and the one that seals new messages.
 * {@code chat.crypto.key} is one base64 AES-256 key with the id {@value #DEFAULT_ID};
 * {@code chat.crypto.keys} adds {@code id:base64,id:base64,…}; {@code chat.crypto.key-id} names the
 * active key (by default {@value #DEFAULT_ID} when {@code chat.crypto.key} is set, else the last one listed).
 * Rotating means adding a key and naming it active: the older keys stay so older messages stay readable.
 * No key at all: plain text. Anything malformed is refused at start, never guessed at.
 */
record Keyring(Map<String, SecretKey> keys, String activeId) {

    static final String DEFAULT_ID = "default";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    static Keyring plainText() {
        return new Keyring(Map.of(), null);
    }

    boolean encrypts() {
        return activeId != null;
    }

    SecretKey active() {
        return keys.get(activeId);
    }

    Optional<SecretKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    static Keyring parse(Optional<String> key, Optional<String> list, Optional<String> activeId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        key.map(String::trim).filter(k -> !k.isEmpty()).ifPresent(k -> keys.put(DEFAULT_ID, aesKey(DEFAULT_ID, k)));
        String last = null;
        for (String entry : list.map(String::trim).orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("chat.crypto.keys: an entry is not id:base64");
            }
            String id = entry.substring(0, colon).trim();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("chat.crypto.keys: bad key id '" + id + "' (1 to 32 of A-Z a-z 0-9 _ . -)");
            }
            if (keys.put(id, aesKey(id, entry.substring(colon + 1).trim())) != null) {
                throw new IllegalArgumentException("chat.crypto.keys: key id '" + id + "' given twice");
            }
            last = id;
        }
        if (keys.isEmpty()) {
            if (activeId.filter(s -> !s.isBlank()).isPresent()) {
                throw new IllegalArgumentException("chat.crypto.key-id is set but no key is configured");
            }
            return plainText();
        }
        String active = activeId.map(String::trim).filter(s -> !s.isEmpty())
                .orElse(keys.containsKey(DEFAULT_ID) ? DEFAULT_ID : last);
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException("chat.crypto.key-id names no configured key: '" + active + "'");
        }
        return new Keyring(Map.copyOf(keys), active);
    }

    private static SecretKey aesKey(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption key '" + id + "' is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("encryption key '" + id + "' must be 32 bytes (AES-256), is " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
