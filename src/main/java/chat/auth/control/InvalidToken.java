package chat.auth.control;

/** A token that is missing, malformed, wrongly signed, of the wrong algorithm or expired. */
public class InvalidToken extends Exception {
    public InvalidToken(String reason) {
        super(reason);
    }
}
