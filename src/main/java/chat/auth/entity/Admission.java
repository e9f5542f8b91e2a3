package chat.auth.entity;

/**
 * The outcome of checking a WebSocket handshake: a principal, or the HTTP status and error code that
 * refuse it (401 for a missing, bad or expired token; 403 for a ban or a cross-site origin).
 */
public record Admission(ChatPrincipal principal, int status, String error, String reason) {

    public static Admission admit(ChatPrincipal principal) {
        return new Admission(principal, 200, null, null);
    }

    public static Admission refuse(int status, String error, String reason) {
        return new Admission(null, status, error, reason);
    }

    public boolean admitted() {
        return principal != null;
    }
}
