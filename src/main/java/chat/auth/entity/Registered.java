package chat.auth.entity;

/** Answer of a successful registration. */
public record Registered(String username) {
}
