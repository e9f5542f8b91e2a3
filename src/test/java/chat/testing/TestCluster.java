package chat.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The settings every test instance shares: the suite's Redis under a key prefix of this run's own,
 * and a known token secret so tests can mint tokens. One instance is shared by the whole suite
 * ({@link #shared()}); tests that need their own (restarts, outages, several instances) start more.
 */
public final class TestCluster {

    public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    public static final String ADMIN = "root";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    /** An identity provider's key pair: the server trusts its public half for RS256 tokens. */
    public static final KeyPair IDP_KEYS = rsaKeys();
    /** The identity provider's name in its tokens (iss) and the chat's (aud) there. */
    public static final String IDP_ISSUER = "https://idp.example.test/realms/staff";
    public static final String IDP_AUDIENCE = "chat";

    private static PayaraInstance shared;
    private static final String PREFIX = "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    private TestCluster() {
    }

    /** The key prefix of this test run: isolates it from a developer's running chat and from other runs. */
    public static String keyPrefix() {
        return PREFIX;
    }

    public static Map<String, String> env(LocalRedis redis) {
        Map<String, String> env = new HashMap<>();
        env.put("CHAT_REDIS_URL", redis.uri().toString());
        env.put("CHAT_REDIS_KEY_PREFIX", PREFIX);
        env.put("CHAT_AUTH_SECRET", SECRET);
        env.put("CHAT_ADMINS", ADMIN);
        env.put("CHAT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // fast hashing keeps the suite quick; production uses the slow default
        env.put("CHAT_AUTH_PBKDF2_ITERATIONS", "1024");
        // a small backlog limit lets the slow-consumer test overflow it quickly
        env.put("CHAT_OUTBOUND_MAX_BYTES", "262144");
        // frequent pings let tests see dead connections cleaned up within seconds
        env.put("CHAT_WS_PING_SECONDS", "2");
        env.put("CHAT_AUTH_ISSUER", IDP_ISSUER);
        env.put("CHAT_AUTH_AUDIENCE", IDP_AUDIENCE);
        env.put("CHAT_AUTH_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(IDP_KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
        return env;
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized PayaraInstance shared() {
        if (shared == null) {
            LocalRedis redis = LocalRedis.shared();
            shared = PayaraInstance.start("shared", env(redis));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.stop();
                redis.deleteKeys(PREFIX);
            }));
        }
        return shared;
    }
}
