package chat.auth.entity;

import java.util.regex.Pattern;

/** The username rule of the contract: 1 to 32 characters of A-Z a-z 0-9 _ . - */
public final class Username {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private Username() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
