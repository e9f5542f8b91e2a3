package chat.messaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentCipherTest {

    private static final String TEXT = "meet me at 6 👋🏽 \"quoted\"";

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static ContentCipher cipher(String key, String keys, String keyId) {
        return new ContentCipher(Keyring.parse(Optional.ofNullable(key), Optional.ofNullable(keys), Optional.ofNullable(keyId)));
    }

    @Test
    void withoutAKeyTextIsStoredAsItIs() {
        ContentCipher plain = cipher(null, null, null);
        assertEquals(new ContentCipher.Sealed(TEXT, ""), plain.seal(TEXT));
        assertEquals(TEXT, plain.open(TEXT, ""));
    }

    @Test
    void aKeySealsWithAFreshNonceEachTimeAndOpensAgain() {
        ContentCipher aes = cipher(newKey(), null, null);
        ContentCipher.Sealed first = aes.seal(TEXT);
        ContentCipher.Sealed second = aes.seal(TEXT);
        assertEquals("default", first.keyId());
        assertFalse(first.text().contains("meet"));
        assertNotEquals(first.text(), second.text(), "a fresh nonce per message");
        assertEquals(12 + TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 16,
                Base64.getDecoder().decode(first.text()).length, "nonce, ciphertext, 16-byte tag");
        assertEquals(TEXT, aes.open(first.text(), first.keyId()));
        assertEquals(TEXT, aes.open(second.text(), second.keyId()));
    }

    @Test
    void afterRotationOldMessagesStayReadableAndNewOnesUseTheNewKey() {
        String k1 = newKey();
        String k2 = newKey();
        ContentCipher before = cipher(null, "2025a:" + k1, null);
        ContentCipher.Sealed old = before.seal(TEXT);
        assertEquals("2025a", old.keyId());

        ContentCipher after = cipher(null, "2025a:" + k1 + ", 2025b:" + k2, "2025b");
        ContentCipher.Sealed fresh = after.seal("new");
        assertEquals("2025b", fresh.keyId());
        assertEquals(TEXT, after.open(old.text(), old.keyId()));
        assertEquals("new", after.open(fresh.text(), fresh.keyId()));
        assertEquals("plain", after.open("plain", ""), "messages stored before encryption was turned on");
        assertEquals("2025b", cipher(null, "2025a:" + k1 + ",2025b:" + k2, null).seal("x").keyId(),
                "without key-id the last key listed is active");
    }

    @Test
    void aMessageWhoseKeyIsGoneOrWhoseBytesWereAlteredReadsAsANotice() {
        String k1 = newKey();
        ContentCipher.Sealed sealed = cipher(null, "one:" + k1, null).seal(TEXT);
        assertEquals(ContentCipher.UNREADABLE, cipher(null, "two:" + newKey(), null).open(sealed.text(), "one"));
        byte[] bytes = Base64.getDecoder().decode(sealed.text());
        bytes[bytes.length - 1] ^= 1;
        assertEquals(ContentCipher.UNREADABLE,
                cipher(null, "one:" + k1, null).open(Base64.getEncoder().encodeToString(bytes), "one"));
        assertEquals(ContentCipher.UNREADABLE, cipher(null, "one:" + k1, null).open("%%%", "one"));
    }

    @Test
    void malformedKeysAreRefusedWithoutShowingThem() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cipher(shortKey, null, null));
        assertFalse(e.getMessage().contains(shortKey));
        assertThrows(IllegalArgumentException.class, () -> cipher("not base64!", null, null));
        assertThrows(IllegalArgumentException.class, () -> cipher(null, "no-colon", null));
        assertThrows(IllegalArgumentException.class, () -> cipher(null, "bad id:" + newKey(), null));
        assertThrows(IllegalArgumentException.class, () -> cipher(null, "a:" + newKey() + ",a:" + newKey(), null));
        assertThrows(IllegalArgumentException.class, () -> cipher(newKey(), null, "missing"));
        assertThrows(IllegalArgumentException.class, () -> cipher(null, null, "missing"));
        assertTrue(Keyring.parse(Optional.of(" "), Optional.of(""), Optional.empty()).keys().isEmpty(),
                "empty settings mean plain text");
    }
}
