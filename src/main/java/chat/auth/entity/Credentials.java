package chat.auth.entity;

/** Body of POST /api/users and POST /api/tokens. */
public record Credentials(String username, String password) {
}
