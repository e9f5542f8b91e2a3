package chat.auth.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UsernameTest {

    @Test
    void acceptsTheContractsCharactersUpTo32() {
        assertTrue(Username.isValid("a"));
        assertTrue(Username.isValid("Alice_01.b-c"));
        assertTrue(Username.isValid("x".repeat(32)));
    }

    @Test
    void refusesEmptyTooLongAndOtherCharacters() {
        assertFalse(Username.isValid(null));
        assertFalse(Username.isValid(""));
        assertFalse(Username.isValid("x".repeat(33)));
        for (String bad : new String[] {"a b", "a/b", "ä", "a@b", "a:b", "a\nb", "a\u0000"}) {
            assertFalse(Username.isValid(bad), bad);
        }
    }
}
