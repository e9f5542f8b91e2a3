package chat.auth.entity;

/** The username rule of the contract: 1 to 32 characters of A-Z a-z 0-9 _ . - */
public final class Username {

    private static final int MAX_LENGTH = 32;

    private Username() {
    }

    /** Checked for every direct message received, so a plain loop rather than a regular expression. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
