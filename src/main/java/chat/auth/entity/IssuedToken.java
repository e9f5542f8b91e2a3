package chat.auth.entity;

/** Answer of a successful login; {@code expiresAt} in epoch milliseconds like every other time on the wire. */
public record IssuedToken(String token, String username, long expiresAt) {
}
